#!/usr/bin/env bash
# A PostgreSQL server for the tests and for trying the PostgreSQL input (issue 12), on this
# machine: installs Debian's `postgresql` when missing, creates and starts a cluster of its own
# (so the machine's `main` cluster and its pg_hba.conf are left alone), creates a role and a
# database, and prints the URL to stdout (everything else goes to stderr). Idempotent: run it
# again and it only starts what is stopped. Needs root (apt-get, pg_createcluster).
#
#   export SHOPPER_PG_URL=$(scripts/postgres.sh)      # postgres://shopper@127.0.0.1:5433/shopper
#
# The role logs in without a password, from 127.0.0.1 only (it owns one database): the
# cluster is a throwaway holding public test data, and the trainer refuses passwords in URLs
# anyway (PGPASSWORD or ~/.pgpass is where a real server's password goes).
# SHOPPER_PG_PORT (default 5433, beside a `main` cluster on 5432) picks the port.
set -euo pipefail

port=${SHOPPER_PG_PORT:-5433}
cluster=shopper
role=shopper
db=shopper
log() { echo "postgres.sh: $*" >&2; }

if ! command -v pg_createcluster >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then log "PostgreSQL is not installed and this is not root: run as root, or apt-get install postgresql"; exit 1; fi
  log "apt-get install postgresql"
  apt-get update -qq
  # policy-rc.d may keep the package from starting its `main` cluster in a container: fine, ours is started below
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)

if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
  log "creating cluster $version/$cluster on port $port"
  # UTF-8 so descriptions keep their characters; fsync off: a test cluster, fast loads matter more
  # than surviving a power cut.
  pg_createcluster "$version" "$cluster" --port "$port" --locale C.UTF-8 --start-conf manual \
    -o fsync=off -o synchronous_commit=off -o full_page_writes=off >/dev/null
fi
hba=/etc/postgresql/$version/$cluster/pg_hba.conf
# first match wins: this line goes before the scram-sha-256 ones. Every database, so that a
# missing one is reported as missing rather than as a password the server asks for.
trust="host all $role 127.0.0.1/32 trust"
if ! grep -qxF "$trust" "$hba"; then
  sed -i "1i $trust" "$hba"
  pg_ctlcluster "$version" "$cluster" reload 2>/dev/null || true
fi
port=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $3 }')

if ! pg_ctlcluster "$version" "$cluster" status >/dev/null 2>&1; then
  log "starting cluster $version/$cluster"
  pg_ctlcluster "$version" "$cluster" start
fi

as_postgres() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" "$@"; }
if [ "$(as_postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != 1 ]; then
  log "creating role $role"
  as_postgres -c "CREATE ROLE $role LOGIN"
fi
if [ "$(as_postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
  log "creating database $db"
  as_postgres -c "CREATE DATABASE $db OWNER $role ENCODING 'UTF8' TEMPLATE template0"
fi

echo "postgres://$role@127.0.0.1:$port/$db"
