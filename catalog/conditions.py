"""What each hard filter value means, known for sure or possibly (unknown is not "no").

A product *surely* meets a condition when the catalog knows it does; it *possibly* meets it
when the catalog does not know either way (нет данных), and fails only what it is known to
fail. The catalog list and the wizard read both forms from here, so "Открыть в каталоге"
shows exactly the wizard's groups (catalog/filters.py, selection/selectors.py).
"""

from typing import NamedTuple

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy

from catalog.models import (
    Capability,
    CellStatus,
    DataLocation,
    Deployment,
    Lifecycle,
    ProductCapability,
    ProductClass,
    RegistryStatus,
    RussiaAvailability,
)

DEPLOYMENT_CHOICES = [
    (Deployment.CLOUD, gettext_lazy("Облако (SaaS)")),
    (Deployment.ON_PREMISE, gettext_lazy("Коробка (на своём сервере)")),
]
AVAILABILITY_CHOICES = [
    (RussiaAvailability.AVAILABLE, gettext_lazy("продаётся в России")),
    (RussiaAvailability.SALES_SUSPENDED, gettext_lazy("продажи приостановлены")),
    (RussiaAvailability.WITHDRAWN, gettext_lazy("ушёл с рынка")),
    (RussiaAvailability.UNKNOWN, gettext_lazy("нет данных")),
]
FREE_PLAN_VALUE = "1"
REGISTRY_VALUE = "yes"
DATA_IN_RUSSIA_VALUE = "russia"
EXCLUDE_SFA_VALUE = "exclude"
CURRENT_VALUE = "current"


class Condition(NamedTuple):
    sure: Q  # the catalog knows the product meets it
    possible: Q  # it meets it or the catalog has no data: it is not known to fail


def deployment_q(value):
    """A product deployed "both" ways matches either choice."""
    return Q(deployment__in=[value, Deployment.BOTH])


def data_in_russia_q():
    """Customer data can stay in Russia: the vendor's cloud is there, or the customer installs
    the product on its own servers (an on-premise edition exists)."""
    return Q(data_location__in=[DataLocation.RUSSIA, DataLocation.CUSTOMER_SERVERS]) | Q(
        deployment__in=[Deployment.ON_PREMISE, Deployment.BOTH]
    )


def _same(q):
    return Condition(q, q)


# The single-choice parameters: each value and the condition it stands for. The filters apply
# these conditions and the facets count them (sure forms), all in one query (catalog/facets.py).
CHOICE_CONDITIONS = {
    "deployment": {value: _same(deployment_q(value)) for value, _label in DEPLOYMENT_CHOICES},
    "free_plan": {FREE_PLAN_VALUE: Condition(Q(has_free_plan=True), ~Q(has_free_plan=False))},
    "availability": {
        value: Condition(
            Q(russia_availability=value),
            Q(russia_availability__in=[value, RussiaAvailability.UNKNOWN])
            if value == RussiaAvailability.AVAILABLE
            else Q(russia_availability=value),
        )
        for value, _label in AVAILABILITY_CHOICES
    },
    "registry": {
        REGISTRY_VALUE: Condition(
            Q(registry_status=RegistryStatus.YES), ~Q(registry_status=RegistryStatus.NO)
        )
    },
    "data": {
        DATA_IN_RUSSIA_VALUE: Condition(
            data_in_russia_q(), data_in_russia_q() | Q(data_location=DataLocation.UNKNOWN)
        )
    },
    # No longer asked by the wizard (a class is never a hard requirement); kept for old links.
    "sfa": {EXCLUDE_SFA_VALUE: _same(~Q(product_class__kind=ProductClass.Kind.SFA))},
    # Discontinued and renamed products stay readable but leave the default answers.
    "lifecycle": {
        CURRENT_VALUE: _same(~Q(lifecycle__in=[Lifecycle.DISCONTINUED, Lifecycle.RENAMED]))
    },
}


def capability_q(capability):
    """Products known to have this capability: an EXISTS served by the
    catalog_productcapability_unique index on (product, capability)."""
    return capability_condition(capability).sure


def capability_condition(capability):
    rows = ProductCapability.objects.filter(product=OuterRef("pk"), capability=capability)
    return Condition(
        Exists(rows.filter(status=CellStatus.CONFIRMED)),
        ~Exists(rows.filter(status=CellStatus.ABSENT)),
    )


def need_condition(need):
    """A need several capabilities meet (Capability.need, e.g. telephony): surely met when
    the product is known to have one of them; possibly when not every one is known absent."""
    confirmed = ProductCapability.objects.filter(
        product=OuterRef("pk"), capability__need=need, status=CellStatus.CONFIRMED
    )
    absent = ProductCapability.objects.filter(
        product=OuterRef(OuterRef("pk")), capability=OuterRef("pk"), status=CellStatus.ABSENT
    )
    not_absent = Capability.objects.filter(need=need).exclude(Exists(absent))
    return Condition(Exists(confirmed), Exists(not_absent))


def free_for_condition(users):
    """A free plan for `users` people: 0 as the plan's limit means no limit on users."""
    fits = Q(free_plan_max_users=0) | Q(free_plan_max_users__gte=users)
    return Condition(
        Q(has_free_plan=True) & fits,
        Q(has_free_plan__isnull=True)
        | (Q(has_free_plan=True) & (fits | Q(free_plan_max_users__isnull=True))),
    )
