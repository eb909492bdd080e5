"""What the operations scripts share: a database of their own (or a private PostgreSQL
cluster), gunicorn under production settings, the system packages they need, plain HTTP
requests and wrk runs.

Used by scripts/bench_load.py, scripts/load_votes.py, scripts/fault_db.py, scripts/cluster.py
and scripts/cluster_check.py; all traffic stays on the loopback interface or inside the
network namespaces scripts/cluster.py creates.
"""

import contextlib
import glob
import http.client
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
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


def shell(env, code):
    """What `manage.py shell -c code` prints, under `env`."""
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def query(database_url, sql, params=()):
    """The rows of one query."""
    import psycopg2  # imported late, as in run_sql

    connection = psycopg2.connect(database_url)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        connection.close()


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


def which(command):
    """A program's path, looking in the sbin directories too (not on an ordinary PATH)."""
    path = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])
    return shutil.which(command, path=path)


def ensure_commands(packages):
    """{command: Debian package}: installs the missing ones with apt-get when root (as
    scripts/ensure_chromium.sh does for Chromium), else stops with the command to run.
    Packages with a service (redis-server, haproxy, pgbouncer) are not started by the
    installation: the scripts start their own instances."""
    missing = sorted({package for command, package in packages.items() if not which(command)})
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        fail(f"missing: {' '.join(missing)}: apt-get install -y {' '.join(missing)} (as root)")
    say(f"installing {' '.join(missing)} (apt-get)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    policy = Path("/usr/sbin/policy-rc.d")
    ours = not policy.exists()
    if ours:  # no service starts during the installation (the Debian way to say so)
        policy.write_text("#!/bin/sh\nexit 101\n")
        policy.chmod(0o755)
    try:
        install = ["apt-get", "install", "-y", "-qq", *missing]
        if subprocess.run(install, env=env, stdout=subprocess.DEVNULL, check=False).returncode:
            subprocess.run(["apt-get", "update", "-qq"], env=env, check=True)
            subprocess.run(install, env=env, stdout=subprocess.DEVNULL, check=True)
    finally:
        if ours:
            policy.unlink()
    still = [command for command in packages if not which(command)]
    if still:
        fail(f"installed, but still missing: {', '.join(still)}")


def start_process(command, log_path, env=None, netns=None, cwd=ROOT):
    """A long-running program in a process group of its own (so that it, and every process
    it starts, can be stopped together, and Ctrl-C in the terminal reaches only us), inside
    network namespace `netns` when given. Output goes to log_path."""
    if netns:
        command = ["ip", "netns", "exec", netns, *command]
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def stop_process(process, sig=signal.SIGTERM, timeout=30):
    """Sends `sig` to the process's group and waits; SIGKILL after `timeout` seconds."""
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


class Gunicorn:
    """gunicorn with gunicorn.conf.py on host:port, in a process group of its own (and in
    network namespace `netns` when given): one app host of scripts/cluster.py."""

    def __init__(self, env, host, port, workers=None, log_path=None, netns=None):
        self.env = dict(env, BIND=f"{host}:{port}")
        self.env.setdefault("ACCESS_LOG", os.devnull)
        if workers:
            self.env["WEB_CONCURRENCY"] = str(workers)
        self.host, self.port, self.netns = host, port, netns
        self.log_path = log_path or os.devnull
        self.process = None

    def start(self, wait=True):
        self.process = start_process(
            [GUNICORN, "-c", "gunicorn.conf.py", "config.wsgi"],
            self.log_path,
            env=self.env,
            netns=self.netns,
        )
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout=60):
        wait_for(
            lambda: (
                get(self.port, "/healthz", {"Host": LOOPBACK}, host=self.host, timeout=5)[0] == 200
            ),
            what=f"gunicorn on {self.host}:{self.port}",
            timeout=timeout,
            process=self.process,
        )

    def running(self):
        return self.process is not None and self.process.poll() is None

    def stop(self, sig=signal.SIGTERM):
        stop_process(self.process, sig)


@contextmanager
def gunicorn(env, port, workers=None, log_path=None):
    """gunicorn with gunicorn.conf.py on 127.0.0.1:port until the block ends."""
    server = Gunicorn(env, LOOPBACK, port, workers=workers, log_path=log_path).start(wait=False)
    try:
        server.wait_ready()
        yield server.process
    finally:
        server.stop()


