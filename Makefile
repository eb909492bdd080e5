# The two set-up commands: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
CLUSTER_PORT ?= 8080

.PHONY: run serve test install db demo check format bench bench-load ops-check cluster cluster-check \
	backup restore

run: db demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production-like: DEBUG off, gunicorn with gunicorn.conf.py on $(HOST):$(PORT).
serve: db demo
	BIND=$(HOST):$(PORT) scripts/serve.sh

test: db
	scripts/ensure_chromium.sh
	scripts/ensure_java.sh
	$(BIN)/pytest

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	@# A half-made venv (e.g. python3-venv missing) is removed, so the next run starts clean.
	test -x $(BIN)/pip || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "Cannot create a virtual environment: apt-get install -y python3-venv" >&2; exit 1; }; }
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c requirements.lock -e ".[dev]"
	touch $@

db: install
	scripts/dev_db.sh

demo: db
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py sync_roles
	$(BIN)/python manage.py load_demo

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/djlint templates --check --quiet
	$(BIN)/djlint templates --lint --quiet
	@# The dependency rule (docs/architecture.md): lower layers never import higher ones.
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	@# djLint exits 1 when it has changed a file: the check after it fails only if it has not settled.
	$(BIN)/djlint templates --reformat --quiet || $(BIN)/djlint templates --check --quiet

# Fills the development database with 5,000 synthetic products, 300 terms and 500 articles
# ("syn-" slugs) and measures the catalog, wizard and search pages and the editors' admin
# pages; see docs/performance.md.
bench: db
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py generate_catalog --products 5000 --terms 300 --articles 500
	$(BIN)/python manage.py bench_catalog --explain
	$(BIN)/python manage.py bench_admin

# The whole portal under load through gunicorn with production settings, on its own database
# (portal_ops_bench): every main page with wrk; prints a table, saves bench-results/load.json.
# ARGS="--products 5000,50000 --cold": two catalog sizes, page cache off (docs/performance.md).
bench-load: db
	$(BIN)/python scripts/bench_load.py $(ARGS)

# Production behaviour CI checks besides the tests: a stopped and restarted database, and
# 10,000 votes through gunicorn counted once each (docs/performance.md).
ops-check: db
	$(BIN)/python scripts/fault_db.py
	$(BIN)/python scripts/load_votes.py

# Two app hosts (each in a network namespace of its own) behind HAProxy, with Redis and
# pgBouncer over the machine's PostgreSQL, on this machine: http://127.0.0.1:$(CLUSTER_PORT)/.
# Installs haproxy, redis-server, pgbouncer and wrk when missing (as root); Ctrl-C stops
# everything. See docs/deploy.md, "The reference layout".
cluster: db
	$(BIN)/python scripts/cluster.py --port $(CLUSTER_PORT)

# Starts the cluster on a private PostgreSQL and proves it: one truth across hosts, shared
# limits and sessions, the hostile probe, throughput, faults under load (CI runs it).
cluster-check: install
	$(BIN)/python scripts/cluster_check.py

# Dumps the database DATABASE_URL names (default: the development one) to backups/, or to FILE=;
# restores FILE= into the new database DB= and compares row counts. See docs/deploy.md.
backup:
	scripts/backup_db.sh $(FILE)

restore:
	@test -n "$(FILE)" && test -n "$(DB)" || { echo "usage: make restore FILE=backups/portal-….dump DB=new_database_name" >&2; exit 2; }
	scripts/restore_db.sh "$(FILE)" "$(DB)"
