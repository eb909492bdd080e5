#!/usr/bin/env bash
# Restores a dump made by scripts/backup_db.sh into a NEW database on the server DATABASE_URL
# names, then compares every table's row count in the dump with the restored database.
#
#   scripts/restore_db.sh FILE TARGET_DB_NAME
#
# It never drops or overwrites anything: an existing TARGET_DB_NAME is refused. Switching the
# portal to the restored database is a separate, deliberate step (docs/deploy.md).
# Exit status: 0 when the counts agree, 1 on any error or difference.
set -euo pipefail
# No cd: FILE is relative to where the script is run from.
# shellcheck source=scripts/db_url.sh
source "$(dirname "$0")/db_url.sh"

if (($# != 2)); then
  echo "usage: $0 FILE TARGET_DB_NAME" >&2
  exit 2
fi
file="$1"
target="$2"

if [[ ! -r "$file" ]]; then
  echo "Cannot read the dump $file" >&2
  exit 1
fi
# A plain name needs no quoting anywhere below (SQL, URIs, messages).
if [[ ! "$target" =~ ^[a-z_][a-z0-9_]{0,62}$ ]]; then
  echo "TARGET_DB_NAME must be lower-case letters, digits and _ (at most 63), got '$target'" >&2
  exit 2
fi
# Is it an archive at all? Checked before anything is created on the server.
pg_restore --list "$file" >/dev/null

database_url="$(portal_database_url)"
psql_at() {
  psql --no-psqlrc --quiet --no-align --tuples-only --field-separator=$'\t' \
    --set=ON_ERROR_STOP=1 --dbname="$1" "${@:2}"
}

# CREATE DATABASE is issued from the server's maintenance database "postgres", so this
# works even when the database DATABASE_URL names is the one that was lost.
use_database "$database_url" postgres
maintenance_uri="$PG_URI"
exists="$(psql_at "$maintenance_uri" --command="SELECT 1 FROM pg_database WHERE datname = '$target'")"
if [[ -n "$exists" ]]; then
  echo "Database $target already exists on this server: refusing to restore into it." >&2
  echo "Choose a new name; this script never drops or overwrites a database." >&2
  exit 1
fi
# template0: an empty database, whatever was added to template1 on this server. The portal
# needs UTF-8 for Cyrillic case-folding and search.
psql_at "$maintenance_uri" --command="CREATE DATABASE $target TEMPLATE template0 ENCODING 'UTF8'"
echo "Created database $target"

use_database "$database_url" "$target"
target_uri="$PG_URI"
# --no-owner: the restored objects belong to the role that restores (DATABASE_URL's user),
# since the dumped server's roles need not exist here. --single-transaction with
# --exit-on-error: either the whole dump is in, or nothing is and the error is on screen.
if ! pg_restore --dbname="$target_uri" --no-owner --exit-on-error --single-transaction "$file"; then
  echo "Restore failed; nothing was restored into $target, which is left in place." >&2
  echo "Remove it when you no longer need it: dropdb $target (on the same server)." >&2
  exit 1
fi

# Rows per table in the dump: the data section lists each table as a COPY block, one line
# per row (COPY's text format escapes newlines, and a row can never be the end marker \.).
dump_counts="$(mktemp)"
restored_counts="$(mktemp)"
trap 'rm -f "$dump_counts" "$restored_counts"' EXIT
pg_restore --data-only --file=- "$file" | awk '
  in_copy { if ($0 == "\\.") { print table "\t" rows; in_copy = 0 } else { rows++ }; next }
  /^COPY .* FROM stdin;$/ {
    table = $0
    sub(/^COPY /, "", table)
    sub(/ (\(.*\) )?FROM stdin;$/, "", table)
    rows = 0
    in_copy = 1
  }
' | LC_ALL=C sort >"$dump_counts"

# Rows per table in the restored database, every table of every non-system schema, named
# the way pg_dump names them (format %I quotes like pg_dump does).
psql_at "$target_uri" <<'SQL' | LC_ALL=C sort >"$restored_counts"
SELECT format('SELECT %L, count(*) FROM %I.%I', format('%I.%I', schemaname, tablename),
              schemaname, tablename)
FROM pg_tables
WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
\gexec
SQL

# A table missing on either side shows as "-"; any difference fails the run.
echo
LC_ALL=C join -t $'\t' -a 1 -a 2 -e - -o 0,1.2,2.2 "$dump_counts" "$restored_counts" | awk -F '\t' '
  BEGIN { printf "%-45s %10s %10s\n", "table", "dump", "restored" }
  {
    mark = ($2 == $3) ? "" : "  <-- DIFFERENT"
    if (mark) bad++
    dump += $2; restored += $3
    printf "%-45s %10s %10s%s\n", $1, $2, $3, mark
  }
  END {
    printf "%-45s %10d %10d\n", "total (" NR " tables)", dump, restored
    if (bad) { printf "\n%d table(s) differ: the restore is NOT complete.\n", bad; exit 1 }
    print "\nEvery table has the same row count in the dump and in the restored database."
  }
'
