"""The catalog's models, one module per part of the domain."""

from catalog.models.cells import Basis, CellStatus, CellStatusChecks, ProductCapability
from catalog.models.decision import (
    Currency,
    DataLocation,
    FactSource,
    Lifecycle,
    PricingModel,
    RegistryStatus,
    RussiaAvailability,
    price_per_user_rub,
)
from catalog.models.prices import ExchangeRate, PricePlan
from catalog.models.product import RESERVED_PRODUCT_SLUGS, Product
from catalog.models.product_queries import ProductQuerySet
from catalog.models.taxonomy import (
    Capability,
    Deployment,
    ProductClass,
    SelectionTask,
    capability_display_order,
)
from catalog.models.vendor import Vendor

__all__ = [
    "RESERVED_PRODUCT_SLUGS",
    "Basis",
    "CellStatus",
    "CellStatusChecks",
    "ExchangeRate",
    "Lifecycle",
    "PricePlan",
    "Capability",
    "Currency",
    "DataLocation",
    "FactSource",
    "PricingModel",
    "RegistryStatus",
    "RussiaAvailability",
    "SelectionTask",
    "price_per_user_rub",
    "Deployment",
    "Product",
    "ProductCapability",
    "ProductClass",
    "ProductQuerySet",
    "Vendor",
    "capability_display_order",
]
