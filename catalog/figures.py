"""The catalog's data in figures, as fixtures/README.md reports them and an editor can print
them on a live database (`manage.py catalog_figures`): how much of what a buyer decides by
is known, and how much of it has a source."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q

from catalog.models import (
    CellStatus,
    DataLocation,
    FactSource,
    Lifecycle,
    PricePlan,
    Product,
    ProductCapability,
    RegistryStatus,
    RussiaAvailability,
)

# The facts that can go stale, and when each has a value (not "нет данных").
STALE_FACTS = {
    FactSource.Fact.PRICE: Q(pricing_model__gt="") | Q(price_amount__isnull=False),
    FactSource.Fact.FREE_PLAN: Q(has_free_plan__isnull=False),
    FactSource.Fact.TRIAL: Q(has_trial__isnull=False),
    FactSource.Fact.AVAILABILITY: ~Q(russia_availability=RussiaAvailability.UNKNOWN),
    FactSource.Fact.REGISTRY: ~Q(registry_status=RegistryStatus.UNKNOWN),
    FactSource.Fact.DATA_LOCATION: ~Q(data_location=DataLocation.UNKNOWN),
    FactSource.Fact.LIFECYCLE: ~Q(lifecycle=Lifecycle.UNKNOWN),
}


@dataclass
class Figures:
    products: int = 0
    by_class: dict = field(default_factory=dict)
    by_segment: dict = field(default_factory=dict)
    cells: dict = field(default_factory=dict)  # status -> count, published products
    cells_on_sale: dict = field(default_factory=dict)  # the same for products sold in Russia
    missing_cells: int = 0  # product × capability pairs without a row
    cells_by_basis: dict = field(default_factory=dict)
    cells_with_url: int = 0
    facts_with_value: int = 0
    facts_with_source: int = 0
    plans_by_currency: dict = field(default_factory=dict)
    headline_prices_by_currency: dict = field(default_factory=dict)
    lifecycles: dict = field(default_factory=dict)
    editions: int = 0
    availability: dict = field(default_factory=dict)

    @property
    def known_share_on_sale(self):
        total = sum(self.cells_on_sale.values())
        known = total - self.cells_on_sale.get(CellStatus.UNKNOWN, 0) if total else 0
        return known / total if total else 0.0


def catalog_figures():
    published = Product.objects.published()
    figures = Figures(products=published.count())
    figures.by_class = dict(
        Counter(published.values_list("product_class__name", flat=True)).most_common()
    )
    figures.by_segment = dict(
        published.filter(tags__isnull=False)
        .values_list("tags__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "tags__name")
    )
    cells = ProductCapability.objects.filter(product__is_published=True)
    figures.cells = dict(cells.values_list("status").annotate(n=Count("pk")))
    on_sale = cells.filter(product__russia_availability=RussiaAvailability.AVAILABLE)
    figures.cells_on_sale = dict(on_sale.values_list("status").annotate(n=Count("pk")))
    capabilities = ProductCapability._meta.get_field("capability").related_model.objects.count()
    figures.missing_cells = figures.products * capabilities - sum(figures.cells.values())
    known = cells.exclude(status=CellStatus.UNKNOWN)
    figures.cells_by_basis = dict(known.values_list("basis").annotate(n=Count("pk")))
    figures.cells_with_url = known.exclude(source_url="").count()
    sourced = set(
        FactSource.objects.filter(product__is_published=True).values_list("product_id", "fact")
    )
    for fact, has_value in STALE_FACTS.items():
        ids = published.filter(has_value).values_list("pk", flat=True)
        figures.facts_with_value += len(ids)
        figures.facts_with_source += sum((pk, fact) in sourced for pk in ids)
    figures.plans_by_currency = dict(
        PricePlan.objects.filter(product__is_published=True)
        .values_list("currency")
        .annotate(n=Count("pk"))
    )
    figures.headline_prices_by_currency = dict(
        published.exclude(price_amount=None).values_list("price_currency").annotate(n=Count("pk"))
    )
    figures.lifecycles = dict(published.values_list("lifecycle").annotate(n=Count("pk")))
    figures.editions = published.filter(edition_of__isnull=False).count()
    figures.availability = dict(
        published.values_list("russia_availability").annotate(n=Count("pk"))
    )
    return figures


__all__ = ["Figures", "catalog_figures"]
