#!/usr/bin/env bash
# `make serve`: the portal as production runs it (DEBUG off, gunicorn.conf.py, hashed and
# compressed static files), on this machine. Plain http unless HTTPS=true is set.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBUG=false
export HTTPS="${HTTPS:-false}"
# A local production-like run needs a real secret: make one once and keep it out of git.
if [[ -z "${SECRET_KEY:-}" ]]; then
  [[ -s .secret_key ]] || .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))" > .secret_key
  SECRET_KEY="$(cat .secret_key)"
  export SECRET_KEY
fi

.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py sync_roles
.venv/bin/python manage.py collectstatic --noinput -v0
exec .venv/bin/gunicorn -c gunicorn.conf.py config.wsgi
