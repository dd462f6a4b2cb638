#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the ledger and budget tests.
#   eval "$(bash .ci/postgres.sh start)"   # installs Debian's postgresql if missing, starts it, prints `export SWITCHYARD_TEST_PG_URL=…`
#   bash .ci/postgres.sh stop              # stops it and deletes its data
# The cluster lives in a temp dir owned by the postgres user, listens on 127.0.0.1 on a free port, trusts loopback only.
set -euo pipefail

STATE="${SWITCHYARD_PG_STATE:-/tmp/switchyard-test-pg.env}"
DB=switchyard_test

log() { echo "postgres.sh: $*" >&2; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    log "installing Debian's postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$dir"
}

free_port() {
  local port
  for port in $(shuf -i 55432-55632 -n 200); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  log "no free port in 55432-55632"; exit 1
}

start() {
  if [ -f "$STATE" ]; then
    # shellcheck disable=SC1090
    . "$STATE"
    if [ -n "${PG_DATA:-}" ] && as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
      log "already running"; echo "export SWITCHYARD_TEST_PG_URL=$SWITCHYARD_TEST_PG_URL"; return
    fi
  fi
  local bin dir port url
  bin=$(pg_bin)
  dir=$(mktemp -d /tmp/switchyard-pg.XXXXXX)
  port=$(free_port)
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
  chmod 700 "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  # A port free to connect to can still be taken when the server binds it (a loopback connection of a run just before
  # holds it as its local port): on "Address already in use" the next try takes another port.
  local try
  for try in 1 2 3 4 5; do
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=100" start >&2; then break; fi
    if [ "$try" = 5 ] || ! grep -q "Address already in use" "$dir/server.log"; then cat "$dir/server.log" >&2; exit 1; fi
    log "port $port was taken as the server started; trying another"
    port=$(free_port)
  done
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB"
  url="postgres://postgres@127.0.0.1:$port/$DB"
  printf 'PG_BIN=%q\nPG_DATA=%q\nPG_DIR=%q\nSWITCHYARD_TEST_PG_URL=%q\n' "$bin" "$dir/data" "$dir" "$url" >"$STATE"
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)"
  echo "export SWITCHYARD_TEST_PG_URL=$url"
}

stop() {
  [ -f "$STATE" ] || { log "not running"; return; }
  # shellcheck disable=SC1090
  . "$STATE"
  as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >&2 || true
  rm -rf "$PG_DIR" "$STATE"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
