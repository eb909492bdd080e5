"""Fixed-window rate limits per client IP, counted in PostgreSQL (core.models.RateCounter).

A rule such as "20/m,100/h" gives each client at most 20 requests per clock minute and 100
per clock hour. Every window is counted by one INSERT … ON CONFLICT DO UPDATE … RETURNING,
atomic under any number of concurrent workers, so a burst cannot slip past the limit the
way a read-then-write cache counter lets it.
"""

import ipaddress
import random
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

from core.models import RateCounter

PERIODS = {"m": 60, "h": 3600, "d": 86400}
RULE = re.compile(r"^\s*(\d+)\s*/\s*([mhd])\s*$")
# Old windows are deleted now and then by the requests themselves: no cron job needed.
CLEANUP_CHANCE = 0.01
KEEP_WINDOWS_FOR = timedelta(days=2)


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


def parse(rule):
    """'20/m,100/h' -> [Limit(20, 60), Limit(100, 3600)]; '' -> [] (no limit)."""
    limits = []
    for part in filter(str.strip, (rule or "").split(",")):
        match = RULE.match(part)
        if not match:
            raise ImproperlyConfigured(f"Rate limit {part!r} must look like 20/m, 100/h or 500/d")
        limits.append(Limit(int(match[1]), PERIODS[match[2]]))
    if len({limit.seconds for limit in limits}) < len(limits):
        raise ImproperlyConfigured(f"Rate limit {rule!r} names one period twice")
    return limits


def client_address(request):
    """The client's IP address, or None when it is not one. django-axes asks this too
    (settings.AXES_CLIENT_IP_CALLABLE), so both limits see the same client.

    CLIENT_IP_META_KEY (X-Real-IP, set by the load balancer) is believed only when the
    request comes from a proxy in FORWARDED_ALLOW_IPS: a client that reaches gunicorn some
    other way is counted by its own address, whatever header it sends."""
    peer = request.META.get("REMOTE_ADDR", "")
    raw = peer
    if settings.CLIENT_IP_META_KEY != "REMOTE_ADDR" and _from_trusted_proxy(peer):
        raw = request.META.get(settings.CLIENT_IP_META_KEY, "") or peer
    return _address(raw)


def _address(raw):
    try:
        return str(ipaddress.ip_address(raw.split(",")[0].strip()))
    except ValueError:
        return None


def _from_trusted_proxy(peer):
    proxies = settings.FORWARDED_ALLOW_IPS
    if proxies is None:  # "*"
        return True
    address = _address(peer)
    return address is not None and any(
        ipaddress.ip_address(address) in network for network in proxies
    )


def client_ip(request):
    """The client's address; IPv6 clients by their /64, which one client usually holds."""
    address = client_address(request)
    if address is None:
        return "unknown"
    if ipaddress.ip_address(address).version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return address


def hit(scope, request, rule, now=None):
    """Counts this request; returns seconds to wait if a limit is exceeded, else None."""
    limits = parse(rule)
    if not limits:
        return None
    now = now or timezone.now()
    epoch = int(now.timestamp())
    ip = client_ip(request)
    rows = []
    for limit in limits:
        start = epoch - epoch % limit.seconds
        rows.append((f"{scope}:{limit.seconds}:{ip}"[:120], start, limit))
    counts = _count(rows)
    waits = [
        start + limit.seconds - epoch for key, start, limit in rows if counts[key] > limit.count
    ]
    if random.random() < CLEANUP_CHANCE:  # noqa: S311 -- scheduling, not security
        RateCounter.objects.filter(window_start__lt=now - KEEP_WINDOWS_FOR).delete()
    return max(waits) if waits else None


def _count(rows):
    table = RateCounter._meta.db_table
    values = ", ".join(["(%s, to_timestamp(%s), 1)"] * len(rows))
    params = [value for key, start, _limit in rows for value in (key, start)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, window_start, hits) VALUES {values} "  # noqa: S608 -- our table name
            f"ON CONFLICT (key, window_start) DO UPDATE SET hits = {table}.hits + 1 "
            "RETURNING key, hits",
            params,
        )
        return dict(cursor.fetchall())
