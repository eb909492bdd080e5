"""Checks of the site's own URLs, run by `manage.py check`."""

from django.conf import settings
from django.core.checks import Error, Tags, register


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
        if match is None or match.namespace != "admin":
            return [
                Error(
                    f"ADMIN_URL {settings.ADMIN_URL!r} is taken by the site's own pages.",
                    hint="Choose a path the site does not use, e.g. office-7f3a/.",
                    id="portal.E001",
                )
            ]
    return []
