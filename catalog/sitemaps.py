from django.db.models import Exists, OuterRef

from catalog.models import Product, ProductClass, Vendor
from core.sitemaps import ModelSitemap, SectionSitemap


class ProductSitemap(ModelSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Product.objects.published().order_by("pk")


def _with_published_products(queryset, field):
    published = Product.objects.published().filter(**{field: OuterRef("pk")})
    return queryset.filter(Exists(published)).order_by("pk")


class VendorSitemap(SectionSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return _with_published_products(Vendor.objects.all(), "vendor")


class ProductClassSitemap(SectionSitemap):
    """The one-class catalog lists (/catalog/?class=crm), the only filtered lists that search
    engines may index (catalog.filter_summary.indexing)."""

    changefreq = "weekly"
    priority = 0.9

    def items(self):
        return _with_published_products(ProductClass.objects.all(), "product_class")


sitemaps = {
    "catalog-classes": ProductClassSitemap,
    "catalog-products": ProductSitemap,
    "catalog-vendors": VendorSitemap,
}
