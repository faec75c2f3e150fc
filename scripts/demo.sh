#!/usr/bin/env bash
# Command 1: install, start PostgreSQL and Redis, migrate, load the demo, run api + worker in the
# foreground. Ctrl-C stops everything this script started. `npm run demo -- --reset` reloads the demo.
# `npm run demo -- --date 2024-01-20` runs the demo on its year-end date (its own database and queues).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh

RESET=""
DEMO_DATE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --reset) RESET="--reset" ;;
    --date) shift; DEMO_DATE="${1:-}" ;;
    --date=*) DEMO_DATE="${1#--date=}" ;;
    *) die "unknown option $1 (options: --reset, --date YYYY-MM-DD)" ;;
  esac
  shift
done
[ -z "$DEMO_DATE" ] || [[ "$DEMO_DATE" =~ ^20[0-9]{2}-[01][0-9]-[0-3][0-9]$ ]] || die "--date takes YYYY-MM-DD, not $DEMO_DATE"
# The demo's data is loaded as of its date: each date keeps its own database and queue prefix, so
# the spring story and the year-end story live side by side and switching needs no reload.
DB_NAME=kechuang
if [ -n "$DEMO_DATE" ] && [ "$DEMO_DATE" != "2023-04-10" ]; then
  export APP_TODAY="$DEMO_DATE"
  DB_NAME="kechuang_${DEMO_DATE//-/}"
  export QUEUE_PREFIX="${QUEUE_PREFIX:-kc-${DEMO_DATE//-/}}"
fi

export NODE_ENV="${NODE_ENV:-development}"
export PORT="${PORT:-3000}"
export APP_TODAY="${APP_TODAY:-2023-04-10}"
export APP_TIMEZONE="${APP_TIMEZONE:-Asia/Shanghai}"
export DEMO_PASSWORD="${DEMO_PASSWORD:-Demo@2023}"
export DATABASE_URL="${DATABASE_URL:-postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:$REDIS_PORT/0}"
export LOG_LEVEL="${LOG_LEVEL:-warn}"
# One API process per core (Node's cluster module); sessions, lockouts and schedules live in PostgreSQL and Redis.
export API_PROCESSES="${API_PROCESSES:-$(nproc 2>/dev/null || echo 1)}"
# The API has no built-in signing key. The demo makes a random one the first time it runs in this
# checkout and keeps it in var/ (ignored by git), so sessions survive a restart of the demo.
JWT_SECRET_FILE=var/demo-jwt-secret
if [ -z "${JWT_SECRET:-}" ]; then
  if [ ! -s "$JWT_SECRET_FILE" ]; then
    mkdir -p var
    (umask 077 && node -e 'process.stdout.write(require("node:crypto").randomBytes(48).toString("base64url"))' > "$JWT_SECRET_FILE")
  fi
  JWT_SECRET="$(cat "$JWT_SECRET_FILE")"
fi
export JWT_SECRET

CHILDREN=()
COMPOSE=""
cleanup() {
  trap - INT TERM EXIT
  log "stopping"
  for pid in "${CHILDREN[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "$COMPOSE" ] && docker compose -f docker/compose.yml stop >/dev/null 2>&1 || true
  stop_started_services
}
trap cleanup EXIT
trap 'exit 0' INT TERM

ensure_node_modules
if ! command -v pg_isready >/dev/null && ! command -v redis-server >/dev/null && docker info >/dev/null 2>&1; then
  log "no local PostgreSQL or Redis; using Docker Compose"
  docker compose -f docker/compose.yml up -d postgres redis mailpit
  COMPOSE=1
  for _ in $(seq 1 60); do docker compose -f docker/compose.yml exec -T postgres pg_isready -q && break; sleep 1; done
  [ "$DB_NAME" = kechuang ] || docker compose -f docker/compose.yml exec -T postgres createdb -U kechuang "$DB_NAME" 2>/dev/null || true
else
  ensure_postgres
  ensure_redis
  ensure_database "$DB_NAME"
fi
ensure_cjk_font

