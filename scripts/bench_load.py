"""Throughput and latency of the main pages under load, as an operator would measure them.

    .venv/bin/python scripts/bench_load.py [--products 5000,50000] [--cold] [--reuse]
                                           [--duration 5] [--connections 8]

For each catalog size: fills a database of its own (portal_ops_bench, or
portal_ops_bench_<N> for several sizes) with the demo content plus a synthetic catalog of N
products, 300 terms and 500 articles; serves it with gunicorn under production settings
(gunicorn.conf.py) on 127.0.0.1; and loads every main page with wrk (8 connections, 5 s,
gzip accepted like a browser) after one warming request, so cacheable pages are served from
the page cache as in production, or, with --cold, built by the view every time (as after an
edit). Prints one table per size (req/s, p50, p95, SQL queries of building the page, HTML
size, share of /healthz), the workers' memory, with the page cache on which main pages it
still serves after an editor saves one product, and with several sizes a table comparing
each page's share of /healthz and its cost against the first size; saves it all as JSON
(--json). It stops by itself and sends traffic to 127.0.0.1 only. --reuse keeps the
databases of the last run.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ops  # noqa: E402 -- the scripts' shared helpers, next to this file

DATABASE = "portal_ops_bench"
# An editor's save of one product that none of the main pages is about (the last synthetic
# one): what stays cached after it is what the per-area page cache is for.
SAVE_ONE_PRODUCT = (
    "from catalog.models import Product; "
    "product = Product.objects.published().order_by('pk').last(); product.save(); "
    "print(product.slug)"
)


def database_for(size, sizes):
    return DATABASE if len(sizes) == 1 else f"{DATABASE}_{size}"


def prepare(env, options, size, database):
    if options.reuse:
        try:
            ops.run_sql(env["DATABASE_URL"], "SELECT 1")
        except Exception as error:  # noqa: BLE001 -- any failure: build it afresh
            ops.say(f"cannot reuse {database} ({error.__class__.__name__})")
        else:
            ops.say(f"reusing database {database}")
            return
    ops.say(f"building database {database}: demo content + {size:,} synthetic products")
    ops.recreate_database(env, database)
    ops.manage(env, "migrate", "--noinput")
    ops.manage(env, "load_demo")
    ops.manage(
        env,
        "generate_catalog",
        "--products",
        str(size),
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


def measure(port, page, options):
    status, headers, _body = ops.get(port, page["url"], {"Accept-Encoding": "gzip"})
    if status != 200:
        ops.fail(f"{page['url']} answered {status}")
    page["served_from"] = headers.get("X-Page-Cache", "view")  # "hit" once warmed
    if page["served_from"] == "miss":
        page["served_from"] = ops.get(port, page["url"])[1].get("X-Page-Cache", "view")
    result = ops.run_wrk(
        port, [page["url"]], options.connections, options.duration, threads=options.threads
    )
    page.update({key: result[key] for key in ("rps", "p50_ms", "p95_ms", "errors", "non_2xx")})
    if result["errors"] or result["non_2xx"]:
        ops.fail(f"{page['url']}: {result['errors']} socket errors, {result['non_2xx']} non-2xx")


def cached_after_an_edit(env, port, rows):
    """Which main pages the page cache serves before and after an editor saves one product:
    {"product": slug, "before": {label: state}, "after": {label: state}}, state being
    "hit", "miss" or "view" (a page never stored, such as the poll's own page). A miss
    before the edit means the page's entry expired during the run (PAGE_CACHE_SECONDS, or
    sooner when content is scheduled to change): the figure after the edit then
    understates what the cache keeps."""

    def states():
        return {
            row["label"]: ops.get(port, row["url"])[1].get("X-Page-Cache", "view") for row in rows
        }

    before = states()
    saved = subprocess.run(
        [ops.PYTHON, "manage.py", "shell", "--no-imports", "-c", SAVE_ONE_PRODUCT],
        cwd=ops.ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return {"product": saved.stdout.strip(), "before": before, "after": states()}


def print_after_edit(after_edit):
    def rate(states):
        cacheable = [state for state in states.values() if state != "view"]
        return f"{cacheable.count('hit')} of {len(cacheable)}"

    after = after_edit["after"]
    ops.say(
        f"page cache hits over the main pages: {rate(after_edit['before'])} before, "
        f"{rate(after)} after saving product {after_edit['product']}"
    )
    ops.say("  still cached: " + ", ".join(label for label, s in after.items() if s == "hit"))
    ops.say("  rebuilt: " + ", ".join(label for label, s in after.items() if s == "miss"))


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


def sizes_argument(text):
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError("sizes are whole numbers: 5000,50000") from None
    if not sizes or min(sizes) < 10:
        raise argparse.ArgumentTypeError("each size is at least 10 products")
    return sizes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reuse", action="store_true", help="keep the last run's databases")
    parser.add_argument(
        "--products", type=sizes_argument, default=[5000], help="catalog sizes: 5000,50000"
    )
    parser.add_argument("--terms", type=int, default=300)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--duration", type=int, default=5, help="seconds per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
    parser.add_argument(
        "--cold",
        "--page-cache-off",
        dest="cold",
        action="store_true",
        help="page cache off: every request builds its page",
    )
    parser.add_argument("--json", default=None, help="default: bench-results/load[-cold].json")
    options = parser.parse_args()
    ops.ensure_commands({"wrk": "wrk"})
    name = "load-cold.json" if options.cold else "load.json"
    options.json = options.json or str(ops.ROOT / "bench-results" / name)
    runs = [measure_size(options, size) for size in options.products]
    if len(runs) > 1:
        print_comparison(runs)
    report = {
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": f"{platform.node()}, {os.cpu_count()} cores",
        "connections": options.connections,
        "seconds_per_page": options.duration,
        "page_cache": not options.cold,
        "runs": runs,
    }
    Path(options.json).parent.mkdir(parents=True, exist_ok=True)
    Path(options.json).write_text(json.dumps(report, ensure_ascii=False, indent=2))
    ops.say(f"saved {options.json}")


def measure_size(options, size):
    """Builds (or reuses) the catalog of `size` products, measures every main page through
    gunicorn and prints the size's table."""
    database = database_for(size, options.products)
    extra = {"PAGE_CACHE_SECONDS": 0} if options.cold else {}
    env = ops.production_env(ops.database_url_named(database), POLL_VOTE_RATE_LIMIT="", **extra)
    prepare(env, options, size, database)
    ops.manage(env, "migrate", "--noinput")
    ops.manage(env, "collectstatic", "--noinput")
    rows = pages(env)
    port = ops.free_port()
    with ops.gunicorn(env, port, workers=options.workers) as server:
        workers = _worker_count(server.pid)
        ops.say(
            f"== {size:,} products, page cache {'off' if options.cold else 'on'}: gunicorn "
            f"{workers} workers on {os.cpu_count()} cores; wrk: {options.connections} "
            f"connections, {options.duration} s per page"
        )
        # Every worker starts its own connection and loads templates on first use.
        ops.run_wrk(port, ["/healthz"], options.connections, 2)
        # /healthz first and last: the reference is their mean, and their difference
        # shows how much the shared machine drifted during the run.
        rows.append(dict(rows[0], label="healthz (again)"))
        for row in rows:
            measure(port, row, options)
        after_edit = None if options.cold else cached_after_an_edit(env, port, rows[1:-1])
        memory = sorted(ops.worker_memory_mb(server.pid).values())
    healthz = (rows[0]["rps"] + rows[-1]["rps"]) / 2
    for row in rows:
        row["share_of_healthz"] = row["rps"] / healthz
    print_table(rows, healthz)
    ops.say("worker memory after the run: " + ", ".join(f"{mb:.0f} MB" for mb in memory))
    if after_edit:
        print_after_edit(after_edit)
    return {
        "after_an_edit": after_edit,
        "products": size,
        "terms": options.terms,
        "articles": options.articles,
        "gunicorn_workers": workers,
        "worker_memory_mb": memory,
        "pages": rows,
    }


def print_comparison(runs):
    """Each page's share of /healthz at every size, and its cost (the inverse of the share)
    at the largest size against the smallest: 1.0x is a page whose cost does not grow."""
    first, last = runs[0], runs[-1]
    header = f"{'page':<20} " + " ".join(f"{run['products']:>10,}" for run in runs)
    ratio = f"cost {last['products']:,} / {first['products']:,}"
    header += f" {ratio:>22}"
    ops.say("== shares of /healthz by catalog size")
    ops.say(header)
    ops.say("-" * len(header))
    for index, row in enumerate(first["pages"][:-1]):
        shares = [run["pages"][index]["share_of_healthz"] for run in runs]
        cells = " ".join(f"{f'1/{1 / share:.0f}':>10}" for share in shares)
        ops.say(f"{row['label']:<20} {cells} {f'{shares[0] / shares[-1]:.2f}x':>22}")


def _worker_count(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return len(children.read_text().split()) if children.exists() else "?"


if __name__ == "__main__":
    main()
