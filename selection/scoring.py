"""The selection wizard's rules (pure: no ORM, no request). docs/selection.md explains them.

The visitor's answers become `Requirements`. The hard ones (must-have capabilities, Russian
market constraints, "no SFA-systems" when a must-have is a CRM criterion) are expressed as
ProductFilter parameters (`filter_params`), so the wizard and the catalog list share one
matching engine. Every product that passes them is a `Candidate`; `evaluate` scores it and
says, requirement by requirement, "выполнено", "нет" or "нет данных".
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import Currency, Deployment, PricingModel, ProductClass, SelectionTask

# Points of each scored part; a part counts only when the visitor answered its question, and
# the fit is the share of the points that applied.
WEIGHTS = {"nice": 40, "class": 25, "budget": 20, "deployment": 15}

# How well a product class suits a task (ProductClass.kind): an SFA-system is what a sales
# team needs, a CRM-system what service and a customer-centric strategy need.
Kind = ProductClass.Kind
CLASS_FIT = {
    SelectionTask.SALES: {Kind.SFA: 1.0, Kind.CRM: 0.6, Kind.OTHER: 0.3},
    SelectionTask.SERVICE: {Kind.CRM: 1.0, Kind.OTHER: 0.6, Kind.SFA: 0.0},
    SelectionTask.MARKETING: {Kind.CRM: 1.0, Kind.SFA: 0.6, Kind.OTHER: 0.3},
    SelectionTask.LIFECYCLE: {Kind.CRM: 1.0, Kind.OTHER: 0.4, Kind.SFA: 0.2},
}
CLASS_FIT_WORDS = {
    1.0: gettext_lazy("класс подходит к задаче"),
    0.6: gettext_lazy("класс подходит к задаче частично"),
}

YES, NO, UNKNOWN = "yes", "no", "unknown"


@dataclass(frozen=True)
class Need:
    """A capability the visitor asked for."""

    pk: int
    slug: str
    name: str
    is_crm_criterion: bool = False


@dataclass(frozen=True)
class Requirements:
    task: str = ""
    users: int | None = None
    deployment: str = ""
    budget: int | None = None  # ₽ per user per month
    must: tuple = ()  # Need
    nice: tuple = ()  # Need (desired capabilities and integrations)
    only_available: bool = True
    registry: bool = False
    data_in_russia: bool = False

    @property
    def crm_criteria_required(self):
        return [need for need in self.must if need.is_crm_criterion]

    @property
    def needs_crm(self):
        """A CRM criterion among the must-haves: only a CRM-system can meet it."""
        return bool(self.crm_criteria_required)


def filter_params(requirements):
    """The hard requirements as ProductFilter parameters ({name: [values]})."""
    params = {}
    if requirements.must:
        params["capability"] = [need.slug for need in requirements.must]
    if requirements.only_available:
        params["availability"] = ["available"]
    if requirements.registry:
        params["registry"] = ["yes"]
    if requirements.data_in_russia:
        params["data"] = ["russia"]
    if requirements.needs_crm:
        params["sfa"] = ["exclude"]
    return params


class Candidate(NamedTuple):
    """A product as the ranking sees it (a tuple: thousands are built per request)."""

    pk: int
    name: str
    class_kind: str
    deployment: str
    pricing_model: str = ""
    price_amount: Decimal | None = None
    price_currency: str = ""
    confirmed: tuple | frozenset = ()  # pks of asked capabilities it is known to have
    unknown: tuple | frozenset = ()  # pks of asked capabilities the catalog has no data on
    price_checked_on: date | None = None  # the price's source date; None: not checked


@dataclass(frozen=True)
class Reason:
    label: str
    status: str  # YES, NO or UNKNOWN
    detail: str = ""

    @property
    def is_yes(self):
        return self.status == YES

    @property
    def is_no(self):
        return self.status == NO


@dataclass(frozen=True)
class Cost:
    users: int
    currency: str
    monthly: Decimal | None = None
    yearly: Decimal | None = None
    once: Decimal | None = None  # a perpetual licence is paid once
    checked_on: date | None = None

    @property
    def is_one_off(self):
        """Paid once (perpetual licences) rather than by the month and year."""
        return self.once is not None


@dataclass
class Match:
    candidate: Candidate
    fit: int  # percent
    score: float  # 0..1, the ranking key
    reasons: list = field(default_factory=list)
    class_note: str = ""
    cost: Cost | None = None
    nice_met: int = 0


def capability_status(candidate, need):
    if need.pk in candidate.confirmed:
        return YES
    return UNKNOWN if need.pk in candidate.unknown else NO


def rub_per_user_month(candidate, users):
    """The price in ₽ per user per month where the facts give it, else None (never a guess:
    no exchange rates, no spreading a perpetual licence over months)."""
    if candidate.pricing_model == PricingModel.FREE:
        return Decimal(0)
    if candidate.price_amount is None or candidate.price_currency != Currency.RUB:
        return None
    if candidate.pricing_model == PricingModel.PER_USER_MONTH:
        return candidate.price_amount
    if candidate.pricing_model == PricingModel.PER_COMPANY_MONTH and users:
        return candidate.price_amount / users
    return None


def cost_for(candidate, users):
    """What the stated number of users would pay, in the price's own currency."""
    model, amount = candidate.pricing_model, candidate.price_amount
    if not users:
        return None
    currency, checked = candidate.price_currency or Currency.RUB, candidate.price_checked_on
    if model == PricingModel.FREE:
        return Cost(users, currency, Decimal(0), Decimal(0), checked_on=checked)
    if amount is None:
        return None
    if model == PricingModel.PER_USER_MONTH:
        return Cost(users, currency, amount * users, amount * users * 12, checked_on=checked)
    if model == PricingModel.PER_COMPANY_MONTH:
        return Cost(users, currency, amount, amount * 12, checked_on=checked)
    if model == PricingModel.PERPETUAL_PER_USER:
        return Cost(users, currency, once=amount * users, checked_on=checked)
    return None


