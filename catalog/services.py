"""Writes of the catalog that touch several rows: a product's capability and source rows.

The admin's capability matrix and the import of a file both end here, so a product's rows
change the same way whoever changes them: one row at a time, each through save() or
delete() with its history record and signals (search index, cached pages).
"""

from catalog.models import FactSource, ProductCapability


def set_capabilities(*, product, wanted, reason=None):
    """Make the product's capability rows equal `wanted`: {Capability: (status, note)}."""
    _replace_rows(
        product.product_capabilities.select_related("capability"),
        key=lambda row: row.capability,
        wanted=wanted,
        build=lambda capability: ProductCapability(product=product, capability=capability),
        fields=("status", "note"),
        reason=reason,
    )


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
