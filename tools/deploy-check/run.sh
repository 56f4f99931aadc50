#!/usr/bin/env bash
# docs/DEPLOY.md, tested: the published bot behind Debian's nginx on loopback, with that page's own nginx
# snippet and site (ports, certificate and host changed to the test's), run as the current user in a
# temporary folder. With a secret made here (never stored), the page, Direct Line, /healthz and the rate
# limits per real client address work through nginx over https; a backup taken meanwhile then serves a
# bot started without a secret, which nginx's requests cannot reach. One line per check; exit 1 on any failure.
# Needs: the .NET SDK, nginx, curl, jq, openssl; systemd-analyze if present.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
doc="$root/docs/DEPLOY.md"
host=p2p.example.org
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
for tool in "$nginx_bin" curl jq openssl dotnet; do
  command -v "$tool" >/dev/null || { echo "deploy check: $tool is missing (apt-get install -y nginx curl jq openssl)" >&2; exit 2; }
done

work=$(mktemp -d)
bot_pid="" nginx_pid=""
stop_bot() {
  if [ -n "$bot_pid" ]; then kill "$bot_pid" 2>/dev/null || true; wait "$bot_pid" 2>/dev/null || true; bot_pid=""; fi
}
cleanup() {
  stop_bot
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

checks=0 failures=0
ok() { checks=$((checks + 1)); echo "ok   $1"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL $1"; }
# expect <what> <expected> <actual>
expect() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1 (expected $2, got $3)"; fi; }

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    case " ${taken:-} " in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then taken="${taken:-} $port"; echo "$port"; return; fi
  done
}
bot_port=$(free_port); http_port=$(free_port); https_port=$(free_port)

# The lines of docs/DEPLOY.md between "<start line>" and "EOF", in its <n>th such block (default 1st).
heredoc() {
  awk -v start="$1" -v want="${2:-1}" '$0 == start { seen++; on = (seen == want); next } on && $0 == "EOF" { exit } on { print }' "$doc"
}
# What the page writes to <path> with cat > <path> <<'EOF'.
from_doc() { heredoc "cat > $1 <<'EOF'" "${2:-1}"; }

# --- The page's bot.env, read by sh as its wrapper reads it: in a subshell, its secret made now and never written down.
read_env=$(
  body=$(heredoc 'cat > /etc/p2p-bot/bot.env <<EOF')
  [ -n "$body" ] || exit 1
  set -a
  # shellcheck disable=SC1090 # the page's own file, expanded as its unquoted heredoc is
  . <(eval "cat <<ENV_OF_THE_PAGE
$body
ENV_OF_THE_PAGE")
  echo "${#WebChat__Secret} $ConnectionStrings__Bot | $ReverseProxy__KnownProxies__0 $Logging__Format"
) || read_env="(no bot.env in the page)"
expect "the page's bot.env reads in sh (a 44-character secret, the connection string whole)" \
  "44 Data Source=/var/lib/p2p-bot/data/bot.db | 127.0.0.1 json" "$read_env"

# --- The systemd units of the page, as systemd reads them.
if command -v systemd-analyze >/dev/null; then
  mkdir -p "$work/units"
  from_doc '/etc/systemd/system/p2p-bot@.service' >"$work/units/p2p-bot@.service"
  from_doc /etc/systemd/system/p2p-bot-backup.service 1 >"$work/units/p2p-bot-backup.service"
  from_doc /etc/systemd/system/p2p-bot-backup.timer >"$work/units/p2p-bot-backup.timer"
  from_doc /etc/systemd/system/p2p-bot-backup.service 2 >"$work/pg-backup.service"
  complaints=""
  for unit in p2p-bot@5000.service p2p-bot-backup.service p2p-bot-backup.timer; do
    [ -s "$work/units/${unit/@5000/@}" ] || complaints+="$unit not found in the page; "
    complaints+=$(cd "$work/units" && systemd-analyze verify --man=no "$work/units/$unit" 2>&1 || true)
  done
  mkdir -p "$work/units-pg" && cp "$work/pg-backup.service" "$work/units-pg/p2p-bot-backup.service"
  [ -s "$work/pg-backup.service" ] || complaints+="the PostgreSQL backup unit is not in the page; "
  complaints+=$(systemd-analyze verify --man=no "$work/units-pg/p2p-bot-backup.service" 2>&1 || true)
  if [ -z "$complaints" ]; then ok "systemd-analyze verify: the page's service, backup and timer units"; else fail "systemd units: $complaints"; fi
else
  echo "skip systemd-analyze is not installed: the page's units are not verified"
fi

# --- The bot, published and laid out as the page says (settings in their folder, data in the working folder).
echo "publishing the bot (Release) to $work/app…"
if ! dotnet publish "$root/Bot" -c Release -o "$work/app" -nologo -v quiet >"$work/publish.log" 2>&1; then
  cat "$work/publish.log" >&2
  exit 1
fi
start=$SECONDS
mkdir -p "$work/etc" "$work/state" "$work/backups" "$work/restored"
cp "$work/app/appsettings.json" "$work/etc/appsettings.json"

# start_bot <secret or empty> <database file>
start_bot() {
  (
    cd "$work/state"
    export ASPNETCORE_URLS="http://127.0.0.1:$bot_port" ASPNETCORE_CONTENTROOT="$work/etc"
    export WebChat__Secret="$1" ConnectionStrings__Bot="Data Source=$2"
    export ReverseProxy__KnownProxies__0=127.0.0.1 RateLimits__StartsPerMinute=3 Logging__Format=json
    exec dotnet "$work/app/Bot.dll"
  ) >>"$work/bot.log" 2>&1 &
  bot_pid=$!
  for _ in $(seq 600); do
    if ! kill -0 "$bot_pid" 2>/dev/null; then echo "the bot stopped:" >&2; tail -n 20 "$work/bot.log" >&2; exit 1; fi
    curl -fs -o /dev/null "http://127.0.0.1:$bot_port/healthz" && return
    sleep 0.1
  done
  echo "the bot did not answer within 60 s" >&2
  exit 1
}

secret=$(openssl rand -base64 32)
start_bot "$secret" "$work/state/data/bot.db"
unset secret

# --- nginx, with the page's snippet and site; a self-signed certificate for the host, made now.
mkdir -p "$work/nginx/snippets" "$work/nginx/tmp" "$work/tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$host" -addext "subjectAltName=DNS:$host" \
  -keyout "$work/tls/privkey.pem" -out "$work/tls/fullchain.pem" 2>/dev/null
from_doc /etc/nginx/snippets/p2p-bot-proxy.conf >"$work/nginx/snippets/p2p-bot-proxy.conf"
from_doc /etc/nginx/sites-available/p2p-bot | sed \
  -e "s|^    listen 80;|    listen 127.0.0.1:$http_port;|" \
  -e "s|^    listen 443 ssl http2;|    listen 127.0.0.1:$https_port ssl http2;|" \
  -e '/^    listen \[::\]/d' \
  -e "s|^    server 127.0.0.1:5000;|    server 127.0.0.1:$bot_port;|" \
  -e "s|/etc/letsencrypt/live/$host/|$work/tls/|" >"$work/nginx/site.conf"
# Each change must have found its line: otherwise the page changed shape, and this script must follow.
for line in "listen 127.0.0.1:$http_port;" "listen 127.0.0.1:$https_port ssl http2;" "server 127.0.0.1:$bot_port;" \
  "ssl_certificate $work/tls/fullchain.pem;" "include snippets/p2p-bot-proxy.conf;"; do
  grep -qF "$line" "$work/nginx/site.conf" || { echo "the site in docs/DEPLOY.md has no line like '$line'" >&2; exit 1; }
done
grep -q 'X-Forwarded-For' "$work/nginx/snippets/p2p-bot-proxy.conf" || { echo "no proxy snippet in docs/DEPLOY.md" >&2; exit 1; }
user_line=""
# As root, nginx's workers would run as nobody, who cannot enter this private folder.
[ "$(id -u)" = 0 ] && user_line="user root root;"
cat >"$work/nginx/nginx.conf" <<EOF
$user_line
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 128; }
http {
    access_log $work/nginx/access.log;
    client_body_temp_path $work/nginx/tmp/body;
    proxy_temp_path $work/nginx/tmp/proxy;
    fastcgi_temp_path $work/nginx/tmp/fastcgi;
    uwsgi_temp_path $work/nginx/tmp/uwsgi;
    scgi_temp_path $work/nginx/tmp/scgi;
    include site.conf;
}
EOF
nginx_args=(-p "$work/nginx/" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log")
if "$nginx_bin" -t "${nginx_args[@]}" >"$work/nginx/test.log" 2>&1; then ok "nginx accepts the page's snippet and site"
else fail "nginx refuses the page's configuration: $(tr '\n' ' ' <"$work/nginx/test.log")"; exit 1; fi
"$nginx_bin" "${nginx_args[@]}" -g 'daemon off;' &
nginx_pid=$!
https="https://$host:$https_port"
tls=(--resolve "$host:$https_port:127.0.0.1" --resolve "$host:$http_port:127.0.0.1" --cacert "$work/tls/fullchain.pem")
for _ in $(seq 100); do curl -s -o /dev/null "${tls[@]}" "$https/healthz" && break; sleep 0.1; done

# --- With a secret, through nginx.
expect "plain http is sent to https" "301 https://$host/" \
  "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "${tls[@]}" "http://$host:$http_port/")"
curl -s -D "$work/page.headers" -o "$work/page.html" "${tls[@]}" "$https/" || true
expect "the page loads through nginx over https" "200" "$(awk 'NR == 1 {print $2}' "$work/page.headers")"
if grep -qi '^content-security-policy: .*frame-ancestors' "$work/page.headers"; then ok "the page has its Content-Security-Policy"
else fail "no Content-Security-Policy on the page"; fi
if grep -qi '^strict-transport-security: max-age=' "$work/page.headers"; then ok "HSTS: the bot heard nginx's X-Forwarded-Proto https"
else fail "no HSTS: the bot did not believe nginx's X-Forwarded-Proto"; fi

session=$(curl -s -X POST "${tls[@]}" "$https/webchat/token" || true)
token=$(jq -r '.token // empty' <<<"$session" 2>/dev/null || true)
conversation=$(jq -r '.conversationId // empty' <<<"$session" 2>/dev/null || true)
user=$(jq -r '.userId // empty' <<<"$session" 2>/dev/null || true)
if [ -n "$token" ] && [ -n "$conversation" ]; then ok "POST /webchat/token gives a Direct Line token"
else fail "POST /webchat/token gave no token: $session"; fi

say() {
  jq -nc --arg user "$user" --arg text "$1" '{type: "message", from: {id: $user, role: "user"}, text: $text}' |
    curl -s -o /dev/null -w '%{http_code}' "${tls[@]}" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      --data-binary @- "$https/v3/directline/conversations/$conversation/activities"
}
posted=$(say /aide)
answer=""
for _ in $(seq 50); do
  answer=$(curl -s "${tls[@]}" -H "Authorization: Bearer $token" "$https/v3/directline/conversations/$conversation/activities" |
    jq -r '[.activities[] | select(.from.role == "bot") | .text // ""] | join(" ")' 2>/dev/null || true)
  case "$answer" in *"/jai-partagé"*) break ;; esac
  sleep 0.1
done
case "$posted $answer" in
  "200 "*"/jai-partagé"*) ok "a pupil's /aide is answered through nginx (Direct Line post and poll)" ;;
  *) fail "Direct Line through nginx: post $posted, answer '${answer:0:120}'" ;;
