#!/usr/bin/env bash
# Writes the Teams app package with the bot's own command (placeholder ids), then validates its
# manifest against Microsoft's published v1.30 schema. Needs npm.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -d "$here/node_modules" ] || (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
MicrosoftAppId=00000000-0000-0000-0000-0000000000b1 Teams__Package__PublicUrl=https://p2p.example.org \
  dotnet run --project "$root/Bot" -v quiet -- teams package --out "$work/p2p.zip" >/dev/null
mkdir "$work/package"
(cd "$work/package" && python3 -c "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall('.')" "$work/p2p.zip")
node "$here/check.mjs" "$work/package"
