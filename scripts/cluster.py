"""Two app hosts behind a load balancer, one PostgreSQL and one Redis, on this one machine.

    make cluster                    # .venv/bin/python scripts/cluster.py [--port 8080]

Starts, and stops again on exit (also on Ctrl-C, SIGTERM and failure):

- a network: a bridge with a private /24 and, for each app host, a network namespace of
  its own with its own address on it (veth pairs), so that "another host" is another
  address, not just another port. Where the kernel refuses namespaces (an unprivileged
  container), the two hosts are two ports of 127.0.0.1, and the script says so;
- PostgreSQL: the machine's (a database of its own, portal_ops_cluster_<port>, recreated on
  each start with the demo content), or with --private-postgres a throwaway cluster that
  scripts/cluster_check.py stops and starts; pgBouncer in front of it in transaction mode
  (the connection pooling docs/deploy.md recommends), reached by the hosts only;
- Redis (Debian's redis-server) on a port of its own, with a password and no persistence;
- two app hosts: gunicorn with gunicorn.conf.py and production settings (DEBUG off, the
  same SECRET_KEY, REDIS_URL, X-Real-IP believed only from the balancer), each in a
  process group of its own;
- HAProxy: round-robin, active health checks on /healthz, L7 retries of GETs on another
  host, request bodies buffered before a host sees them, X-Real-IP and X-Forwarded-For set
  from the connection, the portal's security headers on every response, even those
  gunicorn or HAProxy write themselves (414, 431, 400, 408).

The portal is reached only through the balancer, at http://127.0.0.1:PORT/. Everything
it writes (configurations, logs) is in a temporary directory printed at start; what an
earlier run killed with SIGKILL left behind (namespaces, bridge, processes) is removed at the
next start. Needs root for the namespaces and for installing haproxy, redis-server,
pgbouncer and wrk when they are missing (Debian packages, like scripts/ensure_chromium.sh).
"""

import argparse
import contextlib
import ipaddress
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ops  # noqa: E402 -- the scripts' shared helpers, next to this file

# A database of its own, named for the balancer's port, so that two clusters on one machine
# (other checkouts, other ports) never share one.
DATABASE = "portal_ops_cluster_{port}"
PACKAGES = {
    "haproxy": "haproxy",
    "redis-server": "redis-server",
    "pgbouncer": "pgbouncer",
    "wrk": "wrk",
    "ip": "iproute2",
}
HOSTS = ("a", "b")
APP_PORT = 8000  # inside each host's namespace
STATE_PREFIX = "portal-cluster-"
NETNS_PATTERN = re.compile(r"^portal-cluster-(\d+)-\w+$")
BRIDGE_PATTERN = re.compile(r"^pclbr-(\d+)$")
# The headers the portal sets on its own pages (config/settings.py), which the balancer
# adds to any response that lacks them.
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
)
# Request bodies up to this size are buffered whole by the balancer before a host sees them
# (tune.bufsize); larger ones are refused outside the admin (whose imports upload files).
BODY_BUFFER = 65536
# A request (headers and buffered body) must arrive within this time, or the balancer
# answers 408 itself: a slow or lying client never holds an app worker.
REQUEST_TIMEOUT_SECONDS = 10
# The answers HAProxy writes itself, in Russian and with the portal's security headers
# (errorfiles: a request HAProxy cannot even parse gets no http-after-response rules).
BALANCER_ERRORS = {
    400: ("Bad Request", "Неверный запрос", "Запрос не удалось прочитать."),
    403: ("Forbidden", "Доступ запрещён", "Этот запрос не принимается."),
    408: ("Request Timeout", "Запрос не пришёл вовремя", "Запрос пришёл не целиком."),
    413: ("Payload Too Large", "Запрос слишком велик", "Тело запроса слишком большое."),
    500: ("Internal Server Error", "Ошибка на сервере", "Попробуйте ещё раз позже."),
    502: ("Bad Gateway", "Портал временно недоступен", "Попробуйте ещё раз через минуту."),
    503: ("Service Unavailable", "Портал временно недоступен", "Попробуйте ещё раз через минуту."),
    504: ("Gateway Timeout", "Портал не ответил вовремя", "Попробуйте ещё раз через минуту."),
}

