#!/usr/bin/env bash
# Mutation testing (StrykerJS) of the domain rules, the access guard and the import commit path.
# Not part of `npm test` or CI: it takes about an hour, and its reports (reports/mutation/*.html) are
# read by people. `npm run test:mutation -- domain` (or access-guard, imports) runs one area; further
# arguments go to Stryker (e.g. `-- domain --mutate libs/domain/src/calendar/**/*.ts`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh

areas=(domain access-guard imports)
if [[ $# -gt 0 && " ${areas[*]} " == *" $1 "* ]]; then
  areas=("$1")
  shift
fi

trap stop_started_services EXIT
ensure_node_modules
ensure_postgres
ensure_redis

export NODE_ENV=test
export TEST_PG_URL="${TEST_PG_URL:-postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT}"
# Its own Redis database and key prefix, away from `npm test` (15) and a demo on the same Redis.
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:$REDIS_PORT/14}"
export QUEUE_PREFIX="${QUEUE_PREFIX:-kc-mutation}"
export LOG_LEVEL=silent
export PATH="$PWD/node_modules/.bin:$PATH"

status=0
for area in "${areas[@]}"; do
  log "mutation testing: $area"
  started=$SECONDS
  stryker run "config/stryker.$area.config.mjs" "$@" || status=1
  log "$area: $((SECONDS - started)) s, report in reports/mutation/$area.html"
done
# The e2e runs keep their template databases for as long as their runner process lives.
node test/setup/drop-stale-databases.mjs
exit $status
