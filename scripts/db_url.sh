# shellcheck shell=bash
# Sourced by backup_db.sh and restore_db.sh: which database to talk to, and how.
#
# The database is the one config/settings.py would use: DATABASE_URL from the environment,
# else from the checkout's .env, else the development default. The URL becomes a libpq URI without the
# password, which goes into PGPASSWORD instead, so it never shows in `ps` or in messages.

DEFAULT_DATABASE_URL="postgres://portal:portal@127.0.0.1:5432/portal"
PORTAL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Prints the DATABASE_URL the portal itself would read (real environment wins over .env).
portal_database_url() {
  if [[ -n "${DATABASE_URL:-}" ]]; then
    printf '%s\n' "$DATABASE_URL"
    return
  fi
  local from_file
  from_file="$(grep -m 1 -E '^[[:space:]]*(export[[:space:]]+)?DATABASE_URL=' "$PORTAL_ROOT/.env" 2>/dev/null || true)"
  if [[ -n "$from_file" ]]; then
    from_file="${from_file#*DATABASE_URL=}"
    # .env values may be quoted, as django-environ allows.
    from_file="${from_file%\"}"
    from_file="${from_file#\"}"
    from_file="${from_file%\'}"
    from_file="${from_file#\'}"
    printf '%s\n' "$from_file"
    return
  fi
  printf '%s\n' "$DEFAULT_DATABASE_URL"
}

# use_database URL [DBNAME]: sets PG_URI (a libpq URI for DBNAME on URL's server, or for URL's
# own database), PG_DBNAME, and exports PGPASSWORD when the URL has a password. Host, port,
# user and query parameters (?host=/socket/dir, sslmode=…) are kept exactly as given.
use_database() {
  local assignments
  assignments="$(python3 - "$@" <<'PY'
import shlex
import sys
from urllib.parse import quote, unquote, urlsplit, urlunsplit

url = sys.argv[1]
parts = urlsplit(url)
# The schemes django-environ maps to PostgreSQL; libpq itself knows only postgres(ql)://.
if parts.scheme not in ("postgres", "postgresql", "pgsql", "psql"):
    sys.exit(f"DATABASE_URL must look like postgres://USER:PASSWORD@HOST:PORT/NAME (scheme {parts.scheme!r})")
userinfo, at, hostport = parts.netloc.rpartition("@")
user, colon, password = userinfo.partition(":")
name = sys.argv[2] if len(sys.argv) > 2 else unquote(parts.path.lstrip("/"))
if not name:
    sys.exit("DATABASE_URL names no database")
netloc = f"{user}@{hostport}" if at else hostport
print(f"PG_URI={shlex.quote(urlunsplit(('postgresql', netloc, '/' + quote(name, safe=''), parts.query, '')))}")
print(f"PG_DBNAME={shlex.quote(name)}")
if colon:
    print(f"export PGPASSWORD={shlex.quote(unquote(password))}")
PY
)" || return 1
  eval "$assignments"
}
