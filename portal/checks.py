"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """A per-process cache breaks production: each gunicorn worker would keep its own poll
    rate limits and its own cached poll and term index, stale after an edit elsewhere."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in LOCAL_CACHES:
        return [
            Warning(
                "The cache is local to each process.",
                hint="Set REDIS_URL in production so rate limits and cache invalidation are "
                "shared by every worker and host.",
                id="portal.W001",
            )
        ]
    return []
