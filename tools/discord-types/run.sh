#!/usr/bin/env bash
# Runs the Discord tests keeping every JSON the bot sends to Discord, then type-checks them
# against discord-api-types (Discord's documented types). Needs npm.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dump=$(mktemp -d)
trap 'rm -rf "$dump"' EXIT
[ -d "$here/node_modules" ] || (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
DISCORD_JSON_DUMP="$dump" dotnet test "$root/Bot.Tests" --filter "FullyQualifiedName~Discord" -v quiet --nologo >/dev/null
node "$here/check.mjs" "$dump"
