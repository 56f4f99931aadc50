#!/usr/bin/env bash
# Makes the upgrade fixtures of Bot.Tests/Fixtures/Upgrade: a database written by the bot of this
# commit, as pupils and a counsellor really use it through the web chat's Direct Line endpoints
# (local mode: no WebChat:Secret, the user picked by ?user=), once on SQLite and once on PostgreSQL.
#
#   tools/upgrade-fixtures/make.sh [sqlite|postgres|all]      (default: all)
#
# Needs: the .NET SDK, curl, jq; for PostgreSQL also psql and pg_dump, and a server where the role
# may CREATE DATABASE (PGHOST, PGPORT, PGUSER, PGPASSWORD; by default the local test server,
# 127.0.0.1:5432, bot_test/bot_test). PORT (default 5391) is where the bot listens, on 127.0.0.1.
#
# The session dates are taken back from the most recent Friday, so the journey needs a day in a
# trimester of the school calendar (appsettings.json) and not in its first weeks; the fixtures of
# the repository were made on 2026-11-30 (Europe/Paris). What it writes:
#   before-groups.sqlite.db       the bot's own `backup` (VACUUM INTO) of the SQLite database
#   before-groups.postgres.sql    pg_dump of the schema public (no hangfire), psql meta-commands removed,
#                                 checked by running it into a fresh database (psql, ON_ERROR_STOP)
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/Bot.Tests/Fixtures/Upgrade
WHAT=${1:-all}
PORT=${PORT:-5391}
BASE=http://127.0.0.1:$PORT
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-bot_test} PGPASSWORD=${PGPASSWORD:-bot_test}
PGDB=fixture_before_groups
PGVERIFY=fixture_before_groups_verify
WORK=$(mktemp -d /tmp/upgrade-fixtures.XXXXXX)
BOT_PID=