esac
private_words="mes mots à moi $RANDOM$RANDOM"
expect "a pupil's free text is taken" "200" "$(say "$private_words")"

expect "/healthz through nginx" "200 Healthy" "$(curl -s -w ' %{http_code}' "${tls[@]}" "$https/healthz" | awk '{print $2, $1}')"

# Rate limits count per real client address (RateLimits__StartsPerMinute=3): nginx passes $remote_addr.
token_from() { curl -s -o /dev/null -w '%{http_code}' --interface "$1" -X POST "${tls[@]}" "${@:2}" "$https/webchat/token"; }
codes="$(token_from 127.0.0.2) $(token_from 127.0.0.2) $(token_from 127.0.0.2) $(token_from 127.0.0.2)"
expect "3 tokens from 127.0.0.2 pass, the 4th is refused" "200 200 200 429" "$codes"
expect "127.0.0.2 sending its own X-Forwarded-For is still refused" "429" "$(token_from 127.0.0.2 -H 'X-Forwarded-For: 198.51.100.9')"
expect "127.0.0.3 still gets a token" "200" "$(token_from 127.0.0.3)"

# A backup while the bot runs, as the page's wrapper runs it (same settings, working folder).
backup=$(cd "$work/state" && ASPNETCORE_CONTENTROOT="$work/etc" ConnectionStrings__Bot="Data Source=$work/state/data/bot.db" \
  dotnet "$work/app/Bot.dll" backup "$work/backups/bot.db" 2>&1) && status=0 || status=$?
