#!/usr/bin/env bash
# Makes sure a development PostgreSQL is running when DATABASE_URL is not given.
#   root:           starts the machine's cluster (pg_ctlcluster) and creates role and database;
#   ordinary user:  runs a private cluster in ./.pgdata listening on a socket there,
#                   and records its DATABASE_URL in .env.
# Running it again is harmless.
set -euo pipefail
cd "$(dirname "$0")/.."

DB_NAME=portal
DB_USER=portal
DB_PASSWORD=portal

# A DATABASE_URL of one's own (environment or .env) is used as given; the one this
# script wrote for ./.pgdata still needs its cluster started after a reboot.
if [[ -n "${DATABASE_URL:-}" ]]; then
  exit 0
fi
if grep -qs '^DATABASE_URL=' .env && ! grep -qs "^DATABASE_URL=.*host=$PWD/.pgdata/run" .env; then
  exit 0
fi

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [[ -z "$pg_bin" ]] && ! command -v initdb >/dev/null; then
  echo "PostgreSQL is not installed: run 'apt-get install -y postgresql' (as root) or set DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/NAME." >&2
  exit 1
fi
export PATH="${pg_bin:+$pg_bin:}$PATH"

if [[ "$(id -u)" == 0 ]]; then
  if ! pg_lsclusters -h | grep -q .; then
    pg_createcluster --locale C.UTF-8 "$(basename "$(dirname "$pg_bin")")" main >/dev/null
  fi
  read -r version cluster _ < <(pg_lsclusters -h | head -n 1)
  pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true
  for _ in $(seq 30); do
    su postgres -c "pg_isready -q" && break
    sleep 0.5
  done
  # Cyrillic case-folding (search, name order) needs a UTF-8 cluster; the test database is
  # made from template1, so check that rather than fail strangely later.
  encoding="$(su postgres -c "psql -qtAc \"SELECT pg_encoding_to_char(encoding) || ' ' || datctype FROM pg_database WHERE datname = 'template1'\"")"
  if [[ "$encoding" != UTF8\ *UTF-8* && "$encoding" != UTF8\ *utf8* ]]; then
    echo "The PostgreSQL cluster $version/$cluster is not UTF-8 ($encoding): recreate it with 'pg_dropcluster --stop $version $cluster && pg_createcluster --locale C.UTF-8 $version $cluster', or set DATABASE_URL." >&2
    exit 1
  fi
  su postgres -c "psql -qtA" <<SQL
SELECT 'CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD ''$DB_PASSWORD'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER')\gexec
SELECT 'CREATE DATABASE $DB_NAME OWNER $DB_USER'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME')\gexec
SQL
  exit 0
fi

pgdata="$PWD/.pgdata"
socket_dir="$pgdata/run"
if [[ ! -f "$pgdata/PG_VERSION" ]]; then
  initdb -D "$pgdata" -U "$DB_USER" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  mkdir -p "$socket_dir"
  cat >>"$pgdata/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$socket_dir'
CONF
fi
if ! pg_ctl -D "$pgdata" status >/dev/null 2>&1; then
  pg_ctl -D "$pgdata" -l "$pgdata/server.log" -w start >/dev/null
fi
createdb -h "$socket_dir" -U "$DB_USER" "$DB_NAME" 2>/dev/null || true
if ! grep -qs '^DATABASE_URL=' .env; then
  echo "DATABASE_URL=postgres://$DB_USER@/$DB_NAME?host=$socket_dir" >>.env
fi
