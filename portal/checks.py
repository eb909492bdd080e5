"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

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


@register(Tags.urls)
def check_admin_url(app_configs, **kwargs):
    """ADMIN_URL must not be a path the site's own pages already answer (say catalog/):
    the site's pattern would win and the admin would be unreachable."""
    from django.urls import Resolver404, resolve

    for path in (f"/{settings.ADMIN_URL}", f"/{settings.ADMIN_URL}login/"):
        try:
            match = resolve(path)
        except Resolver404:
            match = None
        if match is None or (match.namespace != "admin" and match.url_name != "admin-login"):
            return [
                Error(
                    f"ADMIN_URL {settings.ADMIN_URL!r} is taken by the site's own pages.",
                    hint="Choose a path the site does not use, e.g. office-7f3a/.",
                    id="portal.E001",
                )
            ]
    return []
