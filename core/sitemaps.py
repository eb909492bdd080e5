"""Sitemap building blocks; each app lists its own pages with them (catalog/sitemaps.py,
glossary/sitemaps.py, portal/sitemaps.py). config/urls.py serves /sitemap.xml as an index of
one sitemap per section, /sitemap-<section>.xml, each split into pages (?p=2, …) that the
index lists.

A sitemap lists only pages that search engines may index: published rows, and of the catalog
list only the whole list and the one-class lists (catalog.filter_summary.indexing).

Every address in them starts with settings.SITE_URL (core/site.py), whatever Host the
request named: Django's own views take the domain from the request, so the sections answer
with SectionSitemap's domain and the index is `index` below.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import http_date

from core import site

SECTION_URL_NAME = "django.contrib.sitemaps.views.sitemap"


class SectionSitemap(Sitemap):
    # The sitemap protocol allows at most 50,000 URLs and 50 MB (uncompressed) per file. Our
    # <url> entries (an address of at most ~250 characters with lastmod, changefreq and
    # priority) stay under 400 bytes, so 50,000 of them are under 20 MB: the URL count is the
    # limit that binds. A section with more rows is split into pages, each listed in the index.
    limit = 50_000

    def get_protocol(self, protocol=None):
        return site.scheme()

    def get_domain(self, site_=None):
        return site.domain()


class ModelSitemap(SectionSitemap):
    """Rows of a model, dated by their updated_at."""

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # The section's date in the index, by one query rather than a pass over every row.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class NamedPagesSitemap(SectionSitemap):
    """Pages without a model row, given by URL name."""

    url_names = ()

    def items(self):
        return list(self.url_names)

    def location(self, item):
        return reverse(item)


@x_robots_tag
def index(request, sitemaps):
    """/sitemap.xml: every section's sitemap (and its further pages, ?p=2…) with the
    section's latest change, as Django's index view lists them, at SITE_URL's address."""
    entries, dates = [], []
    for section, sitemap_class in sitemaps.items():
        sitemap = sitemap_class()
        address = site.absolute_url(reverse(SECTION_URL_NAME, kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        dates.append(lastmod)
        entries.append({"location": address, "last_mod": lastmod})
        for page in range(2, sitemap.paginator.num_pages + 1):
            entries.append({"location": f"{address}?p={page}", "last_mod": lastmod})
    headers = None
    if dates and all(dates):
        # Lets ConditionalGetMiddleware answer 304 Not Modified.
        headers = {"Last-Modified": http_date(max(dates).timestamp())}
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
        headers=headers,
    )
