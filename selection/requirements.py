"""What the wizard asks for and what it knows of a product (pure: no ORM, no request): the
visitor's requirements, a candidate product as a compact tuple, and the hard requirements'
check — yes, no or unknown (нет данных) — each as a Reason (docs/selection.md)."""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.translation import gettext as _

from catalog.models import CellStatus, DataLocation, Deployment, RegistryStatus, RussiaAvailability

YES, NO, UNKNOWN = "yes", "no", "unknown"
MATCH, MAYBE, FAIL = "match", "maybe", "fail"


@dataclass(frozen=True)
class Need:
    """Something the visitor asked for, met by any one of its capabilities."""

    slug: str  # a capability's slug, or a need shared by several (Capability.need)
    name: str
    capability_pks: tuple
    is_crm_criterion: bool = False
    is_group: bool = False  # a shared need (telephony), not one capability


@dataclass(frozen=True)
class Requirements:
    task: str = ""
    task_needs: tuple = ()  # Need: what the task usually needs, when it adds to the score
    users: int | None = None
    deployment: str = ""
    budget: int | None = None  # ₽ per user per month
    must: tuple = ()  # Need
    nice: tuple = ()  # Need
    free_plan: bool = False
    only_available: bool = True
    registry: bool = False
    data_in_russia: bool = False

    @property
    def crm_criteria_asked(self):
        return [need for need in (*self.must, *self.nice) if need.is_crm_criterion]


def filter_params(requirements):
    """The hard requirements as ProductFilter parameters ({name: [values]})."""
    params = {}
    capabilities = [need.slug for need in requirements.must if not need.is_group]
    needs = [need.slug for need in requirements.must if need.is_group]
    if capabilities:
        params["capability"] = capabilities
    if needs:
        params["need"] = needs
    if requirements.deployment:
        params["deployment"] = [requirements.deployment]
    if requirements.free_plan:
        if requirements.users and requirements.users > 1:
            params["free_for"] = [str(requirements.users)]
        else:
            params["free_plan"] = ["1"]
    if requirements.only_available:
        params["availability"] = ["available"]
    if requirements.registry:
        params["registry"] = ["yes"]
    if requirements.data_in_russia:
        params["data"] = ["russia"]
    params["lifecycle"] = ["current"]
    return params


class Candidate(NamedTuple):
    """A product as the ranking sees it (a tuple: many are built per request)."""

    pk: int
    name: str
    family: int  # the main entry's pk for an edition, else its own: one entry per family
    class_tasks: tuple
    profile: str  # what the CRM criteria say: "crm", "sfa" or "undecided"
    deployment: str
    russia_availability: str = RussiaAvailability.UNKNOWN
    registry_status: str = RegistryStatus.UNKNOWN
    data_location: str = DataLocation.UNKNOWN
    has_free_plan: bool | None = None
    free_plan_max_users: int | None = None
    pricing_model: str = ""
    price_amount: object = None
    price_currency: str = ""
    cells: dict = {}  # {capability pk: CellStatus} of the asked capabilities; absent: unknown
    plans: tuple = ()  # selection.prices.Plan
    breadth: int = 0  # capabilities it is known to have in all: the last tie-breaker


@dataclass(frozen=True)
class Reason:
    label: str
    status: str  # YES, NO or UNKNOWN
    detail: str = ""
    hard: bool = False

    @property
    def is_yes(self):
        return self.status == YES

    @property
    def is_no(self):
        return self.status == NO

    @property
    def is_unknown(self):
        return self.status == UNKNOWN


# A recorded cell's status as a need's status; any other (нет данных, no row) is UNKNOWN.
_CELL_AS_STATUS = {CellStatus.CONFIRMED: YES, CellStatus.ABSENT: NO}


def need_status(candidate, need):
    """YES when any of the need's capabilities is есть, NO when all are нет, else UNKNOWN."""
    pks = need.capability_pks
    if len(pks) == 1:
        # Most needs are one capability: one lookup (the ranking asks this for every
        # candidate and need: 160,000 times per request at 50,000 products).
        return _CELL_AS_STATUS.get(candidate.cells.get(pks[0]), UNKNOWN)
    states = [candidate.cells.get(pk, CellStatus.UNKNOWN) for pk in pks]
    if CellStatus.CONFIRMED in states:
        return YES
    if states and all(state == CellStatus.ABSENT for state in states):
        return NO
    return UNKNOWN


def _known(value, yes, no):
    return YES if value in yes else NO if value in no else UNKNOWN


def free_plan_status(candidate, requirements):
    if candidate.has_free_plan is None:
        return UNKNOWN
    if not candidate.has_free_plan:
        return NO
    limit, users = candidate.free_plan_max_users, requirements.users or 1
    if limit is None:
        return YES if users == 1 else UNKNOWN
    return YES if limit == 0 or users <= limit else NO


def data_status(candidate):
    if candidate.deployment in (Deployment.ON_PREMISE, Deployment.BOTH):
        return YES
    return _known(
        candidate.data_location,
        (DataLocation.RUSSIA, DataLocation.CUSTOMER_SERVERS),
        (DataLocation.ABROAD,),
    )


def availability_status(candidate):
    return _known(
        candidate.russia_availability,
        (RussiaAvailability.AVAILABLE,),
        (RussiaAvailability.WITHDRAWN, RussiaAvailability.SALES_SUSPENDED),
    )


def registry_status(candidate):
    return _known(candidate.registry_status, (RegistryStatus.YES,), (RegistryStatus.NO,))


def deployment_status(candidate, requirements):
    return YES if candidate.deployment in (requirements.deployment, Deployment.BOTH) else NO


@dataclass(frozen=True)
class HardCheck:
    """One hard requirement: its label, worked out once per request, and how a candidate
    fares (`status`) and what to say when it does not (`detail`)."""

    label: str
    status: Callable
    detail: Callable = lambda candidate, status: ""

    def reason(self, candidate):
        status = self.status(candidate)
        return Reason(self.label, status, self.detail(candidate, status), hard=True)


def hard_checks(requirements):
    """A HardCheck per hard requirement, in the order the page lists them."""
    checks = [
        HardCheck(
            need.name,
            functools.partial(need_status, need=need),
            lambda candidate, status: _("обязательно"),
        )
        for need in requirements.must
    ]
    if requirements.deployment:
        checks.append(
            HardCheck(
                str(Deployment(requirements.deployment).label),
                functools.partial(deployment_status, requirements=requirements),
                lambda candidate, status: (
                    "" if status == YES else str(Deployment(candidate.deployment).label)
                ),
            )
        )
    if requirements.free_plan:
        label = _("Бесплатный тариф")
        if requirements.users and requirements.users > 1:
            label = _("Бесплатный тариф на %(users)d пользователей") % {"users": requirements.users}
        checks.append(
            HardCheck(label, functools.partial(free_plan_status, requirements=requirements))
        )
    if requirements.only_available:
        checks.append(HardCheck(_("Продаётся в России"), availability_status))
    if requirements.registry:
        checks.append(HardCheck(_("В реестре российского ПО"), registry_status))
    if requirements.data_in_russia:
        checks.append(HardCheck(_("Данные можно хранить в России"), data_status))
    return checks


def hard_reasons(candidate, requirements):
    """A Reason per hard requirement, in the order the page lists them."""
    return [check.reason(candidate) for check in hard_checks(requirements)]


def outcome(reasons):
    return outcome_of(reason.status for reason in reasons if reason.hard)


def outcome_of(hard_statuses):
    statuses = set(hard_statuses)
    if NO in statuses:
        return FAIL
    return MAYBE if UNKNOWN in statuses else MATCH
