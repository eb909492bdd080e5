"""Every section's sitemaps in one dict, served at /sitemap.xml (portal/urls.py).

Each app contributes its own Sitemap classes; add them here when a section lands.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from catalog.sitemaps import sitemaps as catalog_sitemaps
from glossary.sitemaps import ArticleSitemap, GlossaryPagesSitemap, TermSitemap


class PortalPagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["home", "catalog:product-list", "polls:poll-list"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PortalPagesSitemap,
    "glossary-pages": GlossaryPagesSitemap,
    "terms": TermSitemap,
    "articles": ArticleSitemap,
    **catalog_sitemaps,
}
