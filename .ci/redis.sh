#!/usr/bin/env bash
# A throwaway Redis server on loopback for the shared-state tests.
#   eval "$(bash .ci/redis.sh start)"   # installs Debian's redis-server if missing, starts it, prints `export SWITCHYARD_TEST_REDIS_URL=…`
#   bash .ci/redis.sh stop              # stops it and deletes its data
# It listens on 127.0.0.1 on a free port, keeps nothing on disk, and needs a password (as production servers do).
set -euo pipefail

STATE="${SWITCHYARD_REDIS_STATE:-/tmp/switchyard-test-redis.env}"

log() { echo "redis.sh: $*" >&2; }

redis_bin() {
  if ! command -v redis-server >/dev/null; then
    log "installing Debian's redis-server"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq redis-server >&2
    # The package starts a system-wide server; the tests use their own.
    (systemctl disable --now redis-server || service redis-server stop || true) >/dev/null 2>&1
  fi
  command -v redis-server
}

free_port() {
  local port
  for port in $(shuf -i 56380-56880 -n 200); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  log "no free port in 56380-56880"; exit 1
}

start() {
  if [ -f "$STATE" ]; then
    # shellcheck disable=SC1090
    . "$STATE"
    if [ -n "${REDIS_PID:-}" ] && kill -0 "$REDIS_PID" 2>/dev/null; then
      log "already running"; echo "export SWITCHYARD_TEST_REDIS_URL=$SWITCHYARD_TEST_REDIS_URL"; return
    fi
  fi
  local bin dir port password url
  bin=$(redis_bin)
  dir=$(mktemp -d /tmp/switchyard-redis.XXXXXX)
  password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  # A port free to connect to can still be taken when the server binds it (a loopback connection of a run just before
  # holds it as its local port): on "Address already in use" the next try takes another port.
  local try up
  for try in 1 2 3 4 5; do
    port=$(free_port)
    : >"$dir/server.log"
    "$bin" --bind 127.0.0.1 --port "$port" --requirepass "$password" --save '' --appendonly no \
      --dir "$dir" --logfile "$dir/server.log" --pidfile "$dir/redis.pid" --daemonize yes >&2
    up=
    for _ in $(seq 50); do
      if redis-cli -p "$port" -a "$password" --no-auth-warning ping 2>/dev/null | grep -q PONG; then up=1; break; fi
      grep -q "Address already in use" "$dir/server.log" && break
      sleep 0.1
    done
    [ -n "$up" ] && break
    if [ "$try" = 5 ] || ! grep -q "Address already in use" "$dir/server.log"; then cat "$dir/server.log" >&2; exit 1; fi
    log "port $port was taken as the server started; trying another"
  done
  url="redis://:$password@127.0.0.1:$port/0"
  printf 'REDIS_PID=%q\nREDIS_DIR=%q\nSWITCHYARD_TEST_REDIS_URL=%q\n' "$(cat "$dir/redis.pid")" "$dir" "$url" >"$STATE"
  log "$("$bin" --version | awk '{print $1, $2, $3}') on 127.0.0.1:$port (data in $dir)"
  echo "export SWITCHYARD_TEST_REDIS_URL=$url"
}

stop() {
  [ -f "$STATE" ] || { log "not running"; return; }
  # shellcheck disable=SC1090
  . "$STATE"
  kill "$REDIS_PID" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$REDIS_PID" 2>/dev/null || break; sleep 0.1; done
  rm -rf "$REDIS_DIR" "$STATE"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