def budget_status(candidate, requirements):
    per_user = rub_per_user_month(candidate, requirements.users)
    if per_user is None:
        return UNKNOWN
    return YES if per_user <= requirements.budget else NO


def deploys_as_wanted(candidate, requirements):
    return candidate.deployment in (requirements.deployment, Deployment.BOTH)


def class_fit(candidate, requirements):
    return CLASS_FIT[requirements.task].get(candidate.class_kind, 0.0)


def score(candidate, requirements):
    """(score 0..1, desired capabilities met): the ranking key, with no text built, so the
    whole catalog can be scored per request. `explain` gives the reasons for the shown few."""
    earned, applicable, nice_met = 0.0, 0, 0
    if requirements.nice:
        nice_met = sum(need.pk in candidate.confirmed for need in requirements.nice)
        applicable += WEIGHTS["nice"]
        earned += WEIGHTS["nice"] * nice_met / len(requirements.nice)
    if requirements.task:
        applicable += WEIGHTS["class"]
        earned += WEIGHTS["class"] * class_fit(candidate, requirements)
    if requirements.budget is not None:
        applicable += WEIGHTS["budget"]
        earned += WEIGHTS["budget"] if budget_status(candidate, requirements) == YES else 0
    if requirements.deployment:
        applicable += WEIGHTS["deployment"]
        earned += WEIGHTS["deployment"] if deploys_as_wanted(candidate, requirements) else 0
    return (earned / applicable if applicable else 1.0), nice_met


def _budget_reason(candidate, requirements):
    label = _("Бюджет до %(budget)s ₽ за пользователя в месяц") % {"budget": requirements.budget}
    status = budget_status(candidate, requirements)
    if status != UNKNOWN:
        per_user = rub_per_user_month(candidate, requirements.users)
        shown = _("%(price)s ₽ за пользователя в месяц") % {"price": round(per_user)}
        return Reason(label, status, shown)
    if candidate.pricing_model == PricingModel.ON_REQUEST:
        return Reason(label, UNKNOWN, _("цена по запросу"))
    if candidate.price_amount is None:
        return Reason(label, UNKNOWN, _("цена не найдена"))
    if candidate.price_currency != Currency.RUB:
        return Reason(label, UNKNOWN, _("цена не в рублях: сравнить с бюджетом нельзя"))
    if candidate.pricing_model == PricingModel.PER_COMPANY_MONTH:
        return Reason(label, UNKNOWN, _("цена за компанию: укажите число пользователей"))
    return Reason(label, UNKNOWN, _("бессрочная лицензия: с ежемесячным бюджетом не сравнить"))


def _deployment_reason(candidate, requirements):
    fits = deploys_as_wanted(candidate, requirements)
    detail = "" if fits else str(Deployment(candidate.deployment).label)
    return Reason(str(Deployment(requirements.deployment).label), YES if fits else NO, detail)


def explain(candidate, requirements):
    """The candidate's fit and a reason per requirement: "выполнено", "нет", "нет данных"."""
    value, nice_met = score(candidate, requirements)
    reasons = [
        Reason(need.name, capability_status(candidate, need), _("обязательно"))
        for need in requirements.must
    ]
    reasons += [
        Reason(need.name, capability_status(candidate, need), _("желательно"))
        for need in requirements.nice
    ]
    if requirements.budget is not None:
        reasons.append(_budget_reason(candidate, requirements))
    if requirements.deployment:
        reasons.append(_deployment_reason(candidate, requirements))
    class_note = ""
    if requirements.task:
        fit = class_fit(candidate, requirements)
        class_note = str(CLASS_FIT_WORDS.get(fit, gettext_lazy("класс подходит к задаче слабо")))
    return Match(
        candidate=candidate,
        fit=round(100 * value),
        score=value,
        reasons=reasons,
        class_note=class_note,
        cost=cost_for(candidate, requirements.users),
        nice_met=nice_met,
    )


def rank(candidates, requirements):
    """Candidates best first: fit, then more desired capabilities met, then the lower rouble
    price per user (unknown prices last), then name."""

    def key(candidate):
        value, nice_met = score(candidate, requirements)
        price = rub_per_user_month(candidate, requirements.users)
        return (-value, -nice_met, price is None, price or 0, candidate.name.casefold())

    return sorted(candidates, key=key)
