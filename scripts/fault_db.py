"""The database goes away and comes back: every page must say 503 meanwhile and recover alone.

    .venv/bin/python scripts/fault_db.py

Starts a private PostgreSQL cluster in a temporary directory (on a free port, as the
`postgres` user when run as root), loads the demo content, and serves it with gunicorn under
production settings. Then:
  1. every page answers 200 (and fills the page cache);
  2. the cluster is stopped: every page answers 503 with Retry-After and the Russian
     "Портал временно недоступен" page, the portal's security headers, no stack trace;
     /healthz answers 503; a vote POST answers 503 too;
  3. the cluster is started again: without restarting gunicorn, every page answers 200
     again; the time that took is printed.
Exit code 1 on any failed check. Nothing outside the temporary directory is touched.
"""

import http.client
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ops  # noqa: E402 -- the scripts' shared helpers, next to this file

PAGES = [
    "/",
    "/catalog/",
    "/catalog/?class=crm&deployment=cloud",
    "/catalog/amocrm/",
    "/glossary/",
    "/glossary/crm/",
    "/materials/",
    "/polls/",
    "/search/?q=crm",
    "/selection/",
    "/sitemap.xml",
]
RECOVERY_LIMIT_SECONDS = 60


def check_down(port, failures):
    for path in PAGES:
        status, headers, body = ops.get(port, path)
        text = body.decode(errors="replace")
        problems = []
        if status != 503:
            problems.append(f"status {status}")
        if not headers.get("Retry-After"):
            problems.append("no Retry-After")
        if "Портал временно недоступен" not in text:
            problems.append("not the Russian 503 page")
        if "Traceback" in text:
            problems.append("a stack trace")
        if headers.get("X-Frame-Options") != "DENY" or "Content-Security-Policy" not in headers:
            problems.append("missing security headers")
        ops.say(f"  down {path:<40} {status} {'; '.join(problems) or 'ok'}")
        if problems:
            failures.append(f"{path} while down: {', '.join(problems)}")
    status, _headers, _body = ops.get(port, "/healthz")
    ops.say(f"  down {'/healthz':<40} {status}")
    if status != 503:
        failures.append(f"/healthz while down: {status}")
    status = post_vote(port)
    ops.say(f"  down {'POST /polls/…/vote/':<40} {status}")
    if status != 503:
        failures.append(f"vote POST while down: {status}")


def post_vote(port):
    token = "f" * 32  # a well-formed CSRF secret; cookie and field agree
    connection = http.client.HTTPConnection(ops.LOOPBACK, port, timeout=30)
    try:
        connection.request(
            "POST",
            "/polls/any-poll/vote/",
            body=urlencode({"csrfmiddlewaretoken": token, "choice": "1"}),
            headers={
                "Cookie": f"csrftoken={token}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def all_up(port):
    return all(ops.get(port, path)[0] == 200 for path in PAGES)


def main():
    cluster = ops.PrivatePostgres()
    failures = []
    try:
        cluster.create()
        ops.say(f"private PostgreSQL cluster on port {cluster.port} in {cluster.dir}")
        ops.run_sql(cluster.url("postgres"), "CREATE DATABASE portal")
        env = ops.production_env(cluster.url("portal"))
        for args in (("migrate", "--noinput"), ("load_demo",), ("collectstatic", "--noinput")):
            ops.manage(env, *args)
        port = ops.free_port()
        with ops.gunicorn(env, port, workers=2):
            ops.say("1. database up")
            for path in PAGES:
                status = ops.get(port, path)[0]
                ops.say(f"  up   {path:<40} {status}")
                if status != 200:
                    failures.append(f"{path} before the fault: {status}")
            ops.say("2. database stopped")
            cluster.stop()
            check_down(port, failures)
            ops.say("3. database started again")
            cluster.start()
            started = time.monotonic()
            while not all_up(port):
                if time.monotonic() - started > RECOVERY_LIMIT_SECONDS:
                    failures.append(f"not recovered within {RECOVERY_LIMIT_SECONDS} s")
                    break
                time.sleep(0.2)
            else:
                ops.say(f"  every page 200 again {time.monotonic() - started:.1f} s after start")
    finally:
        cluster.remove()
    if failures:
        ops.fail("; ".join(failures))
    ops.say("OK: 503 while the database was down, recovered without a restart")


if __name__ == "__main__":
    main()
