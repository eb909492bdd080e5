from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef

from catalog.models import Product, Vendor
from portal.sitemaps import ModelSitemap


class ProductSitemap(ModelSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Product.objects.published().order_by("pk")


class VendorSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        published = Product.objects.published().filter(vendor=OuterRef("pk"))
        return Vendor.objects.filter(Exists(published)).order_by("pk")


sitemaps = {"catalog-products": ProductSitemap, "catalog-vendors": VendorSitemap}
