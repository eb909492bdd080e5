from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The content area of the catalog's rows (core/versions.py): the catalog's pages and the
# wizard show it, and so do the glossary's term pages (a term's example products).
CATALOG_AREA = "catalog"
# The glossary's terms (glossary.linking.TERMS_AREA), named, not imported: the catalog's
# pages and the wizard link a capability's and a class's terms while they are published.
TERMS_AREA = "glossary:terms"
# What the catalog's pages and the wizard show (core.page_cache.shows).
CATALOG_PAGE_AREAS = (CATALOG_AREA, TERMS_AREA)


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Каталог CRM")

    def ready(self):
        from django.db.models.signals import m2m_changed
        from taggit.models import Tag, TaggedItem

        from catalog.models import (
            Capability,
            ExchangeRate,
            FactSource,
            PricePlan,
            Product,
            ProductCapability,
            ProductClass,
            Vendor,
        )
        from core import roles, search_kinds, versions
        from core.search import keep_indexed

        models = (Vendor, ProductClass, Capability, Product, ProductCapability, FactSource)
        roles.grant(
            roles.EDITORS, roles.every_action("catalog", [m._meta.model_name for m in models])
        )
        # Price plans show on the card and the wizard converts prices by the exchange rates.
        for model in (*models, PricePlan, ExchangeRate, Tag, TaggedItem):
            versions.register(model, areas=(CATALOG_AREA,))

        search_kinds.register(
            search_kinds.Kind(
                "products",
                _("Продукты"),
                lambda: Product.objects.published().select_related("vendor", "product_class"),
                ("summary", "description"),
                "name",
                order=1,
            )
        )
        keep_indexed(Product)
        keep_indexed(Vendor, rows_of=lambda vendor: vendor.products.all())

        def tags_changed(sender, instance, action, **kwargs):
            # Tags are searchable words of a product (Product.refresh_search_index).
            if isinstance(instance, Product) and action.startswith("post_"):
                Product.objects.filter(pk=instance.pk).refresh_search_index()

        m2m_changed.connect(
            tags_changed, sender=TaggedItem, weak=False, dispatch_uid="search:product-tags"
        )
