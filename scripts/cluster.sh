#!/usr/bin/env bash
# Relate scaled out on one machine, everything on 127.0.0.1: a PostgreSQL primary and a streaming replica of
# it (pg_basebackup), two Relate instances reading heavy pages from the replica, and HAProxy in front of them
# checking each instance's /api/ready.
#
#   scripts/cluster.sh start     start whatever is not running (the first start builds the app and makes the
#                                databases; later starts keep their data)
#   scripts/cluster.sh stop      stop all of it, load balancer first; the data stays in CLUSTER_DIR
#   scripts/cluster.sh status    what runs, where, whether each instance is ready, how far the replica is behind
#
# Settings (environment): CLUSTER_DIR (/tmp/relate-cluster; remove it to start afresh), CLUSTER_PORT (3100,
# the load balancer), CLUSTER_APP_PORTS ("3101 3102"), CLUSTER_PRIMARY_PORT (55432), CLUSTER_REPLICA_PORT
# (55433), CLUSTER_STATS_PORT (3199, HAProxy's statistics page), RELATE_ADMIN_PASSWORD (the first start's
# administrator password; one is generated and kept in CLUSTER_DIR otherwise). Needs Debian's postgresql and
# haproxy packages.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib/postgres.sh"

dir=${CLUSTER_DIR:-/tmp/relate-cluster}
lb_port=${CLUSTER_PORT:-3100}
read -r -a app_ports <<<"${CLUSTER_APP_PORTS:-3101 3102}"
primary_port=${CLUSTER_PRIMARY_PORT:-55432}
replica_port=${CLUSTER_REPLICA_PORT:-55433}
stats_port=${CLUSTER_STATS_PORT:-3199}
database=relate
primary_url="postgres://postgres@127.0.0.1:$primary_port/$database"
replica_url="postgres://postgres@127.0.0.1:$replica_port/$database"

say() { printf '%s\n' "$*"; }
fail() {
  printf 'cluster: %s\n' "$*" >&2
  exit 1
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true; }

wait_for() {
  local what=$1 seconds=$2
  shift 2
  for _ in $(seq 1 $((seconds * 2))); do
    if "$@"; then return 0; fi
    sleep 0.5
  done
  fail "$what did not come up within ${seconds}s"
}

