# Shell functions for local PostgreSQL servers made from Debian's binaries, sourced by .ci/run (a streaming
# replica of the local server for the replica tests) and scripts/cluster.sh (a primary, its replica).
# PostgreSQL refuses to run as root: as root, its commands run as the postgres user, who owns the data.

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ]; then
    echo "PostgreSQL's binaries are not installed (/usr/lib/postgresql/*/bin)" >&2
    return 1
  fi
  echo "$dir"
}

as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A directory the server's user may own: created by us, handed to postgres when we are root.
make_pg_dir() {
  mkdir -p "$1"
  chmod 700 "$1"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$1"; fi
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The first free port from $1 on.
free_port_from() {
  local port=$1
  while ! port_free "$port"; do port=$((port + 1)); done
  echo "$port"
}

# Writes the configuration a server made here needs (Debian keeps its own out of the data directory):
# listening on 127.0.0.1:$2 only (no Unix socket, which pg_basebackup would not copy and pg_ctl does not
# need), trust for local connections and replication from 127.0.0.1. Extra settings follow as arguments.
write_pg_config() {
  local data=$1 port=$2
  shift 2
  {
    echo "port = $port"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = ''"
    echo "max_connections = 200"
    echo "shared_buffers = 64MB"
    echo "hot_standby = on"
    echo "hot_standby_feedback = on"
    echo "wal_level = replica"
    echo "max_wal_senders = 10"
    for setting in "$@"; do echo "$setting"; done
  } | as_pg_owner tee "$data/postgresql.conf" >/dev/null
  printf '%s\n' 'local all all trust' 'host all all 127.0.0.1/32 trust' 'host replication all 127.0.0.1/32 trust' |
    as_pg_owner tee "$data/pg_hba.conf" >/dev/null
}

# start_replica PRIMARY_PORT DATA_DIR PORT [SETTING…]: a streaming standby of the server at
# 127.0.0.1:PRIMARY_PORT, copied by pg_basebackup (-R writes primary_conninfo and standby.signal).
start_replica() {
  local primary_port=$1 data=$2 port=$3 bin
  shift 3
  bin=$(pg_bin)
  make_pg_dir "$data"
  as_pg_owner "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$data" -R -X stream -c fast
  # A standby needs at least the primary's values of these, whatever the primary was given.
  local at_least
  mapfile -t at_least < <(psql -h 127.0.0.1 -p "$primary_port" -U postgres -Atc "select name || ' = ' || setting
    from pg_settings where name in ('max_connections', 'max_worker_processes', 'max_wal_senders',
      'max_prepared_transactions', 'max_locks_per_transaction')")
  write_pg_config "$data" "$port" "${at_least[@]}" "$@"
  as_pg_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 120 start >/dev/null
}

# start_primary DATA_DIR PORT: a new server (initdb on first use), then started.
start_primary() {
  local data=$1 port=$2 bin
  bin=$(pg_bin)
  if [ ! -f "$data/PG_VERSION" ]; then
    make_pg_dir "$data"
    as_pg_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  write_pg_config "$data" "$port"
  as_pg_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 120 start >/dev/null
}

pg_running() {
  [ -f "$1/postmaster.pid" ] && as_pg_owner "$(pg_bin)/pg_ctl" -D "$1" status >/dev/null 2>&1
}

stop_pg() {
  if pg_running "$1"; then as_pg_owner "$(pg_bin)/pg_ctl" -D "$1" -m fast -w -t 60 stop >/dev/null; fi
}

# Lets the server at 127.0.0.1:$1 take replication connections from 127.0.0.1 without a password: a
# line at the top of its pg_hba.conf (the first matching line decides), then a reload. Nothing when it
# is there already.
allow_local_replication() {
  local port=$1 hba line='host replication all 127.0.0.1/32 trust'
  hba=$(psql -h 127.0.0.1 -p "$port" -U postgres -Atc 'show hba_file')
  if ! grep -qxF "$line" "$hba"; then
    sed -i "1i $line" "$hba"
    psql -h 127.0.0.1 -p "$port" -U postgres -qAtc 'select pg_reload_conf()' >/dev/null
  fi
}
