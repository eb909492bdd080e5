"""Test helpers for the catalog: products with deterministic facts and the CRM criteria."""

from catalog.factories import CapabilityFactory, ProductFactory
from catalog.models import Capability, Deployment


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


def product(capabilities=(), tags=(), **kwargs):
    """A product with a deterministic price and deployment unless given."""
    kwargs.setdefault("price_from", 1000)
    kwargs.setdefault("deployment", Deployment.CLOUD)
    kwargs.setdefault("has_free_plan", False)
    kwargs.setdefault("has_trial", False)
    return ProductFactory(capabilities=list(capabilities), tags=list(tags), **kwargs)
