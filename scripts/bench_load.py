"""Throughput and latency of the main pages under load, as an operator would measure them.

    .venv/bin/python scripts/bench_load.py [--reuse] [--duration 5] [--connections 8]

Fills its own database, portal_ops_bench, with the demo content plus a synthetic catalog of
5,000 products, 300 terms and 500 articles; serves it with gunicorn under production
settings (gunicorn.conf.py) on 127.0.0.1; and loads every main page with wrk (8 connections,
5 s, gzip accepted like a browser) after one warming request, so cacheable pages are served
from the page cache as in production. Prints one table (req/s, p50, p95, SQL queries of
building the page, HTML size, share of /healthz) and saves it as JSON (--json). It stops by
itself and sends traffic to 127.0.0.1 only. --reuse keeps the database of the last run.
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ops  # noqa: E402 -- the scripts' shared helpers, next to this file

DATABASE = "portal_ops_bench"
# wrk reports its own percentiles through this hook; the line is parsed below.
REPORT_LUA = """
wrk.headers["Accept-Encoding"] = "gzip"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95),
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)
        return
    ops.fail("wrk is not installed: apt-get install -y wrk (as root)")


def prepare(env, options):
    if options.reuse:
        try:
            ops.run_sql(env["DATABASE_URL"], "SELECT 1")
        except Exception as error:  # noqa: BLE001 -- any failure: build it afresh
            ops.say(f"cannot reuse {DATABASE} ({error.__class__.__name__})")
        else:
            ops.say(f"reusing database {DATABASE}")
            return
    ops.say(f"building database {DATABASE}: demo content + synthetic catalog")
    ops.recreate_database(env, DATABASE)
    ops.manage(env, "migrate", "--noinput")
    ops.manage(env, "load_demo")
    ops.manage(
        env,
        "generate_catalog",
        "--products",
        str(options.products),
        "--terms",
        str(options.terms),
        "--articles",
        str(options.articles),
    )


def pages(env):
    result = subprocess.run(
        [ops.PYTHON, "manage.py", "bench_pages"],
        cwd=ops.ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(port, page, options, lua):
    status, headers, _body = ops.get(port, page["url"], {"Accept-Encoding": "gzip"})
    if status != 200:
        ops.fail(f"{page['url']} answered {status}")
    page["served_from"] = headers.get("X-Page-Cache", "view")  # "hit" once warmed
    if page["served_from"] == "miss":
        page["served_from"] = ops.get(port, page["url"])[1].get("X-Page-Cache", "view")
    command = [
        "wrk",
        f"-t{options.threads}",
        f"-c{options.connections}",
        f"-d{options.duration}s",
        "-s",
        lua,
        f"http://{ops.LOOPBACK}:{port}{page['url']}",
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    requests, duration_us, p50_us, p95_us, errors, non2xx = map(int, line.split()[1:])
    page.update(
        rps=requests / (duration_us / 1e6),
        p50_ms=p50_us / 1000,
        p95_ms=p95_us / 1000,
        errors=errors,
        non_2xx=non2xx,
    )
    if errors or non2xx:
        ops.fail(f"{page['url']}: {errors} socket errors, {non2xx} non-2xx answers")


def print_table(rows, healthz_rps):
    header = (
        f"{'page':<20} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'queries':>7} "
        f"{'HTML KB':>8} {'gz KB':>6} {'served':>6} {'share of /healthz':>18}"
    )
    ops.say(header)
    ops.say("-" * len(header))
    for row in rows:
        share = row["rps"] / healthz_rps
        ops.say(
            f"{row['label']:<20} {row['rps']:>8.0f} {row['p50_ms']:>7.1f} {row['p95_ms']:>7.1f} "
            f"{row['queries']:>7} {row['bytes'] / 1024:>8.1f} {row['gzip_bytes'] / 1024:>6.1f} "
            f"{row['served_from']:>6} {f'1/{1 / share:.1f} ({share:.0%})':>18}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reuse", action="store_true", help="keep the last run's database")
    parser.add_argument("--products", type=int, default=5000)
    parser.add_argument("--terms", type=int, default=300)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--duration", type=int, default=5, help="seconds per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
    parser.add_argument(
        "--page-cache-off", action="store_true", help="every request builds its page"
    )
    parser.add_argument("--json", default=None, help="default: bench-results/load[-cold].json")
    options = parser.parse_args()
    ensure_wrk()
    extra = {"PAGE_CACHE_SECONDS": 0} if options.page_cache_off else {}
    env = ops.production_env(ops.database_url_named(DATABASE), POLL_VOTE_RATE_LIMIT="", **extra)
    name = "load-cold.json" if options.page_cache_off else "load.json"
    options.json = options.json or str(ops.ROOT / "bench-results" / name)
    prepare(env, options)
    ops.manage(env, "migrate", "--noinput")
    ops.manage(env, "collectstatic", "--noinput")
    rows = pages(env)
    port = ops.free_port()
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(REPORT_LUA)
        lua.flush()
        with ops.gunicorn(env, port, workers=options.workers) as server:
            workers = _worker_count(server.pid)
            ops.say(
                f"gunicorn: {workers} workers on {os.cpu_count()} cores; wrk: "
                f"{options.connections} connections, {options.duration} s per page"
            )
            # Every worker starts its own connection and loads templates on first use.
            subprocess.run(
                [
                    "wrk",
                    "-t2",
                    f"-c{options.connections}",
                    "-d2s",
                    f"http://{ops.LOOPBACK}:{port}/healthz",
                ],  # fmt: skip
                check=True,
                capture_output=True,
            )
            # /healthz first and last: the reference is their mean, and their difference
            # shows how much the shared machine drifted during the run.
            rows.append(dict(rows[0], label="healthz (again)"))
            for row in rows:
                measure(port, row, options, lua.name)
    healthz = (rows[0]["rps"] + rows[-1]["rps"]) / 2
    for row in rows:
        row["share_of_healthz"] = row["rps"] / healthz
    print_table(rows, healthz)
    report = {
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": f"{platform.node()}, {os.cpu_count()} cores",
        "gunicorn_workers": workers,
        "connections": options.connections,
        "seconds_per_page": options.duration,
        "page_cache": not options.page_cache_off,
        "catalog": {
            "products": options.products,
            "terms": options.terms,
            "articles": options.articles,
        },  # fmt: skip
        "pages": rows,
    }
    Path(options.json).parent.mkdir(parents=True, exist_ok=True)
    Path(options.json).write_text(json.dumps(report, ensure_ascii=False, indent=2))
    ops.say(f"saved {options.json}")


def _worker_count(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return len(children.read_text().split()) if children.exists() else "?"


if __name__ == "__main__":
    main()
