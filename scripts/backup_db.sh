#!/usr/bin/env bash
# Dumps the portal's database (the one DATABASE_URL names, as in config/settings.py) to FILE,
# or to backups/portal-YYYYmmdd-HHMMSS.dump, and prints the file's path and size.
#
#   scripts/backup_db.sh [FILE]
#
# The dump is pg_dump's custom format (-Fc): compressed, and pg_restore can restore it into
# any database, whole or table by table. Restore and check it with scripts/restore_db.sh;
# docs/deploy.md ("Backups: the drill") says how often and where to keep the files.
set -euo pipefail
# No cd: FILE is relative to where the script is run from.
# shellcheck source=scripts/db_url.sh
source "$(dirname "$0")/db_url.sh"

if (($# > 1)); then
  echo "usage: $0 [FILE]" >&2
  exit 2
fi

use_database "$(portal_database_url)"

# A dump holds password hashes, sessions and voters' hashes: readable by its owner only.
umask 077
file="${1:-$PORTAL_ROOT/backups/portal-$(date +%Y%m%d-%H%M%S).dump}"
mkdir -p "$(dirname "$file")"

# pg_dump writes to a temporary name first, so a dump cut short (disk full, server gone)
# never sits under the final name looking like a good backup.
partial="$file.partial"
trap 'rm -f "$partial"' EXIT
pg_dump --dbname="$PG_URI" --format=custom --file="$partial"
# Reading the archive's table of contents back proves the file is a complete archive.
pg_restore --list "$partial" >/dev/null
mv "$partial" "$file"
trap - EXIT

bytes="$(stat -c %s "$file")"
echo "${file#"$PWD/"} $(numfmt --to=iec --suffix=B "$bytes") ($bytes bytes, database $PG_DBNAME)"
