"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """A per-process cache breaks production: each gunicorn worker would keep its own
    cached pages, content version, poll and term index, stale after an edit elsewhere.
    settings.py never configures one; this catches a hand-edited CACHES."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in LOCAL_CACHES:
        return [
            Warning(
                "The cache is local to each process.",
                hint="Use the default PostgreSQL cache (leave CACHES alone) or set REDIS_URL, "
                "so cached pages and their invalidation are shared by every worker and host.",
                id="portal.W001",
            )
        ]
    return []
