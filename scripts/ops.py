"""What the operations scripts share: a database of their own, gunicorn under production
settings on 127.0.0.1, and plain HTTP requests to it.

Used by scripts/bench_load.py, scripts/load_votes.py and scripts/fault_db.py; all traffic
stays on the loopback interface.
"""

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
LOOPBACK = "127.0.0.1"
DEFAULT_DATABASE_URL = "postgres://portal:portal@127.0.0.1:5432/portal"


def say(message):
    print(message, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def database_url_named(name, base=None):
    """The development DATABASE_URL with another database name."""
    parts = urlsplit(base or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    return urlunsplit(parts._replace(path=f"/{name}"))


def production_env(database_url, **extra):
    """Environment of a production process on this machine (plain http on loopback)."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        HTTPS="false",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{LOOPBACK},localhost",
        LOG_LEVEL="WARNING",
    )
    env.pop("REDIS_URL", None)  # one host: the cache is the PostgreSQL table
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args, quiet=True):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def recreate_database(env, name):
    """Drops and creates `name`, a database these scripts own (its name says so)."""
    drop_database(env, name)
    run_sql(_maintenance_url(env), f"CREATE DATABASE {name}")


def drop_database(env, name):
    if not name.startswith("portal_ops_"):
        raise SystemExit(f"refusing to touch {name!r}: only portal_ops_* databases")
    run_sql(_maintenance_url(env), f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def run_sql(database_url, sql):
    """One statement outside a transaction (CREATE/DROP DATABASE need that)."""
    import psycopg2  # the driver Django uses here; imported late so --help needs no venv

    connection = psycopg2.connect(database_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


def _maintenance_url(env):
    return database_url_named("postgres", env["DATABASE_URL"])


@contextmanager
def gunicorn(env, port, workers=None, log_path=None):
    """gunicorn with gunicorn.conf.py on 127.0.0.1:port until the block ends."""
    env = dict(env, BIND=f"{LOOPBACK}:{port}", ACCESS_LOG=os.devnull)
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    log = open(log_path or os.devnull, "w")  # noqa: SIM115 -- closed below
    process = subprocess.Popen(
        [GUNICORN, "-c", "gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(lambda: get(port, "/healthz")[0] == 200, what="gunicorn", process=process)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def wait_for(check, what, timeout=60, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"{what} exited with code {process.returncode}")
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{what} did not come up within {timeout} s")


def get(port, path, headers=None, timeout=30):
    """(status, headers, body) of one GET to 127.0.0.1:port."""
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def fail(message):
    print(f"FAILED: {message}", file=sys.stderr, flush=True)
    raise SystemExit(1)