SETUP = """
import json
from catalog.models import Product, ProductClass, Vendor
from django.contrib.auth import get_user_model
from django.utils import timezone
from glossary.models import Term
from polls.models import Choice, Poll

users = get_user_model().objects
users.create_superuser("editor", password=EDITOR_PASSWORD)
users.create_superuser("lockout-probe", password=EDITOR_PASSWORD)
draft = Product.objects.create(
    name="Кластерная проверка CRM", slug="cluster-draft-crm", is_published=False,
    vendor=Vendor.objects.order_by("pk").first(),
    product_class=ProductClass.objects.order_by("pk").first(),
    summary="Черновик, который редактор публикует на одном хосте.",
)
linked = Term.objects.create(
    name="Кластерный термин", slug="klasternyi-termin", summary="Подсказка до правки.",
    definition="Термин, на который ссылается другой.",
)
linking = Term.objects.create(
    name="Проверочный термин", slug="proverochnyi-termin", summary="Ссылается на другой.",
    definition="Определение упоминает кластерный термин в тексте.",
)
# One poll runs at a time (the admin refuses a second): the demo's closes now.
Poll.objects.open().update(closes_at=timezone.now())
poll = Poll.objects.create(
    question="Что проверяет кластер?", slug="cluster-check", results_policy="always",
)
choices = [Choice.objects.create(poll=poll, text=f"Вариант {i}", order=i).pk for i in range(4)]
print(json.dumps({
    "draft": draft.pk, "linked_term": linked.pk, "linking_term": linking.pk,
    "poll": poll.pk, "poll_slug": poll.slug, "choices": choices,
}))
"""


