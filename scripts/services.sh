#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer on 127.0.0.1, using the machine's own servers
# (installed with apt when missing). Sourced by demo.sh and test.sh.
# Sets STARTED_SERVICES to what it started, so the caller can stop exactly that.

PG_PORT="${PG_PORT:-5432}"
REDIS_PORT="${REDIS_PORT:-6379}"
DB_USER="${DB_USER:-kechuang}"
DB_PASSWORD="${DB_PASSWORD:-kechuang}"
STATE_DIR="${STATE_DIR:-$PWD/var/run}"
STARTED_SERVICES=()

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else sudo -u postgres bash -c "$*"; fi
}

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null || die "apt-get is not available to install: $*"
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || die "apt-get update failed"
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || die "apt-get install $* failed"
}

pg_ready() { pg_isready -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; }

ensure_postgres() {
  command -v pg_isready >/dev/null || apt_install postgresql
  if pg_ready; then log "PostgreSQL is running on port $PG_PORT"; else
    if ! command -v pg_lsclusters >/dev/null || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
      apt_install postgresql
    fi
    local version cluster
    read -r version cluster _ < <(pg_lsclusters -h | head -n1)
    [ -n "$version" ] || die "no PostgreSQL cluster found"
    log "starting PostgreSQL $version/$cluster"
    as_root pg_ctlcluster "$version" "$cluster" start || die "PostgreSQL $version/$cluster did not start"
    STARTED_SERVICES+=("postgres:$version:$cluster")
    for _ in $(seq 1 30); do pg_ready && break; sleep 0.5; done
    pg_ready || die "PostgreSQL does not answer on 127.0.0.1:$PG_PORT"
  fi
  # The application role may create databases: the test suite makes one per test file.
  as_postgres "psql -q -p $PG_PORT -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'\"" | grep -q 1 \
    || as_postgres "psql -q -p $PG_PORT -c \"CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD'\"" >/dev/null \
    || die "could not create the PostgreSQL role $DB_USER"
}

# ensure_database NAME: creates the database owned by the application role when missing.
ensure_database() {
  local name="$1"
  PGPASSWORD="$DB_PASSWORD" psql -q -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='$name'" | grep -q 1 \
    || PGPASSWORD="$DB_PASSWORD" psql -q -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d postgres -c "CREATE DATABASE \"$name\"" >/dev/null \
    || die "could not create database $name"
}

redis_ready() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

ensure_redis() {
  command -v redis-server >/dev/null || apt_install redis-server
  if redis_ready; then log "Redis is running on port $REDIS_PORT"; return; fi
  mkdir -p "$STATE_DIR"
  log "starting Redis on port $REDIS_PORT"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --pidfile "$STATE_DIR/redis-$REDIS_PORT.pid" --logfile "$STATE_DIR/redis-$REDIS_PORT.log" >/dev/null \
    || die "Redis did not start"
  STARTED_SERVICES+=("redis:$REDIS_PORT")
  for _ in $(seq 1 30); do redis_ready && break; sleep 0.2; done
  redis_ready || die "Redis does not answer on 127.0.0.1:$REDIS_PORT"
}

stop_started_services() {
  for service in "${STARTED_SERVICES[@]}"; do
    case "$service" in
      redis:*) redis-cli -h 127.0.0.1 -p "${service#redis:}" shutdown nosave >/dev/null 2>&1 || true ;;
      postgres:*) IFS=: read -r _ version cluster <<<"$service"; as_root pg_ctlcluster "$version" "$cluster" stop >/dev/null 2>&1 || true ;;
    esac
  done
  STARTED_SERVICES=()
}

ensure_node_modules() {
  log "npm install"
  npm install --no-audit --no-fund --loglevel=error >/dev/null || die "npm install failed"
}

# The Chinese font embedded in PDF bulletins and reports (WenQuanYi Micro Hei, a small CJK font).
CJK_FONT="${CJK_FONT:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}"
ensure_cjk_font() {
  [ -f "$CJK_FONT" ] || apt_install fonts-wqy-microhei
  [ -f "$CJK_FONT" ] || die "the CJK font $CJK_FONT is missing"
  export PDF_FONT_PATH="$CJK_FONT"
}

# Debian's Chromium for the browser tests (playwright-core drives it; no browser download).
# LibreOffice headless opens the generated .docx files in the tests, as an office's word processor would;
# pdftoppm keeps page images of what it printed in test-artifacts/documents/.
ensure_libreoffice() {
  command -v soffice >/dev/null || apt_install --no-install-recommends libreoffice-writer-nogui
  command -v pdftoppm >/dev/null || apt_install --no-install-recommends poppler-utils
  command -v soffice >/dev/null || die "LibreOffice (soffice) is not available"
  command -v pdftoppm >/dev/null || die "pdftoppm (poppler-utils) is not available"
}

# Debian's nginx for the scale-out topology test, which runs its own nginx binary in the foreground on a
# temporary config and prefix (see docker/nginx.conf). The system's nginx service is never started:
# installing the package can start it, so it is stopped again at once if this installed it.
ensure_nginx() {
  if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    # Debian 12 has the small nginx-light; later releases only nginx.
    if apt-cache show nginx-light >/dev/null 2>&1; then apt_install --no-install-recommends nginx-light
    else apt_install --no-install-recommends nginx; fi
    as_root systemctl disable --now nginx >/dev/null 2>&1 || as_root invoke-rc.d nginx stop >/dev/null 2>&1 || true
  fi
  [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || die "nginx is not available"
  export NGINX_PATH="$(command -v nginx || echo /usr/sbin/nginx)"
}

ensure_chromium() {
  command -v chromium >/dev/null || apt_install chromium
  command -v chromium >/dev/null || die "chromium is not available"
  export CHROMIUM_PATH="$(command -v chromium)"
}
