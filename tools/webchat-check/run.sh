#!/usr/bin/env bash
# Starts the bot on a throw-away database, lets Microsoft's Web Chat and our page run the pupils'
# and the counsellor's journeys against it in headless Chromium, and stops the bot; then the same
# for a real deployment (deployment.mjs). Our page is also audited for accessibility (a11y.mjs, axe-core).
# Needs: npm, Debian's chromium.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=$(mktemp -d)
# Installed again when the lock file is newer than what was installed (a package added since).
[ "$here/node_modules/.package-lock.json" -nt "$here/package-lock.json" ] || (cd "$here" && npm ci --no-audit --no-fund)
dotnet build "$root/Bot" -v quiet -nologo
# Exported: the check also runs the bot's command line on the same database (a group added while it runs).
export ConnectionStrings__Bot="Data Source=$data/bot.db"
WebChat__AllowedOrigins__0="http://127.0.0.1:5100" dotnet run --no-build --project "$root/Bot" >"$data/bot.log" 2>&1 &
bot=$!
trap 'kill $bot 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 60); do curl -fs http://localhost:5000/ >/dev/null && break; sleep 1; done
node "$here/check.mjs"
# Then a real deployment (a secret set): this script starts and restarts its own bot.
node "$here/deployment.mjs"