def run(*command, check=True):
    return subprocess.run(command, check=check, capture_output=True, text=True)


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def process_start_time(pid):
    """The kernel's start time of `pid` (clock ticks since boot), to recognise our own
    process after a restart of this script, not another one that reused its id."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


class Network:
    """Where the app hosts live: a network namespace each on a bridge, or two ports of
    127.0.0.1 when namespaces are not permitted."""

    def __init__(self, tag):
        self.tag = tag
        self.bridge = f"pclbr-{tag}"
        self.namespaces = {}  # host name -> namespace
        self.isolated = False
        self.reason = ""
        # Loopback until the namespaces work: the balancer's source address, where the
        # hosts reach Redis and pgBouncer; another local address for direct probes.
        self.gateway = ops.LOOPBACK
        self.probe = "127.0.0.5"
        self.addresses = {name: (ops.LOOPBACK, ops.free_port()) for name in HOSTS}

    def create(self):
        if os.geteuid() != 0:
            self.reason = "not root"
            return self
        try:
            self._create()
        except (subprocess.CalledProcessError, OSError) as error:
            detail = getattr(error, "stderr", "") or str(error)
            self.reason = detail.strip().splitlines()[-1] if detail.strip() else str(error)
            self.remove()
            self.namespaces = {}
            self.gateway, self.probe = ops.LOOPBACK, "127.0.0.5"
            self.addresses = {name: (ops.LOOPBACK, ops.free_port()) for name in HOSTS}
            return self
        self.isolated = True
        return self

    def _create(self):
        subnet = free_subnet(self.tag)
        hosts = list(subnet.hosts())
        self.gateway, self.probe = str(hosts[0]), str(hosts[-1])
        prefix = subnet.prefixlen
        run("ip", "link", "add", self.bridge, "type", "bridge")
        # The probe address first: it is what a program on this machine uses by default;
        # the balancer binds the gateway address, the only one the hosts trust.
        run("ip", "addr", "add", f"{self.probe}/{prefix}", "dev", self.bridge)
        run("ip", "addr", "add", f"{self.gateway}/{prefix}", "dev", self.bridge)
        run("ip", "link", "set", self.bridge, "up")
        for index, name in enumerate(HOSTS):
            namespace = f"{STATE_PREFIX}{self.tag}-{name}"
            inside, outside = f"pcl{self.tag}{name}", f"pcl{self.tag}{name}b"
            address = str(hosts[10 + index])
            run("ip", "netns", "add", namespace)
            self.namespaces[name] = namespace
            run("ip", "link", "add", inside, "type", "veth", "peer", "name", outside)
            run("ip", "link", "set", inside, "netns", namespace)
            run("ip", "link", "set", outside, "master", self.bridge)
            run("ip", "link", "set", outside, "up")
            run("ip", "-n", namespace, "addr", "add", f"{address}/{prefix}", "dev", inside)
            run("ip", "-n", namespace, "link", "set", inside, "up")
            run("ip", "-n", namespace, "link", "set", "lo", "up")
            self.addresses[name] = (address, APP_PORT)

    def remove(self):
        for namespace in self.namespaces.values():
            run("ip", "netns", "del", namespace, check=False)  # its veth pair goes with it
        run("ip", "link", "del", self.bridge, check=False)

    def describe(self, name):
        address, port = self.addresses[name]
        if self.isolated:
            return f"{address}:{port} in network namespace {self.namespaces[name]}"
        return f"{address}:{port}"


def free_subnet(tag):
    """A /24 in 10.200.0.0–10.249.255.0 that no interface or route of this machine uses."""
    used = []
    for line in run("ip", "-o", "-4", "addr", "show").stdout.splitlines():
        used.append(ipaddress.ip_interface(line.split()[3]).network)
    for line in run("ip", "-4", "route", "show").stdout.splitlines():
        destination = line.split()[0]
        if destination != "default":
            with contextlib.suppress(ValueError):
                used.append(ipaddress.ip_network(destination, strict=False))
    for offset in range(50 * 250):
        second, third = 200 + (tag + offset) // 250 % 50, (tag + offset) % 250
        subnet = ipaddress.ip_network(f"10.{second}.{third}.0/24")
        if not any(subnet.overlaps(network) for network in used):
            return subnet
    raise OSError("no free 10.x.y.0/24 for the cluster's bridge")


def remove_leftovers():
    """What an earlier run killed with SIGKILL left behind: its processes (recognised by id
    and start time), its private PostgreSQL, network namespaces, bridge and directory."""
    for state in Path(tempfile.gettempdir()).glob(f"{STATE_PREFIX}*"):
        owner = state / "owner.pid"
        if not owner.exists():
            continue
        pid, started = owner.read_text().split()
        if process_start_time(int(pid)) == started:
            continue  # its cluster is still running
        ops.say(f"removing what an earlier cluster left behind ({state})")
        processes = state / "processes.json"
        if processes.exists():
            for entry in json.loads(processes.read_text()):
                if process_start_time(entry["pid"]) == entry["started"]:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(entry["pid"], signal.SIGKILL)
        for data in state.glob("postgres/data"):
            ops.PrivatePostgres.stop_leftover(data)
        shutil.rmtree(state, ignore_errors=True)
    if os.geteuid() != 0 or not ops.which("ip"):
        return
    for line in run("ip", "netns", "list", check=False).stdout.splitlines():
        name = line.split()[0] if line.split() else ""
        match = NETNS_PATTERN.match(name)
        if match and not pid_alive(int(match[1])):
            run("ip", "netns", "del", name, check=False)
    for line in run("ip", "-o", "link", "show", "type", "bridge", check=False).stdout.splitlines():
        name = line.split(":")[1].strip().split("@")[0]
        match = BRIDGE_PATTERN.match(name)
        if match and not pid_alive(int(match[1])):
            run("ip", "link", "del", name, check=False)


class Cluster:
    """The whole cluster; start() brings it up, close() takes down what started."""

    def __init__(self, port=None, private_postgres=False, workers=None, loopback=False):
        self.port = port or ops.free_port()
        self.loopback = loopback
        self.private_postgres = private_postgres
        self.workers = workers or os.cpu_count() * 2 + 1  # gunicorn.conf.py's default
        self.tag = os.getpid()
        self.dir = None
        self.network = None
        self.postgres = None
        self.hosts = {}
        self.services = {}  # "redis", "pgbouncer", "haproxy" -> Popen
        self.editor_password = secrets.token_urlsafe(12)
        self.redis_password = secrets.token_urlsafe(18)
        self.pool_password = secrets.token_urlsafe(18)
        self.secret_key = secrets.token_urlsafe(50)
        self.setup = {}
        self.database = DATABASE.format(port=self.port)
        self._cleanups = contextlib.ExitStack()

    # -- start and stop ------------------------------------------------------------------

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()

    def start(self):
        ops.ensure_commands(PACKAGES)
        remove_leftovers()
        self._check_port_free()
        self.dir = Path(tempfile.mkdtemp(prefix=STATE_PREFIX))
        self.dir.chmod(0o755)  # pgBouncer runs as the postgres user and reads its files
        (self.dir / "owner.pid").write_text(f"{os.getpid()} {process_start_time(os.getpid())}")
        self._cleanups.callback(shutil.rmtree, self.dir, ignore_errors=True)
        self.network = Network(self.tag)
        if not self.loopback:
            self.network.create()
            self._cleanups.callback(self.network.remove)
        if not self.network.isolated:
            reason = "--loopback" if self.loopback else self.network.reason
            ops.say(
                f"network namespaces are not used ({reason}): the two app hosts are two "
                "ports of 127.0.0.1, another port rather than another host"
            )
        self._start_database()
        self._start_redis()
        self._start_pgbouncer()
        for name in HOSTS:
            self.hosts[name] = self._host(name)
        for name in HOSTS:
            self.start_host(name, wait=False)
        for name, host in self.hosts.items():
            try:
                host.wait_ready()
            except SystemExit:
                self.show_log(f"gunicorn-{name}")
                raise
        self._start_haproxy()
        self.wait_for_servers({name: "UP" for name in HOSTS})

    def close(self):
        """Stops what started, newest first; never raises (it runs on the way out)."""
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # one Ctrl-C is enough
        try:
            for name in ("haproxy",):
                self._stop_service(name)
            for host in self.hosts.values():
                with contextlib.suppress(Exception):
                    host.stop()
            for name in ("pgbouncer", "redis"):
                self._stop_service(name)
            try:
                self._cleanups.close()
            except Exception as error:  # noqa: BLE001 -- report and go on: we are leaving
                ops.say(f"cleanup: {error}")
        finally:
            signal.signal(signal.SIGINT, previous)

    def _check_port_free(self):
        with socket.socket() as sock:
            try:
                sock.bind((ops.LOOPBACK, self.port))
            except OSError:
                ops.fail(f"port {self.port} of 127.0.0.1 is taken: choose another with --port")

    def _track(self, name, process):
        """Remember a process (id and start time) so a later run can end it if we die."""
        path = self.dir / "processes.json"
        entries = json.loads(path.read_text()) if path.exists() else []
        entries.append(
            {"name": name, "pid": process.pid, "started": process_start_time(process.pid)}
        )
        path.write_text(json.dumps(entries))

    def _stop_service(self, name, sig=signal.SIGTERM):
        process = self.services.pop(name, None)
        with contextlib.suppress(Exception):
            ops.stop_process(process, sig)

    # -- PostgreSQL and pgBouncer ----------------------------------------------------------

    def _start_database(self):
        if self.private_postgres:
            self.postgres = ops.PrivatePostgres(directory=self.dir / "postgres").create()
            self._cleanups.callback(self.postgres.remove)
            ops.run_sql(self.postgres.url("postgres"), f"CREATE DATABASE {self.database}")
            self.database_url = self.postgres.url(self.database)
            where = f"a private PostgreSQL on 127.0.0.1:{self.postgres.port}"
        else:
            self.database_url = ops.database_url_named(self.database)
            env = ops.production_env(self.database_url)
            ops.recreate_database(env, self.database)
            self._cleanups.callback(ops.drop_database, env, self.database)
            where = "the machine's PostgreSQL"
        ops.say(f"database {self.database} on {where}: migrate, demo content, static files")
        env = ops.production_env(self.database_url, SECRET_KEY=self.secret_key)
        for args in (
            ("migrate", "--noinput"),
            ("sync_roles",),
            ("load_demo",),
            ("collectstatic", "--noinput"),
        ):
            ops.manage(env, *args)
        code = f"EDITOR_PASSWORD = {self.editor_password!r}\n{SETUP}"
        self.setup = json.loads(ops.shell(env, code).splitlines()[-1])

    def _start_pgbouncer(self):
        parts = urlsplit(self.database_url)
        server = (
            f"host={parts.hostname} port={parts.port or 5432} dbname={self.database} "
            f"user={parts.username}" + (f" password={parts.password}" if parts.password else "")
        )
        self.pgbouncer_port = self._free_gateway_port()
        config = self.dir / "pgbouncer.ini"
        config.write_text(
            f"""[databases]
{self.database} = {server}

