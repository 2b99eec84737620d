#!/usr/bin/env bash
# The services of the scale-out mode, for local use and for CI: PostgreSQL (the shared store)
# and NATS with JetStream (the stream of documents), each on a free loopback port, with its
# data in one folder.
#
#   eval "$(tools/services.sh start)"   # installs what is missing (Debian), starts both and
#                                      # prints the exports: CROSSCHECK_TEST_POSTGRES,
#                                      # CROSSCHECK_TEST_NATS and CROSSCHECK_SERVICES
#   tools/services.sh stop "$CROSSCHECK_SERVICES"
#
# PostgreSQL refuses to run as root: as root, its folder belongs to the `postgres` user and
# its programs run as that user.
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)

install_missing() {
  local missing=()
  [[ -n "$pg_bin" && -x "$pg_bin/initdb" ]] || missing+=(postgresql postgresql-contrib)
  command -v nats-server >/dev/null || missing+=(nats-server)
  if ((${#missing[@]})); then
    echo "installing ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Runs a PostgreSQL program as the user that owns the data.
as_pg() {
  if [[ $(id -u) == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

wait_for_port() {
  local port=$1 what=$2
  for _ in $(seq 1 100); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "$what did not start on port $port" >&2
  return 1
}

start() {
  install_missing
  local dir=${1:-$(mktemp -d /tmp/crosscheck-services.XXXXXX)}
  mkdir -p "$dir"
  chmod 755 "$dir"
  local pg_port nats_port
  pg_port=$(free_port)
  nats_port=$(free_port)

  mkdir -p "$dir/pg"
  [[ $(id -u) == 0 ]] && chown postgres "$dir/pg"
  as_pg "$pg_bin/initdb" -D "$dir/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/pg/initdb.log" 2>&1 \
    || { cat "$dir/pg/initdb.log" >&2; exit 1; }
  as_pg "$pg_bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w \
    -o "-p $pg_port -k $dir/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
  wait_for_port "$pg_port" PostgreSQL

  mkdir -p "$dir/nats"
  echo "-p $nats_port" >"$dir/nats/command"
  nohup nats-server -js -a 127.0.0.1 -p "$nats_port" -sd "$dir/nats" >"$dir/nats/server.log" 2>&1 &
  echo $! >"$dir/nats/pid"
  wait_for_port "$nats_port" NATS

  echo "export CROSSCHECK_SERVICES=$dir"
  echo "export CROSSCHECK_TEST_POSTGRES=postgres://postgres@127.0.0.1:$pg_port/postgres"
  echo "export CROSSCHECK_TEST_NATS=nats://127.0.0.1:$nats_port"
}

stop() {
  local dir=${1:?the folder start printed}
  if [[ -d "$dir/pg/data" ]]; then
    as_pg "$pg_bin/pg_ctl" -D "$dir/pg/data" -m fast stop >&2 || true
  fi
  if [[ -f "$dir/nats/pid" ]]; then
    kill "$(cat "$dir/nats/pid")" 2>/dev/null || true
  fi
  rm -rf "$dir"
}

# Restarts one service in place (same port, same data): what the fault tests do mid-stream.
restart_postgres() {
  local dir=${1:?the folder start printed}
  as_pg "$pg_bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -m immediate -w restart >&2
}

restart_nats() {
  local dir=${1:?the folder start printed} port
  port=$(grep -o -- '-p [0-9]*' "$dir/nats/command" | cut -d' ' -f2)
  kill -9 "$(cat "$dir/nats/pid")"
  sleep "${2:-0}"
  nohup nats-server -js -a 127.0.0.1 -p "$port" -sd "$dir/nats" >>"$dir/nats/server.log" 2>&1 &
  echo $! >"$dir/nats/pid"
  wait_for_port "$port" NATS
}

case ${1:-} in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  restart-postgres) restart_postgres "${2:-}" ;;
  restart-nats) restart_nats "${2:-}" "${3:-0}" ;;
  *) echo "usage: $0 start [DIR] | stop DIR | restart-postgres DIR | restart-nats DIR [PAUSE]" >&2; exit 2 ;;
esac
