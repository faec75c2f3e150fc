#!/usr/bin/env bash
# Command 2: the whole suite on this machine's own PostgreSQL and Redis (never Docker).
# Fails, rather than skipping anything, when a service cannot be started.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh

trap stop_started_services EXIT

ensure_node_modules
ensure_postgres
ensure_redis
ensure_cjk_font
ensure_chromium
ensure_libreoffice
ensure_nginx

export NODE_ENV=test
export TEST_PG_URL="postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT"
# Database 15 and its own key prefix keep the suite away from a demo running on the same Redis.
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/15"
export QUEUE_PREFIX="kc-test"
export LOG_LEVEL=silent
export PATH="$PWD/node_modules/.bin:$PATH"

log "typecheck and lint"
# Independent and single-threaded at heart: the typecheck on one core, the linters on the other (51 → 37 s here).
# Either failing fails the suite here, before any test runs.
(tsc -p tsconfig.json --noEmit && tsc -p apps/web/tsconfig.json --noEmit) &
typecheck=$!
(eslint . --max-warnings 0 && prettier --check . --log-level warn) &
lint=$!
checks=0
wait "$typecheck" || checks=1
wait "$lint" || checks=1
if [ "$checks" -ne 0 ]; then
  echo "typecheck or lint failed (see above)" >&2
  exit 1
fi
mkdir -p var/test
rm -f var/test/*.json
status=0
log "unit tests"
node --experimental-vm-modules node_modules/jest/bin/jest.js -c config/jest.unit.config.js \
  --json --outputFile=var/test/unit.json || status=1
log "end-to-end tests"
node --experimental-vm-modules node_modules/jest/bin/jest.js -c config/jest.e2e.config.js \
  --json --outputFile=var/test/e2e.json || status=1
log "building the web app"
vite build --config apps/web/vite.config.ts --logLevel warn
log "browser tests"
node --experimental-vm-modules node_modules/jest/bin/jest.js -c config/jest.browser.config.js --runInBand \
  --json --outputFile=var/test/browser.json || status=1
node scripts/test-summary.mjs var/test/unit.json var/test/e2e.json var/test/browser.json
exit $status
