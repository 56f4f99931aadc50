#!/usr/bin/env bash
# Runs the Discord tests keeping every JSON the bot sends to Discord, then type-checks them
# against discord-api-types (Discord's documented types). Needs npm.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dump=$(mktemp -d)
tests=$(mktemp)
trap 'rm -rf "$dump" "$tests"' EXIT
[ -d "$here/node_modules" ] || (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
# Quiet when it passes; a failing test is shown whole (its message and stack), not hidden.
if ! DISCORD_JSON_DUMP="$dump" dotnet test "$root/Bot.Tests" --filter "FullyQualifiedName~Discord" --nologo >"$tests" 2>&1; then
  grep -E -A25 '^\s+Failed |Failed!' "$tests" >&2 || tail -n 50 "$tests" >&2
  exit 1
fi
node "$here/check.mjs" "$dump"
