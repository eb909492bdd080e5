"""Sitemap building blocks; each app lists its own pages with them (catalog/sitemaps.py,
glossary/sitemaps.py) and portal/urls.py serves them all at /sitemap.xml."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class ModelSitemap(Sitemap):
    """Rows of a model, dated by their updated_at."""

    def lastmod(self, item):
        return item.updated_at


class NamedPagesSitemap(Sitemap):
    """Pages without a model row, given by URL name."""

    url_names = ()

    def items(self):
        return list(self.url_names)

    def location(self, item):
        return reverse(item)


class PortalPagesSitemap(NamedPagesSitemap):
    changefreq = "daily"
    priority = 1.0
    url_names = ("home", "catalog:product-list", "polls:poll-list")
