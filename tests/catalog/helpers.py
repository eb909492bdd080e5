"""Test helpers for the catalog: products with deterministic facts and the CRM criteria."""

from catalog.factories import CapabilityFactory, ProductFactory
from catalog.models import (
    Capability,
    Currency,
    DataLocation,
    Deployment,
    PricingModel,
    RegistryStatus,
    RussiaAvailability,
)


def crm_criteria():
    """The four CRM criteria the source text names as missing from SFA systems."""
    return [
        CapabilityFactory(slug=slug, name=name, group=group, is_crm_criterion=True, order=i)
        for i, (slug, name, group) in enumerate(
            [
                ("complaint-handling", "Работа с жалобами", Capability.Group.SERVICE),
                ("service-management", "Управление сервисом", Capability.Group.SERVICE),
                (
                    "product-line-management",
                    "Управление продуктовой линейкой",
                    Capability.Group.SALES,
                ),
                ("process-management", "Процессный подход (BPM)", Capability.Group.PROCESS),
            ]
        )
    ]


def product(capabilities=(), tags=(), price_from=1000, **kwargs):
    """A product with a deterministic price and deployment unless given.

    price_from is the ₽-per-user-per-month figure the test wants (None: no known price); it
    becomes the price the catalog derives that figure from.
    """
    if price_from is None:
        kwargs.setdefault("pricing_model", "")
        kwargs.setdefault("price_amount", None)
        kwargs.setdefault("price_currency", "")
    else:
        kwargs.setdefault("pricing_model", PricingModel.PER_USER_MONTH)
        kwargs.setdefault("price_amount", price_from)
        kwargs.setdefault("price_currency", Currency.RUB)
    kwargs.setdefault("deployment", Deployment.CLOUD)
    kwargs.setdefault("has_free_plan", False)
    kwargs.setdefault("has_trial", False)
    kwargs.setdefault("russia_availability", RussiaAvailability.UNKNOWN)
    kwargs.setdefault("registry_status", RegistryStatus.UNKNOWN)
    kwargs.setdefault("data_location", DataLocation.UNKNOWN)
    return ProductFactory(capabilities=list(capabilities), tags=list(tags), **kwargs)


def product_form(item, **overrides):
    """The admin change form's POST data for `item` as it is (inline rows untouched),
    with `overrides` on top."""

    def text(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    data = {
        name: text(getattr(item, name))
        for name in [
            "name",
            "slug",
            "summary",
            "description",
            "deployment",
            "pricing_model",
            "price_amount",
            "price_currency",
            "price_plan",
            "pricing_url",
            "free_plan_limits",
            "trial_days",
            "russia_availability",
            "russia_availability_changed_on",
            "russia_note",
            "registry_status",
            "registry_entry",
            "data_location",
            "erp_platform",
            "website",
        ]
    }
    data.update(
        vendor=item.vendor_id,
        product_class=item.product_class_id,
        successor=item.successor_id or "",
        has_free_plan="unknown" if item.has_free_plan is None else text(item.has_free_plan),
        has_trial="unknown" if item.has_trial is None else text(item.has_trial),
        tags=", ".join(item.tags.names()) if item.pk else "",
    )
    if item.is_published:
        data["is_published"] = "on"
    for prefix in ("fact_sources", "product_capabilities"):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    data.update(overrides)
    return data
