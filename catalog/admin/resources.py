"""Vendors and products as table rows, for the admin's import and export (docs/editors.md).

A product is one row, found by its slug; the vendor, class and successor are slugs too.
Three columns hold several values each, one per line of the cell:

- `capabilities`: `slug | status | note` (status `confirmed` — «есть», or `unknown` —
  «нет данных»; status and note may be left out: `slug` alone is a confirmed capability);
- `fact_sources`: `fact | URL | checked on (YYYY-MM-DD) | note`;
- `tags`: as in the admin form, names separated by commas (a name with a comma in quotes).

Each of these columns replaces the product's whole set (an empty cell removes them all); a
file without the column leaves them as they are. Export writes every column, so an export
imported back changes nothing.
"""

from django.core.exceptions import ValidationError
from import_export import fields, widgets
from taggit.utils import edit_string_for_tags

from catalog import services
from catalog.admin.resource_cells import (
    LINE_SEPARATOR,
    format_capability,
    format_line,
    parse_capabilities,
    parse_fact_sources,
    parse_tags_cell,
)
from catalog.models import Product, ProductCapability, ProductClass, Vendor
from core.admin_import import PortalResource, SlugWidget

PRODUCT_COLUMNS = [
    "slug",
    "name",
    "vendor",
    "product_class",
    "summary",
    "description",
    "deployment",
    "pricing_model",
    "price_amount",
    "price_currency",
    "price_plan",
    "pricing_url",
    "has_free_plan",
    "free_plan_limits",
    "has_trial",
    "trial_days",
    "russia_availability",
    "russia_availability_changed_on",
    "russia_note",
    "registry_status",
    "registry_entry",
    "data_location",
    "erp_platform",
    "website",
    "successor",
    "is_published",
    "tags",
    "capabilities",
    "fact_sources",
    # Exported for reference, never imported: derived, or set only by the admin action.
    "price_from",
    "data_verified_on",
    "data_verified_by",
]


class VendorResource(PortalResource):
    logo = fields.Field(attribute="logo", column_name="logo", readonly=True)

    class Meta:
        model = Vendor
        name = "Разработчики"
        import_id_fields = ["slug"]
        fields = ["slug", "name", "country", "founded_year", "website", "description", "logo"]
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


class ProductResource(PortalResource):
    vendor = fields.Field(
        attribute="vendor",
        column_name="vendor",
        widget=SlugWidget(
            Vendor, "Нет разработчика с адресом «%(slug)s»: сначала импортируйте его."
        ),
    )
    product_class = fields.Field(
        attribute="product_class",
        column_name="product_class",
        widget=SlugWidget(ProductClass, "Нет класса продуктов с адресом «%(slug)s»."),
    )
    successor = fields.Field(
        attribute="successor",
        column_name="successor",
        widget=SlugWidget(
            Product,
            "Нет продукта с адресом «%(slug)s»: преемник должен быть в каталоге или выше "
            "в этом файле.",
        ),
    )
    tags = fields.Field(column_name="tags")
    capabilities = fields.Field(column_name="capabilities")
    fact_sources = fields.Field(column_name="fact_sources")
    price_from = fields.Field(attribute="price_from", column_name="price_from", readonly=True)
    data_verified_on = fields.Field(
        attribute="data_verified_on",
        column_name="data_verified_on",
        readonly=True,
        widget=widgets.DateWidget(),
    )
    data_verified_by = fields.Field(
        attribute="data_verified_by__username", column_name="data_verified_by", readonly=True
    )

    class Meta:
        model = Product
        name = "Продукты с возможностями"
        import_id_fields = ["slug"]
        fields = PRODUCT_COLUMNS
        export_order = PRODUCT_COLUMNS
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    # Export ---------------------------------------------------------------------------

    def iter_queryset(self, queryset):
        """Every product with what its row needs in a fixed number of queries; a successor
        before the products it replaced, so the file imports back in one pass."""
        products = list(
            queryset.select_related("vendor", "product_class", "successor", "data_verified_by")
            .prefetch_related("tags", "product_capabilities__capability", "fact_sources")
            .order_by("name", "pk")
        )
        by_pk = {p.pk: p for p in products}

        def depth(product, seen=()):
            successor = by_pk.get(product.successor_id)
            if successor is None or successor.pk in seen:
                return 0
            return 1 + depth(successor, (*seen, product.pk))

        yield from sorted(products, key=depth)

    def dehydrate_tags(self, product):
        if product.pk is None:
            return ""
        return edit_string_for_tags(list(product.tags.all()))

    def dehydrate_capabilities(self, product):
        if product.pk is None:
            return ""
        return LINE_SEPARATOR.join(
            format_capability(row) for row in product.product_capabilities.all()
        )

    def dehydrate_fact_sources(self, product):
        if product.pk is None:
            return ""
        return LINE_SEPARATOR.join(
            format_line(source.fact, source.url, source.checked_on.isoformat(), source.note)
            for source in sorted(product.fact_sources.all(), key=lambda s: s.fact)
        )

    # Import ---------------------------------------------------------------------------

    def import_extra_columns(self, instance, row):
        instance._imported_sets = {}
        errors = {}
        for column, parse in (
            ("tags", parse_tags_cell),
            ("capabilities", parse_capabilities),
            ("fact_sources", parse_fact_sources),
        ):
            if column not in row:
                continue
            try:
                instance._imported_sets[column] = parse(row[column])
            except ValidationError as exc:
                errors[column] = exc.messages
        return errors

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if not super().skip_row(instance, original, row, import_validation_errors):
            return False
        if original.pk is None:
            return False
        current = _current_sets(original)
        return all(current[column] == wanted for column, wanted in instance._imported_sets.items())

    def after_save_instance(self, instance, row, **kwargs):
        reason = self.change_reason(kwargs)
        sets = instance._imported_sets
        if "tags" in sets and set(instance.tags.names()) != sets["tags"]:
            instance.tags.set(sorted(sets["tags"]))
        if "capabilities" in sets:
            wanted = {values[-1]: values[:-1] for values in sets["capabilities"].values()}
            services.set_capabilities(product=instance, wanted=wanted, reason=reason)
        if "fact_sources" in sets:
            services.set_fact_sources(product=instance, wanted=sets["fact_sources"], reason=reason)


def _current_sets(product):
    """The product's tags, capabilities and fact sources as the parsers return them."""
    return {
        "tags": set(product.tags.names()),
        "capabilities": {
            row.capability.slug: (
                *(getattr(row, name) for name in ProductCapability.CELL_FIELDS),
                row.capability,
            )
            for row in product.product_capabilities.select_related("capability")
        },
        "fact_sources": {
            source.fact: (source.url, source.checked_on, source.note)
            for source in product.fact_sources.all()
        },
    }