class PrivatePostgres:
    """A throwaway PostgreSQL cluster in a temporary directory, on a free port of
    127.0.0.1 (run as the `postgres` user when we are root: initdb refuses root). Stopped
    and started at will; nothing outside its directory is touched."""

    def __init__(self, directory=None):
        self.bin = self.binaries()
        if directory:
            self.dir = Path(directory)
            self.dir.mkdir(parents=True)
        else:
            self.dir = Path(tempfile.mkdtemp(prefix="portal-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)

    @staticmethod
    def binaries():
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        return Path(bins[-1]) if bins else Path(shutil.which("initdb") or "initdb").parent

    @classmethod
    def stop_leftover(cls, data):
        """Stops a cluster in `data` that a killed script left running."""
        command = [str(cls.binaries() / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=False, capture_output=True)

    def _run(self, *args):
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    def create(self):
        self._run("initdb", "-D", str(self.data), "-U", "portal", "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8")  # fmt: skip
        self.start()
        return self

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses={LOOPBACK}"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"),
                  "-w", "start")  # fmt: skip

    def stop(self):
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, name):
        return f"postgres://portal@{LOOPBACK}:{self.port}/{name}"

    def remove(self):
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


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


def request(method, port, path, body=None, headers=None, host=LOOPBACK, source=None, timeout=30):
    """(status, headers as an http.client.HTTPMessage, body) of one request to host:port,
    sent from the local address `source` when given (any 127.x.y.z is ours on Linux: a
    visitor of its own behind the balancer)."""
    connection = http.client.HTTPConnection(
        host, port, timeout=timeout, source_address=(source, 0) if source else None
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.msg, response.read()
    finally:
        connection.close()


def get(port, path, headers=None, timeout=30, host=LOOPBACK, source=None):
    """(status, headers, body) of one GET to host:port (127.0.0.1 by default)."""
    status, message, body = request(
        "GET", port, path, headers=headers, host=host, source=source, timeout=timeout
    )
    return status, dict(message.items()), body


# wrk reports its own figures through this hook, one line parsed by run_wrk(); with several
# paths each connection takes them in turn.
WRK_LUA = """
wrk.headers["Accept-Encoding"] = "gzip"
local paths = {%(paths)s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT %%d %%d %%d %%d %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status))
end
"""


def worker_memory_mb(master_pid):
    """{worker pid: resident MB} of the gunicorn workers under `master_pid`."""
    sizes = {}
    with contextlib.suppress(OSError):
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            sizes[int(pid)] = int(re.search(r"VmRSS:\s+(\d+)", status)[1]) / 1024
    return sizes


def run_wrk(port, paths, connections, seconds, threads=2, host=LOOPBACK, timeout=30):
    """wrk against host:port over `paths` (in turn); a dict of requests, rps, p50/p95/p99/max
    in ms, socket errors by kind and non-2xx/3xx answers.

    A request counts as failed only after `timeout` seconds, as long as the balancer's client
    timeout: wrk's own default (2 s) would call a page that is slow while a cache is down a
    failure, though the visitor gets it."""
    quoted = ", ".join(f'"{path}"' for path in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(WRK_LUA % {"paths": quoted})
        lua.flush()
        command = ["wrk", f"-t{min(threads, connections)}", f"-c{connections}",
                   f"-d{seconds}s", f"--timeout={timeout}s", "-s", lua.name,
                   f"http://{host}:{port}{paths[0]}"]  # fmt: skip
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    requests, duration_us, p50, p95, p99, top, connect, read, write, timeouts, status = map(
        int, line.split()[1:]
    )
    return {
        "requests": requests,
        "seconds": duration_us / 1e6,
        "rps": requests / (duration_us / 1e6),
        "p50_ms": p50 / 1000,
        "p95_ms": p95 / 1000,
        "p99_ms": p99 / 1000,
        "max_ms": top / 1000,
        "socket_errors": {"connect": connect, "read": read, "write": write, "timeout": timeouts},
        "errors": connect + read + write + timeouts,
        "non_2xx": status,
    }


def fail(message):
    print(f"FAILED: {message}", file=sys.stderr, flush=True)
    raise SystemExit(1)
