#!/usr/bin/env bash
# Runs one benchmark against this machine's PostgreSQL and Redis, on a database of its own.
# Usage: scripts/bench.sh bench/<name>.bench.ts
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
trap stop_started_services EXIT
ensure_node_modules
ensure_postgres
ensure_redis
export BENCH_PG_URL="postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT"
# A caller sharing the machine may pick its own Redis database and queue prefix.
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:$REDIS_PORT/14}"
export QUEUE_PREFIX="${QUEUE_PREFIX:-kc-bench}"
log "building the api"
node_modules/.bin/nest build api >/dev/null
node --import ./scripts/ts-loader.mjs "$1"
