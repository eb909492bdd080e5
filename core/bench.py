"""Measuring pages in this process, for the bench_* management commands.

Requests go through Django's test Client, so the figures are Django and PostgreSQL time
without a network or WSGI server (scripts/bench_load.py measures through gunicorn). One
place decides how a page is warmed, how its queries are counted and how its latency is
summarised, so the commands' figures compare.
"""

import statistics
import time
from dataclasses import dataclass

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
