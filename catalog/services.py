"""Writes of the catalog that touch several rows: a product's capability and source rows.

The admin's capability matrix and the import of a file both end here, so a product's rows
change the same way whoever changes them: one row at a time, each through save() or
delete() with its history record and signals (search index, cached pages).
"""

from django.db import connection

from catalog.models import Capability, FactSource, Product, ProductCapability
from core import versions

# What a bulk change of the catalog touches most, and what the list, the card and the wizard
# plan their queries over.
ANALYSED_TABLES = (
    "catalog_product, catalog_productcapability, taggit_taggeditem, catalog_vendor, "
    "catalog_capability"
)


def set_capabilities(*, product, wanted, reason=None):
    """Make the product's capability rows equal `wanted`: {Capability: (status, note, basis,
    source_url, checked_on)}; trailing values may be left out (blank)."""
    blank = ("", "", "", "", None)
    _replace_rows(
        product.product_capabilities.select_related("capability"),
        key=lambda row: row.capability,
        wanted={
            capability: (*values, *blank[len(values) :]) for capability, values in wanted.items()
        },
        build=lambda capability: ProductCapability(product=product, capability=capability),
        fields=ProductCapability.CELL_FIELDS,
        reason=reason,
    )


def fill_unknown_cells(*, products=None, capabilities=None):
    """An explicit "нет данных" row for every product × capability pair without one (all
    products or capabilities when none are given): what nobody recorded is marked, not
    missing. Returns how many rows it made."""
    products = Product.objects.all() if products is None else products
    capabilities = Capability.objects.all() if capabilities is None else capabilities
    product_ids = [p.pk for p in products]
    capability_ids = [c.pk for c in capabilities]
    held = set(
        ProductCapability.objects.filter(
            product_id__in=product_ids, capability_id__in=capability_ids
        ).values_list("product_id", "capability_id")
    )
    rows = [
        ProductCapability(product_id=p, capability_id=c, status=ProductCapability.Status.UNKNOWN)
        for p in product_ids
        for c in capability_ids
        if (p, c) not in held
    ]
    ProductCapability.objects.bulk_create(rows, batch_size=1000)
    if rows:
        versions.changed(ProductCapability)
    return len(rows)


def set_fact_sources(*, product, wanted, reason=None):
    """Make the product's fact sources equal `wanted`: {fact: (url, checked_on, note)}."""
    _replace_rows(
        product.fact_sources.all(),
        key=lambda row: row.fact,
        wanted=wanted,
        build=lambda fact: FactSource(product=product, fact=fact),
        fields=("url", "checked_on", "note"),
        reason=reason,
    )


def _replace_rows(existing, *, key, wanted, build, fields, reason):
    rows = {key(row): row for row in existing}
    for gone in rows.keys() - wanted.keys():
        rows[gone]._change_reason = reason
        rows[gone].delete()
    for row_key, values in wanted.items():
        row = rows.get(row_key) or build(row_key)
        new = dict(zip(fields, values, strict=False))
        if row.pk and all(getattr(row, name) == value for name, value in new.items()):
            continue
        for name, value in new.items():
            setattr(row, name, value)
        row._change_reason = reason
        # Field values only: one row per key is guaranteed by the keying above and by the
        # named unique constraints, and checking them here would cost a query per row.
        row.full_clean(validate_unique=False, validate_constraints=False)
        row.save()


def analyse_tables():
    """Statistics, and outside a transaction the visibility map, of the catalog's tables as
    autovacuum leaves them a minute after a bulk change, so that what runs at once gets
    the plans a live site would (index-only scans need the visibility map).

    For generate_catalog's benchmarks, and for tests: a test database has no statistics
    and, late in a full run, tables bloated by every rolled-back test before it; the
    planner then takes 200 products for one row and nests loops over the dead rows (seen:
    minutes for one facet query in CI). Inside a transaction (a test's) VACUUM cannot run:
    statistics alone."""
    with connection.cursor() as cursor:
        if connection.in_atomic_block:
            cursor.execute(f"ANALYZE {ANALYSED_TABLES}")
        else:
            cursor.execute(f"VACUUM ANALYZE {ANALYSED_TABLES}")
