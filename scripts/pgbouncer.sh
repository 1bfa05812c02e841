#!/usr/bin/env bash
# A PgBouncer in transaction mode in front of the PostgreSQL server, for tests and benchmarks (and as
# a worked example of the county deployment in the README).
#
#   scripts/pgbouncer.sh start [PORT] [SERVER_PORT]   start one on 127.0.0.1:PORT (6432) unless one answers
#   scripts/pgbouncer.sh stop [PORT]                  stop the one this script started on PORT
#
# Every database name is passed through to the server on 127.0.0.1:SERVER_PORT (5432), so tests can
# create databases as they go. PgBouncer refuses to run as root: as root, the config folder is given
# to the user postgres and PgBouncer runs as that user. The pool: at most POOL (20) server connections
# per database, MAX_CLIENTS (2000) clients.
set -euo pipefail
action=${1:-start}
port=${2:-6432}
server_port=${3:-5432}
dir=${PGBOUNCER_DIR:-/tmp/intake-desk-pgbouncer-$port}
pool=${POOL:-20}
max_clients=${MAX_CLIENTS:-2000}

as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

answers() {
  if command -v pg_isready >/dev/null 2>&1; then pg_isready -q -h 127.0.0.1 -p "$port" -U postgres -d postgres
  else (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; fi
}

case "$action" in
  start)
    if answers; then echo "pgbouncer: 127.0.0.1:$port already answers"; exit 0; fi
    if ! command -v pgbouncer >/dev/null 2>&1 && [ ! -x /usr/sbin/pgbouncer ]; then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "== installing pgbouncer"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null \
          || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null; }
      else
        echo "pgbouncer is not installed (apt-get install pgbouncer)" >&2; exit 1
      fi
    fi
    bin=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
    rm -rf "$dir"; mkdir -p "$dir"
    cat >"$dir/pgbouncer.ini" <<EOF
[databases]
* = host=127.0.0.1 port=$server_port

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
admin_users = postgres
auth_file = $dir/userlist.txt
pool_mode = transaction
default_pool_size = $pool
max_client_conn = $max_clients
max_db_connections = $pool
server_idle_timeout = 30
ignore_startup_parameters = extra_float_digits,options
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
EOF
    printf '"postgres" ""\n' >"$dir/userlist.txt"
    if [ "$(id -u)" = 0 ]; then chown -R postgres "$dir"; fi
    # File descriptors: one per client and one per server connection.
    ulimit -n 8192 2>/dev/null || true
    as_owner "$bin -d $dir/pgbouncer.ini"
    for _ in $(seq 50); do answers && break; sleep 0.1; done
    answers || { echo "pgbouncer did not start; see $dir/pgbouncer.log" >&2; tail -5 "$dir/pgbouncer.log" >&2 || true; exit 1; }
    echo "pgbouncer: 127.0.0.1:$port (transaction mode, config in $dir)"
    ;;
  stop)
    if [ -f "$dir/pgbouncer.pid" ]; then
      kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true
      for _ in $(seq 50); do [ -f "$dir/pgbouncer.pid" ] || break; sleep 0.1; done
      rm -rf "$dir"
      echo "pgbouncer on 127.0.0.1:$port stopped"
    fi
    ;;
  *) echo "usage: $0 start|stop [PORT] [SERVER_PORT]" >&2; exit 2 ;;
esac
