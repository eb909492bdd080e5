"""Reads of the catalog that combine querysets for one page."""

from django.db.models import Prefetch

from catalog.models import Product, ProductCapability


def comparable_products(slugs):
    """The published products of `slugs` with what the comparison shows: facts with their
    sources, and the capability rows (only what the table reads)."""
    rows = ProductCapability.objects.only(
        "product_id", "capability_id", "status", "note", "basis", "source_url"
    )
    return (
        Product.objects.published()
        .filter(slug__in=slugs)
        .with_facts()
        .prefetch_related(Prefetch("product_capabilities", queryset=rows))
    )
