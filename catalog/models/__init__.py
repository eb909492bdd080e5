"""The catalog's models, one module per part of the domain."""

from catalog.models.product import (
    RESERVED_PRODUCT_SLUGS,
    Product,
    ProductCapability,
    ProductQuerySet,
)
from catalog.models.taxonomy import Capability, Deployment, ProductClass, capability_display_order
from catalog.models.vendor import Vendor

__all__ = [
    "RESERVED_PRODUCT_SLUGS",
    "Capability",
    "Deployment",
    "Product",
    "ProductCapability",
    "ProductClass",
    "ProductQuerySet",
    "Vendor",
    "capability_display_order",
]
