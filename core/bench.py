"""Measuring pages in this process: the bench_* management commands and the tests' query
budgets use these functions and no others.

Requests go through Django's test Client, so the figures are Django and PostgreSQL time
without a network or WSGI server (scripts/bench_load.py measures through gunicorn). One
place decides how a page is warmed, how its queries are counted and how its latency is
summarised, so the commands' figures and the tests' budgets compare.
"""

import statistics
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.management.base import CommandError
from django.db import connection


@dataclass(frozen=True)
class Measurement:
    median_ms: float
    p95_ms: float
    requests_per_second: float


def page_queries(client, url, *, warmup=1):
    """(SQL statements, response) of one GET of `url` after `warmup` GETs that fill the
    caches every page shares (term index, poll block). Anything but 200 stops the bench."""
    for _ in range(warmup):
        client.get(url)
    queries = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(url)
    if response.status_code != 200:
        raise CommandError(f"{url} answered {response.status_code}")
    return queries, response


def budget_queries(client, url, *, cold=False):
    """(SQL statements, response) of one GET of `url`, for a query budget.

    Warm (the default): the cache is emptied, the page is fetched once to fill what every
    page shares (poll block, term index, content types), then measured twice and the cheaper
    run counts. Emptying first gives every shared value its whole lifetime ahead of the
    measurement, and the second run absorbs a value that still expires during one run on a
    stalled machine (seen in CI as 16 queries, then 18), while a query the page really adds
    shows in both. The page itself must not come from the page cache: budget tests turn it
    off (the `page_cache_off` fixture).

    cold=True: one GET on an emptied cache, as the first request after a deploy pays.
    """
    cache.clear()
    if cold:
        return page_queries(client, url, warmup=0)
    assert client.get(url).status_code < 500
    runs = [page_queries(client, url, warmup=0) for _ in range(2)]
    return min(runs, key=lambda run: len(run[0]))


def time_requests(client, url, count):
    """Median and 95th percentile latency of `count` sequential GETs, and their rate."""
    timings = []
    started = time.perf_counter()
    for _ in range(count):
        before = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - before) * 1000)
    elapsed = time.perf_counter() - started
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) >= 2 else timings[0]
    return Measurement(statistics.median(timings), p95, count / elapsed)
