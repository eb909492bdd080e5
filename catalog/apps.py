from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Каталог CRM")

    def ready(self):
        from django.db.models.signals import m2m_changed
        from taggit.models import TaggedItem

        from catalog.models import Product, Vendor
        from portal.search import keep_indexed

        keep_indexed(Product)
        keep_indexed(Vendor, rows_of=lambda vendor: vendor.products.all())

        def tags_changed(sender, instance, action, **kwargs):
            # Tags are searchable words of a product (Product.refresh_search_index).
            if isinstance(instance, Product) and action.startswith("post_"):
                Product.objects.filter(pk=instance.pk).refresh_search_index()

        m2m_changed.connect(
            tags_changed, sender=TaggedItem, weak=False, dispatch_uid="search:product-tags"
        )
