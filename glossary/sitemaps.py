from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from glossary.models import Article, Term


class TermSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Term.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, item):
        return item.updated_at


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Article.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class GlossaryPagesSitemap(Sitemap):
    """The glossary's list pages; the portal's own static pages live in portal/sitemaps.py."""

    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return ["glossary:term-list", "materials:article-list"]

    def location(self, item):
        return reverse(item)
