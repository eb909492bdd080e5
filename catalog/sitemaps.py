from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef

from catalog.models import Product, Vendor


class ProductSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Product.objects.published().order_by("pk")

    def lastmod(self, product):
        return product.updated_at


class VendorSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        published = Product.objects.published().filter(vendor=OuterRef("pk"))
        return Vendor.objects.filter(Exists(published)).order_by("pk")


sitemaps = {"catalog-products": ProductSitemap, "catalog-vendors": VendorSitemap}