log() { printf '%s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

stop_bot() {
  [ -n "$BOT_PID" ] || return 0
  # The bot runs in a process group of its own (setsid): dotnet run and the app it started.
  kill -TERM -- "-$BOT_PID" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 -- "-$BOT_PID" 2>/dev/null || break; sleep 0.2; done
  if kill -0 -- "-$BOT_PID" 2>/dev/null; then kill -KILL -- "-$BOT_PID" 2>/dev/null || true; fi
  BOT_PID=
}
trap 'stop_bot' EXIT

# --- the bot ------------------------------------------------------------------------------------

start_bot() { # connection string, log file
  curl -s -o /dev/null "$BASE/healthz" && die "something already listens on port $PORT: choose another PORT"
  ConnectionStrings__Bot="$1" WebChat__Secret= WebChat__CounsellorIds__0=conseillere \
    setsid dotnet run --no-build --project Bot --urls "$BASE" >"$2" 2>&1 &
  BOT_PID=$!
  for _ in $(seq 120); do
    curl -fs -o /dev/null "$BASE/healthz" && { log "bot up on $BASE (pid $BOT_PID)"; return; }
    kill -0 "$BOT_PID" 2>/dev/null || { tail -30 "$2" >&2; die "the bot stopped while starting"; }
    sleep 0.5
  done
  die "the bot did not answer /healthz within a minute"
}

# --- a web chat client (what the page does) -----------------------------------------------------

declare -A CONV TOKEN WM
LAST='[]'   # the bot's activities of the last turn (or poll) of the last user spoken for
SEQ=0

open_chat() { # user: the page's own token service, ?user= in local mode
  local r
  r=$(curl -fsS -X POST "$BASE/webchat/token?user=$1")
  CONV[$1]=$(jq -r .conversationId <<<"$r")
  TOKEN[$1]=$(jq -r .token <<<"$r")
  WM[$1]=0
  [ "$(jq -r .userId <<<"$r")" = "$1" ] || die "the token service did not give $1"
}

fetch() { # user: the activities after the watermark; the bot's become LAST
  local r
  r=$(curl -fsS "$BASE/v3/directline/conversations/${CONV[$1]}/activities?watermark=${WM[$1]}" -H "Authorization: Bearer ${TOKEN[$1]}")
  WM[$1]=$(jq -r .watermark <<<"$r")
  LAST=$(jq -c '[.activities[] | select(.from.role == "bot")]' <<<"$r")
  jq -r --arg u "$1" '.[] | "      bot → \($u): " + ((.text // "(" + ([.attachments[]?.contentType] | join(", ")) + ")") | gsub("\n"; " ") | .[0:150])
    + ([(.suggestedActions.actions // [])[], (.attachments // [])[].content.buttons[]?] | map(" [" + .title + "]") | join(""))' <<<"$LAST" >&2
}

post() { # user, activity fields (JSON): posts as the user, then reads the answer
  local user=$1 body
  SEQ=$((SEQ + 1))
  body=$(jq -c --arg u "$user" --arg id "fixture-$SEQ" \
    '. + {type: "message", from: {id: $u, name: ""}, locale: "fr-FR", channelData: ((.channelData // {}) + {clientActivityID: $id})}' <<<"$2")
  curl -fsS -X POST "$BASE/v3/directline/conversations/${CONV[$user]}/activities" -H "Authorization: Bearer ${TOKEN[$user]}" \
    -H 'Content-Type: application/json' --data-binary "$body" >/dev/null || die "post as $user: $body"
  fetch "$user"
}

say() { # user, text
  log "  $1: $2"
  post "$1" "$(jq -nc --arg t "$2" '{text: $t}')"
}

click() { # user, button title (regex), [text of the activity holding it (regex)]: the first such button of the last answer
  local button
  button=$(jq -c --arg b "$2" --arg a "${3:-}" '[.[] | select((.text // "") | test($a))
      | ((.suggestedActions.actions // [])[], (.attachments // [])[].content.buttons[]?) | select(.title | test($b))] | first' <<<"$LAST")
  [ "$button" != null ] || die "$1 sees no button /$2/ (in /${3:-}/)"
  log "  $1: [$(jq -r .title <<<"$button")]"
  post "$1" "$(jq -c '{text: .text, value: .value, channelData: {messageBack: {displayText: .displayText}}}' <<<"$button")"
}

submit() { # user, the card's values (JSON with formId): an Adaptive Card submitted
  log "  $1: (form) $2"
  post "$1" "$(jq -c '{value: ., channelData: {postBack: true}}' <<<"$2")"
}

expect() { # regex: something the bot said in the last answer
  jq -e --arg r "$1" 'any(.[]; (.text // "") | test($r))' <<<"$LAST" >/dev/null || die "expected /$1/ in the answer"
}

wait_for() { # user, regex: a notice the outbox delivers to that user's conversation
  for _ in $(seq 60); do
    fetch "$1"
    jq -e --arg r "$2" 'any(.[]; (.text // "") | test($r))' <<<"$LAST" >/dev/null && return
    sleep 0.5
  done
  die "$1 never received /$2/"
}

# A Friday session, step by step with the buttons, or typed, or all at once in the card.
session_buttons() { # user, date button (regex), shared, learned, domain (button), level (button)
  say "$1" "/jai-partagé"; expect "quelle séance"
  click "$1" "$2"; expect "partagé avec le groupe"
  say "$1" "$3"; expect "appris"
  say "$1" "$4"; expect "domaine"
  click "$1" "$5"; expect "où en es-tu"
  click "$1" "$6"; expect "Voici ta séance"
  click "$1" "^Oui, j.enregistre"; expect "enregistré"
}

session_typed() { # user, date (typed with the command), shared, learned, domain, level, yes
  say "$1" "/jai-partagé $2"; expect "partagé avec le groupe"
  say "$1" "$3"; expect "appris"
  say "$1" "$4"; expect "domaine"
  say "$1" "$5"; expect "où en es-tu"
  say "$1" "$6"; expect "Voici ta séance"
  say "$1" "$7"; expect "enregistré"
}

session_form() { # user, date (ISO), shared, learned, domain id, level id
  say "$1" "/jai-partagé"
  click "$1" "Tout remplir"
  submit "$1" "$(jq -nc --arg d "$2" --arg s "$3" --arg l "$4" --arg dm "$5" --arg lv "$6" \
    '{formId: "contribution", date: $d, shared: $s, learned: $l, domain: $dm, level: $lv}')"
  expect "Voici ta séance"
  click "$1" "^Oui, j.enregistre"; expect "enregistré"
}

journey() {
  local today friday w1 w2 w3 w6
  today=$(TZ=Europe/Paris date +%F)
  # The most recent Friday (today on a Friday), and the Fridays before it.
  friday=$(date -d "$today -$(( ($(date -d "$today" +%u) + 2) % 7 )) days" +%F)
  w1=$(date -d "$friday -7 days" +%F); w2=$(date -d "$friday -14 days" +%F); w3=$(date -d "$friday -21 days" +%F)
  w6=$(date -d "$friday -42 days" +%F)
  ddmm() { date -d "$1" +%d/%m; }
  log "today $today (Europe/Paris); sessions on $friday, $w1, $w2, $w3, $w6"

  for u in lea tom ines noah conseillere; do open_chat "$u"; done

  log "Léa: three sessions (buttons, typed, card), her self-assessment, a badge request"
  session_buttons lea "^Vendredi" "J'ai montré comment monter une vidéo sur le téléphone" "Faire un podcast avec Audacity" \
    "Compétences numériques" "^3 · "
  session_typed lea "le $(ddmm "$w1")" "Un atelier sur les fausses informations" "Vérifier une image avec une recherche inversée" \
    "numérique" "3 sur 4" "oui"
  session_form lea "$w2" "J'ai aidé à préparer la collecte pour les Restos du cœur" "Organiser un planning à plusieurs" \
    "domain:CivicEngagement" "level:2"
  say lea "/bilan"; expect "4 questions"
  click lea "^3 · "; click lea "^2 · "; click lea "^4 · "; click lea "^3 · "; expect "bilan est enregistré"
  say lea "/badges"; expect "badge"
  click lea "Demander : .*Compétences numériques"; expect "petit mot"
  say lea "J'ai animé deux ateliers vidéo ce trimestre."; expect "C.est noté"

  log "Tom: two sessions, his self-assessment typed, a badge request without a message"
  session_form tom "$friday" "Une initiation aux échecs" "Écouter les autres avant de jouer" "domain:SoftSkills" "level:3"
  session_typed tom "le $(ddmm "$w3")" "Le montage d'un stand pour la fête de quartier" "Parler à des inconnus" \
    "engagement citoyen" "2" "ouais"
  say tom "mon bilan"; expect "4 questions"
  say tom "2"; say tom "trois"; say tom "2 sur 4"; say tom "niveau 3"; expect "bilan est enregistré"
  say tom "/badges"
  click tom "Demander : .*Engagement citoyen"; expect "petit mot"
  click tom "Sans message"; expect "C.est noté"

  log "Inès: one session, the account guide stopped at step 2, a badge request left pending"
  say ines "bonjour"; expect "Peer to Peer"
  session_buttons ines "^Vendredi" "Un tuto sur les raccourcis clavier" "Les bases du montage photo" "Autre" "^1 · "
  say ines "/compte"; expect "Étape 1 sur 4"
  click ines "C.est fait"; expect "Étape 2 sur 4"
  click ines "Plus tard"; expect "étape 2"
  say ines "/badges"
  click ines "Demander : .*Engagement citoyen"
  say ines "Je voudrais le badge pour mon CV de stage."; expect "C.est noté"

  log "Noah: one session six weeks ago, a question, no reminders, a second browser linked with /lier"
  session_form noah "$w6" "Réparer un vélo" "Régler des freins" "domain:Other" "level:4"
  say noah "comment je rends mon badge public ?"
  say noah "stop rappels"; expect "rappel"
  say noah "/lier"; expect "Voici ton code"
  local code
  code=$(jq -r '[.[] | (.text // "") | capture("code : \\*\\*(?<c>[A-Z0-9]{6})\\*\\*").c] | first // empty' <<<"$LAST")
  [ -n "$code" ] || die "no link code in the answer"
  open_chat noah-tel
  say noah-tel "/lier $code"; expect "relié"
  say noah-tel "mes données"; expect "garde sur toi"

  log "Tom asks for a link code and leaves it unused"
  say tom "/lier"; expect "Voici ton code"

  log "The counsellor: the trimester, the requests, approves Léa's, refuses Tom's, exports"
  say conseillere "/suivi"; expect "demande"
  say conseillere "/eleve lea"; expect "lea"
  say conseillere "/demandes"; expect "demande le badge"
  click conseillere "^Approuver$" "lea"; expect "C.est validé"
  say conseillere "/demandes"
  click conseillere "^Refuser$" "tom"; expect "raison|explication|pourquoi"
  say conseillere "Il manque encore une séance en engagement citoyen : redemande-le au prochain trimestre."
  expect "refusée"
  say conseillere "/export"

  log "The notices reach the pupils through the outbox"
  wait_for lea "Bonne nouvelle"
  wait_for tom "pas accepté"

  log "The weekly digest of pending requests, triggered from the Hangfire dashboard"
  local token
  curl -fsS -c "$WORK/jar" -o "$WORK/recurring.html" "$BASE/hangfire/recurring"
  token=$(sed -n 's/.*<meta name="csrf-token" content="\([^"]*\)".*/\1/p' "$WORK/recurring.html")
  [ -n "$token" ] || die "no antiforgery token in the dashboard"
  curl -fsS -b "$WORK/jar" -H "RequestVerificationToken: $token" --data-urlencode 'jobs[]=pending-digest' \
    "$BASE/hangfire/recurring/trigger" >/dev/null
  wait_for conseillere "demande de badge attend"

  log "Inès starts another session and stops half-way: her conversation state keeps the draft"
  say ines "/jai-partagé"; expect "quelle séance"
  say ines "le $(ddmm "$w1")"; expect "partagé avec le groupe"
  say ines "Une présentation sur le harcèlement en ligne"; expect "appris"

  # Read the rest, so that nothing waits.
  for u in lea tom ines noah noah-tel conseillere; do fetch "$u" 2>/dev/null; done
}

invitations() { # connection string: the administrator's command line, the bot stopped
  # Two counsellor invitations (stored as SHA-256 only; the printed links are thrown away): one waiting, one revoked.
  local name
  for name in Claire Sophie; do
    ConnectionStrings__Bot="$1" dotnet run --no-build --project Bot -- counsellor invite --name "$name" --url http://localhost:5000 >/dev/null 2>&1 \
      || die "counsellor invite --name $name"
  done
  ConnectionStrings__Bot="$1" dotnet run --no-build --project Bot -- counsellor revoke Sophie >&2
}

counts_sqlite() { # file
  local t
  for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
    printf '%-28s %s\n' "$t" "$(sqlite3 "$1" "SELECT count(*) FROM \"$t\"")"
  done
}

counts_postgres() { # database
  local t
  for t in $(psql -d "$1" -AtX -c "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"); do
    printf '%-28s %s\n' "$t" "$(psql -d "$1" -AtX -c "SELECT count(*) FROM public.\"$t\"")"
  done
}

make_sqlite() {
  local db=$WORK/sqlite/bot.db target=$OUT/before-groups.sqlite.db
  mkdir -p "$WORK/sqlite" "$OUT"
  log "== SQLite: $db"
  start_bot "Data Source=$db" "$WORK/sqlite/bot.log"
  journey
  stop_bot
  invitations "Data Source=$db"
  rm -f "$target"
  ConnectionStrings__Bot="Data Source=$db" dotnet run --no-build --project Bot -- backup "$target"
  # VACUUM INTO writes a rollback-journal database (the bot's is WAL): the file alone is the whole database.
  [ "$(sqlite3 "$target" 'PRAGMA journal_mode;')" = delete ] || die "$target is not in rollback-journal mode"
  chmod 0644 "$target"
  [ "$(sqlite3 "$target" 'PRAGMA integrity_check;')" = ok ] || die "integrity check of $target"
  log "$target:"; counts_sqlite "$target" | tee "$WORK/sqlite/counts.txt" >&2
}

make_postgres() {
  local target=$OUT/before-groups.postgres.sql
  mkdir -p "$WORK/postgres" "$OUT"
  log "== PostgreSQL: $PGHOST:$PGPORT/$PGDB"
  psql -d postgres -X -v ON_ERROR_STOP=1 -q -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" -c "CREATE DATABASE $PGDB"
  local conn="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$PGDB"
  start_bot "$conn" "$WORK/postgres/bot.log"
  journey
  stop_bot
  invitations "$conn"
  # pg_dump 15.14+ brackets its output with \restrict / \unrestrict (psql meta-commands): without them the file
  # is plain SQL that Npgsql can run as one command. Any other line starting with a backslash stops here.
  # --schema=public also dumps the schema itself: a new database has it already (CREATE … IF NOT EXISTS), and
  # its comment is the default one, which only the schema's owner may set.
  pg_dump -d "$PGDB" --no-owner --no-privileges --schema=public --inserts --column-inserts \
    | grep -Ev '^\\(un)?restrict( |$)' \
    | sed -e 's/^CREATE SCHEMA public;$/CREATE SCHEMA IF NOT EXISTS public;/' \
          -e "/^COMMENT ON SCHEMA public IS 'standard public schema';$/d" >"$target"
  grep -qx 'CREATE SCHEMA IF NOT EXISTS public;' "$target" || die "no CREATE SCHEMA public in the dump: check the edits above"
  ! grep -n '^\\' "$target" >&2 || die "$target still holds a line starting with a backslash"
  log "checking $target in a fresh database"
  psql -d postgres -X -v ON_ERROR_STOP=1 -q -c "DROP DATABASE IF EXISTS $PGVERIFY WITH (FORCE)" -c "CREATE DATABASE $PGVERIFY"
  psql -d "$PGVERIFY" -X -q -v ON_ERROR_STOP=1 --single-transaction -f "$target" >/dev/null
  diff <(counts_postgres "$PGDB") <(counts_postgres "$PGVERIFY") >&2 || die "the dump does not restore the same rows"
  log "$target:"; counts_postgres "$PGVERIFY" | tee "$WORK/postgres/counts.txt" >&2
  psql -d postgres -X -q -c "DROP DATABASE $PGVERIFY WITH (FORCE)" -c "DROP DATABASE $PGDB WITH (FORCE)"
}

dotnet build Bot -v quiet -nologo >/dev/null
case "$WHAT" in
  sqlite) make_sqlite ;;
  postgres) make_postgres ;;
  all) make_sqlite; make_postgres ;;
  *) die "usage: $0 [sqlite|postgres|all]" ;;
esac
log "done; the bot's logs and the row counts are in $WORK"
