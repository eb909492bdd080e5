"""Sitemap building blocks; each app lists its own pages with them (catalog/sitemaps.py,
glossary/sitemaps.py, portal/sitemaps.py). config/urls.py serves /sitemap.xml as an index of
one sitemap per section, /sitemap-<section>.xml, each split into pages (?p=2, …) that the
index lists.

A sitemap lists only pages that search engines may index: published rows, and of the catalog
list only the whole list and the one-class lists (catalog.filter_summary.indexing).
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse


class SectionSitemap(Sitemap):
    # The sitemap protocol allows at most 50,000 URLs and 50 MB (uncompressed) per file. Our
    # <url> entries (an address of at most ~250 characters with lastmod, changefreq and
    # priority) stay under 400 bytes, so 50,000 of them are under 20 MB: the URL count is the
    # limit that binds. A section with more rows is split into pages, each listed in the index.
    limit = 50_000


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