[pgbouncer]
listen_addr = {self.network.gateway}
listen_port = {self.pgbouncer_port}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = {self.dir}/pgbouncer-users.txt
; Transaction pooling: a server connection serves one transaction at a time, so two
; hosts' workers share a few PostgreSQL connections (Django: DB_TRANSACTION_POOLING).
pool_mode = transaction
default_pool_size = 20
max_client_conn = 500
; PostgreSQL gone: clients get an error at once (the portal answers 503), and pgBouncer
; tries again every second, so the portal serves as soon as it is back.
server_login_retry = 1
server_connect_timeout = 3
query_wait_timeout = 10
ignore_startup_parameters = extra_float_digits
"""
        )
        (self.dir / "pgbouncer-users.txt").write_text(f'"portal" "{self.pool_password}"\n')
        command = [ops.which("pgbouncer"), str(config)]
        if os.geteuid() == 0:
            command[1:1] = ["-u", "postgres"]  # pgBouncer refuses to run as root
        self._start_service("pgbouncer", command)
        self._wait_port(self.network.gateway, self.pgbouncer_port, "pgBouncer", "pgbouncer")

    def pooled_database_url(self):
        return (
            f"postgres://portal:{self.pool_password}@{self.network.gateway}:"
            f"{self.pgbouncer_port}/{self.database}"
        )

    def stop_postgres(self):
        self.postgres.stop()

    def start_postgres(self):
        self.postgres.start()

    # -- Redis -------------------------------------------------------------------------------

    def _start_redis(self):
        self.redis_port = self._free_gateway_port()
        self.start_redis()

    def start_redis(self):
        binds = list(dict.fromkeys([self.network.gateway, ops.LOOPBACK]))
        # No persistence (save "", appendonly no): a restarted Redis is empty, which is right
        # for a cache whose invalidations may have been lost while it was away
        # (docs/deploy.md, "Redis").
        command = [
            ops.which("redis-server"), "--port", str(self.redis_port), "--bind", *binds,
            "--requirepass", self.redis_password, "--save", "", "--appendonly", "no",
            "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru",
            "--dir", str(self.dir), "--daemonize", "no",
        ]  # fmt: skip
        self._start_service("redis", command)
        self._wait_port(ops.LOOPBACK, self.redis_port, "Redis", "redis")

    def stop_redis(self):
        self._stop_service("redis")

    def redis_url(self):
        return f"redis://:{self.redis_password}@{self.network.gateway}:{self.redis_port}/0"

    # -- app hosts ---------------------------------------------------------------------------

    def site_url(self):
        return f"http://{ops.LOOPBACK}:{self.port}"

    def host_env(self):
        return ops.production_env(
            self.pooled_database_url(),
            SECRET_KEY=self.secret_key,
            DB_TRANSACTION_POOLING="true",
            REDIS_URL=self.redis_url(),
            SITE_URL=self.site_url(),
            ALLOWED_HOSTS=f"{ops.LOOPBACK},localhost",
            CLIENT_IP_META_KEY="HTTP_X_REAL_IP",
            FORWARDED_ALLOW_IPS=self.network.gateway,  # the balancer's address, no other
        )

    def _host(self, name):
        address, port = self.network.addresses[name]
        env = dict(self.host_env(), ACCESS_LOG=str(self.dir / f"access-{name}.log"))
        return ops.Gunicorn(
            env,
            address,
            port,
            workers=self.workers,
            log_path=self.dir / f"gunicorn-{name}.log",
            netns=self.network.namespaces.get(name),
        )

    def start_host(self, name, wait=True):
        host = self.hosts[name]
        host.start(wait=False)
        self._track(f"gunicorn-{name}", host.process)
        if wait:
            host.wait_ready()

    def kill_host(self, name):
        """SIGKILL to the host's whole process group: master and workers, mid-request."""
        self.hosts[name].stop(signal.SIGKILL)

    def host_address(self, name):
        return self.network.addresses[name]

    # -- HAProxy -----------------------------------------------------------------------------

    def _start_haproxy(self):
        address, port = self.network.addresses[HOSTS[0]]
        status, headers, _body = ops.get(port, "/healthz", {"Host": ops.LOOPBACK}, host=address)
        if status != 200:
            ops.fail(f"host {HOSTS[0]} answered /healthz with {status}")
        self.security_headers = {name: headers[name] for name in SECURITY_HEADERS}
        self._write_errorfiles()
        config = self.dir / "haproxy.cfg"
        config.write_text(self._haproxy_config())
        self.stats_socket = self.dir / "haproxy.sock"
        check = run(ops.which("haproxy"), "-c", "-f", str(config), check=False)
        if check.returncode:
            ops.fail(f"HAProxy refuses its configuration:\n{check.stdout}{check.stderr}")
        self._start_service("haproxy", [ops.which("haproxy"), "-db", "-f", str(config)])
        self._wait_port(ops.LOOPBACK, self.port, "HAProxy", "haproxy")

    def _write_errorfiles(self):
        for code, (reason, title, text) in BALANCER_ERRORS.items():
            body = (
                f'<!doctype html><html lang="ru"><head><meta charset="utf-8">'
                f"<title>{title}</title></head><body><h1>{title}</h1><p>{text}</p></body></html>\n"
            ).encode()
            head = [
                f"HTTP/1.1 {code} {reason}",
                "Content-Type: text/html; charset=utf-8",
                f"Content-Length: {len(body)}",
                "Cache-Control: no-store",
                "Connection: close",
                *(f"{name}: {value}" for name, value in self.security_headers.items()),
            ]
            if code in (502, 503, 504):
                head.append("Retry-After: 30")
            path = self.dir / f"error-{code}.http"
            path.write_bytes("\r\n".join(head).encode() + b"\r\n\r\n" + body)

    def _haproxy_config(self):
        gateway = self.network.gateway
        admin = "/" + os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
        # Added where the response has none: gunicorn's own 414/431/400 and the balancer's
        # 408/413/503 carry the portal's security headers too.
        headers = "\n".join(
            f'    http-after-response set-header {name} "{value}" '
            f"unless {{ res.hdr({name}) -m found }}"
            for name, value in self.security_headers.items()
        )
        servers = "\n".join(
            f"    server {name} {address}:{port} check"
            for name, (address, port) in self._addresses()
        )
        fallbacks = "\n".join(
            f"    server {name}_fallback {address}:{port} backup"
            for name, (address, port) in self._addresses()
        )
        errorfiles = "\n".join(
            f"    errorfile {code} {self.dir}/error-{code}.http" for code in BALANCER_ERRORS
        )
        default_server = (
            "inter 1s fastinter 500ms downinter 1s fall 2 rise 2 "
            f"maxconn {self.workers} source {gateway} "
            "observe layer4 error-limit 1 on-error mark-down"
        )
        return f"""# Written by scripts/cluster.py: the portal's load balancer (docs/deploy.md).
global
    maxconn 4096
    stats socket {self.dir}/haproxy.sock mode 600 level admin
    # Request bodies up to this size are buffered whole before a host sees them.
    tune.bufsize {BODY_BUFFER + 16384}
    log stderr format raw local0 notice

defaults
    mode http
    log global
    option httplog
    option dontlog-normal
    timeout connect 2s
    timeout client 30s
    # gunicorn kills a worker stuck for 30 s (gunicorn.conf.py).
    timeout server 35s
    # Headers and buffered body within this time, or 408 from here: slow or lying
    # clients (a Content-Length larger than the body) never reach an app worker.
    timeout http-request {REQUEST_TIMEOUT_SECONDS}s
    timeout http-keep-alive 5s
    timeout queue 30s
    timeout check 3s
{errorfiles}
    option http-buffer-request
    # A request that failed on a host (refused, or the connection dropped before an answer)
    # is sent to the other one, if it may be replayed (see the frontend).
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response

frontend portal
    bind {ops.LOOPBACK}:{self.port}
    # The visitor's address, from the connection: whatever a client sent is replaced.
    http-request set-header X-Real-IP %[src]
    http-request del-header X-Forwarded-For
    option forwardfor
    # Plain http here; with TLS at this balancer: set-header X-Forwarded-Proto https.
    http-request set-header X-Forwarded-Proto http
    acl admin path_beg {admin}
    http-request deny deny_status 413 if !admin {{ req.hdr_val(content-length) gt {BODY_BUFFER} }}
    # Browsers send forms with a Content-Length; a chunked body could outgrow the buffer.
    http-request deny deny_status 413 if !admin {{ req.hdr(transfer-encoding) -m found }}
    # GETs are replayed on the other host when one fails mid-request; so are votes, which
    # count once however often they arrive (the voter's token and a unique constraint,
    # polls/services.py). Nothing else is: an admin POST may have done its work.
    acl vote path_reg ^/polls/[^/]+/vote/$
    http-request disable-l7-retry unless METH_GET || vote
    # Which host answered: for the checks and for operators; drop it if unwanted.
    http-response set-header X-Served-By %s
    http-response del-header Server
{headers}
    default_backend app

backend app
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host {ops.LOOPBACK}
    http-check expect status 200
    # At most one request per gunicorn worker on a host; the rest wait here, where a
    # request can still go to the other host, not in the dead host's listen queue.
    default-server {default_server}
{servers}
    # When every host fails its health check (PostgreSQL down: /healthz answers 503),
    # requests still go to them, and each answers its own 503 with Retry-After.
{fallbacks}
    option allbackups
"""

    def _addresses(self):
        return [(name, self.network.addresses[name]) for name in HOSTS]

    def haproxy(self, command):
        """One command on HAProxy's runtime API (its stats socket); the answer as text."""
        with socket.socket(socket.AF_UNIX) as sock:
            sock.connect(str(self.stats_socket))
            sock.sendall(command.encode() + b"\n")
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def server_states(self):
        """{server name: "UP" / "DOWN" / "MAINT" / …} of the app backend."""
        lines = self.haproxy("show stat").splitlines()
        header = lines[0].lstrip("# ").split(",")
        states = {}
        for line in lines[1:]:
            row = dict(zip(header, line.split(","), strict=False))
            if row.get("pxname") == "app" and row.get("svname") not in ("BACKEND", "FRONTEND"):
                states[row["svname"]] = row["status"].split()[0]
        return states

    def wait_for_servers(self, wanted, timeout=60):
        """Waits until the balancer sees `wanted` ({server: state}); the seconds it took."""
        started = time.monotonic()
        ops.wait_for(
            lambda: all(self.server_states().get(k) == v for k, v in wanted.items()),
            what=f"HAProxy to see {wanted}",
            timeout=timeout,
        )
        return time.monotonic() - started

    # -- helpers -----------------------------------------------------------------------------

    def _start_service(self, name, command):
        process = ops.start_process(command, self.dir / f"{name}.log")
        self.services[name] = process
        self._track(name, process)
        return process

    def _free_gateway_port(self):
        with socket.socket() as sock:
            sock.bind((self.network.gateway, 0))
            return sock.getsockname()[1]

    def _wait_port(self, host, port, what, service):
        def listening():
            with socket.create_connection((host, port), timeout=1):
                return True

        try:
            ops.wait_for(listening, what=what, timeout=30, process=self.services.get(service))
        except SystemExit:
            self.show_log(service)
            raise

    def show_log(self, name, lines=20):
        """The end of a service's or host's log (they go with the temporary directory)."""
        path = self.dir / f"{name}.log"
        if path.exists():
            tail = path.read_text(errors="replace").splitlines()[-lines:]
            ops.say(f"--- {path.name} ---\n" + "\n".join(tail))

    def describe(self):
        db = self.database_url.rsplit("@", 1)[-1]
        lines = [
            f"portal      {self.site_url()}/  (HAProxy: round-robin over {', '.join(HOSTS)}, "
            "health checks on /healthz)",
            f"admin       {self.site_url()}/admin/  editor / {self.editor_password}",
        ]
        for name in HOSTS:
            lines.append(
                f"host {name}      {self.network.describe(name)}, gunicorn {self.workers} workers"
            )
        lines += [
            f"pgBouncer   {self.network.gateway}:{self.pgbouncer_port} (transaction pooling) "
            f"-> PostgreSQL {db}",
            f"Redis       {self.network.gateway}:{self.redis_port} (password, no persistence)",
            f"files       {self.dir}/ (configurations and logs)",
            f"HAProxy     echo 'show stat' | socat stdio {self.dir}/haproxy.sock",
        ]
        return "\n".join(lines)


def _leave(signum, _frame):
    raise SystemExit(128 + signum)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8080, help="the balancer's port on 127.0.0.1")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers per host")
    parser.add_argument(
        "--private-postgres", action="store_true", help="a throwaway PostgreSQL cluster"
    )
    parser.add_argument(
        "--loopback", action="store_true", help="hosts on two ports of 127.0.0.1, no namespaces"
    )
    options = parser.parse_args()
    signal.signal(signal.SIGTERM, _leave)
    signal.signal(signal.SIGHUP, _leave)
    cluster = Cluster(
        options.port, options.private_postgres, options.workers, loopback=options.loopback
    )
    try:
        with cluster:
            ops.say(cluster.describe())
            ops.say("Ctrl-C stops everything.")
            while True:
                time.sleep(1)
                if cluster.services["haproxy"].poll() is not None:
                    ops.fail("HAProxy exited; see its log")
    except KeyboardInterrupt:
        pass
    finally:
        ops.say("cluster stopped")


if __name__ == "__main__":
    main()