expect "backup while the bot runs ($(tr '\n' ' ' <<<"$backup" | cut -c1-60)…)" "0 600" "$status $(stat -c %a "$work/backups/bot.db" 2>/dev/null)"

if jq -R 'fromjson | select(.Timestamp and .LogLevel and .Category and has("Message")) | 1' "$work/bot.log" >/dev/null 2>&1 \
  && [ "$(jq -R 'fromjson | select(.Timestamp and .LogLevel and .Category and has("Message")) | 1' "$work/bot.log" | wc -l)" = \
       "$(wc -l <"$work/bot.log")" ]; then ok "the bot's log is JSON lines ($(wc -l <"$work/bot.log") lines)"
else fail "the bot's log is not JSON lines: $(grep -v '^{' "$work/bot.log" | head -n 2 | tr '\n' ' ')"; fi
if grep -qF "$private_words" "$work/bot.log"; then fail "the pupil's words are in the log"; else ok "the pupil's words are not in the log"; fi

# --- Without a secret, on the restored backup, behind the same nginx.
stop_bot
mkdir -p "$work/restored/data" && chmod 700 "$work/restored/data"
install -m 0600 "$work/backups/bot.db" "$work/restored/data/bot.db"
start_bot "" "$work/restored/data/bot.db"
codes="$(curl -s -o /dev/null -w '%{http_code}' "${tls[@]}" "$https/")"
codes+=" $(curl -s -o /dev/null -w '%{http_code}' -X POST "${tls[@]}" "$https/webchat/token")"
codes+=" $(curl -s -o /dev/null -w '%{http_code}' "${tls[@]}" "$https/healthz")"
expect "without a secret, nginx's requests are refused (/, /webchat/token, /healthz)" "403 403 403" "$codes"
codes="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$bot_port/") $(curl -s "http://127.0.0.1:$bot_port/healthz")"
expect "without a secret, this machine's own requests work (/, /healthz)" "200 Healthy" "$codes"
restored=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$bot_port/v3/directline/conversations/$conversation/activities" |
  jq -r '[.activities[] | select(.from.role == "user") | .text] | join(" ")' 2>/dev/null || true)
case "$restored" in
  *"/aide"*"$private_words"*) ok "the restored backup holds the pupil's conversation" ;;
  *) fail "the restored backup lacks the pupil's conversation: '${restored:0:120}'" ;;
esac

echo "deploy check: $((checks - failures)) of $checks checks passed in $((SECONDS - start)) s after the publish"
[ "$failures" -eq 0 ]