ready() { [ "$(http_status "http://127.0.0.1:$1/api/ready")" = 200 ]; }

secret_of() {
  local file=$1 length=$2
  [ -f "$file" ] || (umask 077 && openssl rand -hex "$length" >"$file")
  cat "$file"
}

start_databases() {
  if pg_running "$dir/primary"; then
    say "primary     already running on 127.0.0.1:$primary_port"
  else
    port_free "$primary_port" || fail "port $primary_port is taken (CLUSTER_PRIMARY_PORT)"
    start_primary "$dir/primary" "$primary_port"
    say "primary     started on 127.0.0.1:$primary_port ($dir/primary)"
  fi
  if [ -z "$(psql -h 127.0.0.1 -p "$primary_port" -U postgres -Atc "select 1 from pg_database where datname = '$database'")" ]; then
    psql -h 127.0.0.1 -p "$primary_port" -U postgres -qc "create database $database"
  fi
  if pg_running "$dir/replica"; then
    say "replica     already running on 127.0.0.1:$replica_port"
  else
    port_free "$replica_port" || fail "port $replica_port is taken (CLUSTER_REPLICA_PORT)"
    if [ -f "$dir/replica/standby.signal" ]; then
      as_pg_owner "$(pg_bin)/pg_ctl" -D "$dir/replica" -l "$dir/replica/server.log" -w -t 120 start >/dev/null
    else
      rm -rf "$dir/replica"
      start_replica "$primary_port" "$dir/replica" "$replica_port"
    fi
    say "replica     started on 127.0.0.1:$replica_port, streaming from the primary ($dir/replica)"
  fi
}

start_instance() {
  local number=$1 port=$2 pidfile="$dir/app$1.pid"
  if pid_alive "$pidfile"; then
    say "instance $number  already running on 127.0.0.1:$port"
    return
  fi
  port_free "$port" || fail "port $port is taken (CLUSTER_APP_PORTS)"
  mkdir -p "$dir/app$number"
  # npm start builds the web app and the server when they are missing or stale, then runs the built server.
  (
    cd "$root"
    PORT=$port HOST=127.0.0.1 DATA_DIR="$dir/app$number" \
      DATABASE_URL="$primary_url" DATABASE_REPLICA_URL="$replica_url" \
      SESSION_SECRET="$(secret_of "$dir/session-secret" 32)" \
      RELATE_ADMIN_PASSWORD="${RELATE_ADMIN_PASSWORD:-$(secret_of "$dir/admin-password" 8)}" \
      FILE_STORE=database TRUST_PROXY=127.0.0.1 PUBLIC_URL="http://127.0.0.1:$lb_port" \
      nohup node scripts/start.mjs >>"$dir/app$number.log" 2>&1 &
    echo $! >"$pidfile"
  )
  wait_for "instance $number (log: $dir/app$number.log)" 300 ready "$port"
  say "instance $number  ready on 127.0.0.1:$port (log: $dir/app$number.log)"
}

write_haproxy_config() {
  {
    cat <<EOF
global
    maxconn 4096

defaults
    mode http
    option forwardfor
    # A request whose connection to an instance failed goes to the other one; so does a GET that an instance
    # dropped without answering (it was killed): a change is never sent twice.
    option redispatch
    retries 2
    retry-on conn-failure empty-response junk-response
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # Event streams (notifications) stay open.
    timeout tunnel 1h

frontend relate
    bind 127.0.0.1:$lb_port
    default_backend instances

backend instances
    balance roundrobin
    http-request disable-l7-retry if !METH_GET
    option httpchk GET /api/ready
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
EOF
    local i=1
    for port in "${app_ports[@]}"; do
      echo "    server app$i 127.0.0.1:$port check"
      i=$((i + 1))
    done
    cat <<EOF

listen stats
    bind 127.0.0.1:$stats_port
    stats enable
    stats uri /
EOF
  } >"$dir/haproxy.cfg"
}

start_balancer() {
  command -v haproxy >/dev/null || fail "HAProxy is not installed: apt-get install haproxy"
  if pid_alive "$dir/haproxy.pid"; then
    say "haproxy     already running on 127.0.0.1:$lb_port"
    return
  fi
  port_free "$lb_port" || fail "port $lb_port is taken (CLUSTER_PORT)"
  write_haproxy_config
  haproxy -q -c -f "$dir/haproxy.cfg" || fail "HAProxy refused $dir/haproxy.cfg"
  haproxy -q -D -f "$dir/haproxy.cfg" -p "$dir/haproxy.pid"
  wait_for "HAProxy" 30 ready "$lb_port"
  say "haproxy     on 127.0.0.1:$lb_port, checking /api/ready of each instance (statistics: http://127.0.0.1:$stats_port/)"
}

start() {
  mkdir -p "$dir"
  # The postgres user (when we are root) must reach its data directories inside.
  chmod 755 "$dir"
  start_databases
  local i=1
  for port in "${app_ports[@]}"; do
    start_instance "$i" "$port"
    i=$((i + 1))
  done
  start_balancer
  say ""
  say "Relate: http://127.0.0.1:$lb_port  (admin / ${RELATE_ADMIN_PASSWORD:-$(cat "$dir/admin-password" 2>/dev/null)})"
}

stop_process() {
  local name=$1 pidfile=$2
  if pid_alive "$pidfile"; then
    local pid
    pid=$(cat "$pidfile")
    kill -TERM "$pid"
    # An instance finishes the requests in flight (10 s at most) and hands back its jobs.
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
    say "$name stopped"
  fi
  rm -f "$pidfile"
}

stop() {
  [ -d "$dir" ] || { say "nothing to stop ($dir does not exist)"; return; }
  stop_process "haproxy    " "$dir/haproxy.pid"
  local i=1
  for _ in "${app_ports[@]}"; do
    stop_process "instance $i " "$dir/app$i.pid"
    i=$((i + 1))
  done
  if pg_running "$dir/replica"; then stop_pg "$dir/replica" && say "replica     stopped"; fi
  if pg_running "$dir/primary"; then stop_pg "$dir/primary" && say "primary     stopped"; fi
  say "data kept in $dir (remove it to start afresh)"
}

status() {
  if pg_running "$dir/primary" 2>/dev/null; then
    say "primary     running on 127.0.0.1:$primary_port"
  else
    say "primary     stopped"
  fi
  if pg_running "$dir/replica" 2>/dev/null; then
    local lag
    lag=$(psql -h 127.0.0.1 -p "$replica_port" -U postgres -Atc "select case when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 'caught up' else coalesce(round(extract(epoch from now() - pg_last_xact_replay_timestamp()))::text || ' s behind', 'nothing replayed yet') end || ', ' || coalesce((select status from pg_stat_wal_receiver), 'not streaming')" 2>/dev/null || echo 'not answering')
    say "replica     running on 127.0.0.1:$replica_port: $lag"
  else
    say "replica     stopped"
  fi
  local i=1
  for port in "${app_ports[@]}"; do
    if pid_alive "$dir/app$i.pid"; then
      say "instance $i  running on 127.0.0.1:$port, /api/ready: $(http_status "http://127.0.0.1:$port/api/ready")"
    else
      say "instance $i  stopped"
    fi
    i=$((i + 1))
  done
  if pid_alive "$dir/haproxy.pid"; then
    say "haproxy     running on 127.0.0.1:$lb_port, /api/ready: $(http_status "http://127.0.0.1:$lb_port/api/ready")"
    curl -s --max-time 2 "http://127.0.0.1:$stats_port/;csv" | awk -F, '$1 == "instances" && $2 != "BACKEND" { printf "  %-9s %s\n", $2, $18 }' || true
  else
    say "haproxy     stopped"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    say "usage: scripts/cluster.sh start|stop|status"
    exit 2
    ;;
esac
