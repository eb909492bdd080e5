"""The portal's own address: every absolute URL it prints is settings.SITE_URL plus a path.

Never the request's Host header: a client chooses it, and Django validates its host name
against ALLOWED_HOSTS but not its port, so `Host: 127.0.0.1:99999` would otherwise reach
the sitemaps, the RSS feed, robots.txt and rel="canonical" links (and, through them, the
page cache, which every visitor shares).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.encoding import iri_to_uri


def absolute_url(path):
    """SITE_URL + path, for a path on this site ("/catalog/amocrm/")."""
    if not path.startswith("/"):
        raise ValueError(f"a path on this site starts with /, got {path!r}")
    return iri_to_uri(settings.SITE_URL + path)


def scheme():
    return urlsplit(settings.SITE_URL).scheme


def domain():
    """The host and port of SITE_URL, as a sitemap's "domain"."""
    return urlsplit(settings.SITE_URL).netloc
