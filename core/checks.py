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


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    """Sitemaps, RSS, robots.txt and canonical links print SITE_URL (core/site.py): in
    production it must be the public address, https when the portal is served over https."""
    problems = []
    if settings.SITE_URL == settings.DEVELOPMENT_SITE_URL:
        problems.append("SITE_URL is the development address " + settings.SITE_URL + ".")
    elif settings.HTTPS and not settings.SITE_URL.startswith("https://"):
        problems.append(f"SITE_URL {settings.SITE_URL} is not https while HTTPS is on.")
    return [
        Warning(
            problem,
            hint="Set SITE_URL to the portal's public address, e.g. https://crm.example.ru.",
            id="portal.W002",
        )
        for problem in problems
    ]