log "building"
node_modules/.bin/nest build api >/dev/null
node_modules/.bin/nest build worker >/dev/null
node_modules/.bin/vite build --config apps/web/vite.config.ts --logLevel warn
log "migrating"
node dist/apps/api/libs/persistence/src/cli/migrate.js
mkdir -p var/run
log "loading demo data ${RESET}"
node dist/apps/api/libs/demo/src/cli/load-demo.js $RESET --print-logins > var/run/demo-logins.txt
# The demo's clock starts days after March's deadline: let the first reminder run catch up a week.
export NOTIFY_CATCHUP_HOURS="${NOTIFY_CATCHUP_HOURS:-168}"
# …and run that reminder tick as the worker starts, so the inboxes and the mail catcher have March's
# escalations the first time someone signs in, not five minutes later.
export NOTIFY_TICK_ON_START="${NOTIFY_TICK_ON_START:-1}"
# A mail catcher for the demo's reminders, unless something already listens on the SMTP port; started
# before the worker, whose first reminder tick sends at once.
export SMTP_PORT="${SMTP_PORT:-1025}"
if ! (exec 3<>/dev/tcp/127.0.0.1/"$SMTP_PORT") 2>/dev/null; then
  MAIL_CATCHER_SMTP_PORT="$SMTP_PORT" node scripts/mail-catcher.mjs >/dev/null & CHILDREN+=($!)
  for _ in $(seq 1 20); do (exec 3<>/dev/tcp/127.0.0.1/"$SMTP_PORT") 2>/dev/null && break; sleep 0.25; done
fi
# Group-chat reminders go to a local listener that answers as 钉钉 does (never to the real service):
# it knows the demo robot, and the demo configures that robot for Ganzhou's plan before the worker's
# first reminder run, so the posts are on http://localhost:$CHANNEL_LISTENER_PORT from the start.
export CHANNEL_LISTENER_PORT="${CHANNEL_LISTENER_PORT:-8026}"
export CHANNEL_WEBHOOK_REDIRECT="${CHANNEL_WEBHOOK_REDIRECT:-http://127.0.0.1:$CHANNEL_LISTENER_PORT}"
export DEMO_CHANNEL_TOKEN=0d3e5f7a9b1c2d4e6f8a0b1c2d3e4f5a
export DEMO_CHANNEL_SECRET=SEC5d1c3a9e7b2f4d6c8a0e1f3b5d7c9a2e4f6b8d0c1e3f5a7b9d2c4e6f8a0b1c3d5
if ! (exec 3<>/dev/tcp/127.0.0.1/"$CHANNEL_LISTENER_PORT") 2>/dev/null; then
  node --import ./scripts/ts-loader.mjs scripts/channel-listener.ts --port "$CHANNEL_LISTENER_PORT" \
    --robot "dingtalk:$DEMO_CHANNEL_TOKEN:$DEMO_CHANNEL_SECRET" >/dev/null & CHILDREN+=($!)
fi
node dist/apps/api/apps/api/src/main.js & CHILDREN+=($!)
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || die "the API did not come up"
node scripts/demo-channel.mjs >/dev/null || log "the demo's group-chat robot could not be configured"
node dist/apps/worker/apps/worker/src/main.js & CHILDREN+=($!)

cat <<INFO

  科技创新赋能行动调度与考评平台 is running (demo date $APP_TODAY, $APP_TIMEZONE)

    Web / API   http://localhost:$PORT
    API docs    http://localhost:$PORT/api/docs   (JSON: /api/docs-json)
    Health      http://localhost:$PORT/health
    Demo mail   http://localhost:${MAIL_CATCHER_HTTP_PORT:-1080}   (reminders and escalations sent by the worker)
    Group chat  http://localhost:$CHANNEL_LISTENER_PORT   (the same, posted to the demo's 钉钉 robot)

  Demo logins (password: $DEMO_PASSWORD)
$(sed 's/^/    /' var/run/demo-logins.txt)

  Press Ctrl-C to stop.
INFO
wait -n "${CHILDREN[@]}" || true
die "a platform process exited"
