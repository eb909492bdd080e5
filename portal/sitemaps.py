"""The portal's own pages in the sitemap: home and the sections' entry pages."""

from core.sitemaps import NamedPagesSitemap


class PortalPagesSitemap(NamedPagesSitemap):
    changefreq = "daily"
    priority = 1.0
    url_names = ("home", "catalog:product-list", "selection:wizard", "polls:poll-list")
