"""The selection wizard's rules (pure: no ORM, no request). docs/selection.md explains them.

The visitor's answers become `Requirements`. The hard ones (must-have needs, a free plan,
the deployment, the Russian market constraints) sort every product into one of three
outcomes: it meets them all as far as the catalog knows (MATCH), it may meet them — some are
"нет данных", none is known to fail (MAYBE) —, or it is known to fail one (out). The soft ones
(wishes, the class's fit with the task, the budget) give the fit. Unknown is never "no": it
earns nothing, lowers how much of the answer is known, and ranks half-way.

The hard requirements are also ProductFilter parameters (`filter_params`), so "Открыть в
каталоге" shows exactly each group (?match=possible for the MAYBE one).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from selection.prices import Rates, cost_for, rub_per_user_month
from selection.requirements import (  # noqa: F401 -- the wizard's vocabulary, re-exported
    FAIL,
    MATCH,
    MAYBE,
    NO,
    UNKNOWN,
    YES,
    Candidate,
    Need,
    Reason,
    Requirements,
    filter_params,
    hard_checks,
    hard_reasons,
    need_status,
    outcome,
    outcome_of,
)

# Points of each soft part; a part counts only when the visitor answered its question. "task":
# how much of what the task usually needs (Capability.task_presets) the product has, when the
# visitor named the task and chose capabilities of their own.
WEIGHTS = {"nice": 40, "class": 25, "task": 15, "budget": 20}
# An unknown soft requirement counts half in the ranking: as likely met as not.
UNKNOWN_SHARE = 0.5
# The class's fit with the task: the class suits it (ProductClass.tasks), or not.
CLASS_SUITS, CLASS_ELSEWHERE = 1.0, 0.3
# For the whole CRM strategy the data decides, not the label (catalog/classification.py).
PROFILE_FIT = {"crm": 1.0, "undecided": 0.6, "sfa": 0.2}
LIFECYCLE_TASK = "lifecycle"

NO_RATES = Rates()  # no exchange rate recorded: foreign prices stay in their currency


@dataclass
class Match:
    candidate: Candidate
    outcome: str  # MATCH, MAYBE or FAIL
    fit: int  # percent of what is known that fits
    known: int  # percent of the requirements the catalog knows the answer to
    score: float  # the ranking key, 0..1: unknown soft requirements count half
    reasons: list = field(default_factory=list)
    class_note: str = ""
    cost: object = None
    nice_met: int = 0

    @property
    def to_check(self):
        """The requirements to check with the vendor: the ones the catalog has no data on."""
        return [reason for reason in self.reasons if reason.is_unknown]


def class_fit(candidate, requirements):
    """The class label's fit with the task (ProductClass.tasks); for the whole CRM strategy
    averaged with what the data says of the CRM criteria, so neither decides alone."""
    label = CLASS_SUITS if requirements.task in candidate.class_tasks else CLASS_ELSEWHERE
    if requirements.task == LIFECYCLE_TASK:
        return (label + PROFILE_FIT[candidate.profile]) / 2
    return label


@dataclass(frozen=True)
class SoftStatuses:
    """A candidate's statuses for the soft requirements, worked out once for the ranking
    key (score and known share both read them)."""

    nice: tuple  # of each wish, in order
    task: tuple  # of each of the task's usual needs
    price: object  # the rouble price per user (prices.rub_per_user_month), None: unknown
    budget: str | None  # None when no budget was given


def soft_statuses(candidate, requirements, rates):
    price = rub_per_user_month(candidate, requirements.users, rates)
    budget = None
    if requirements.budget is not None:
        budget = UNKNOWN if price is None else YES if price.amount <= requirements.budget else NO
    return SoftStatuses(
        tuple(need_status(candidate, need) for need in requirements.nice),
        tuple(need_status(candidate, need) for need in requirements.task_needs),
        price,
        budget,
    )


def score(candidate, requirements, rates, soft=None):
    """(score, fit, wishes met): the ranking key's first part and the shown fit, with no text
    built, so every candidate can be scored per request. `soft`: its soft_statuses(), when
    already worked out."""
    soft = soft or soft_statuses(candidate, requirements, rates)
    earned = applicable = unknown = 0.0
    parts = [(WEIGHTS["nice"], soft.nice), (WEIGHTS["task"], soft.task)]
    for points, statuses in parts:
        if statuses:
            weight = points / len(statuses)
            applicable += points
            earned += weight * statuses.count(YES)
            unknown += weight * statuses.count(UNKNOWN)
    if requirements.task:
        applicable += WEIGHTS["class"]
        earned += WEIGHTS["class"] * class_fit(candidate, requirements)
    if soft.budget is not None:
        applicable += WEIGHTS["budget"]
        earned += WEIGHTS["budget"] if soft.budget == YES else 0
        unknown += WEIGHTS["budget"] if soft.budget == UNKNOWN else 0
    value = (earned + UNKNOWN_SHARE * unknown) / applicable if applicable else 1.0
    fit = earned / (applicable - unknown) if applicable > unknown else 1.0
    return value, fit, soft.nice.count(YES)


def known_share(hard_statuses, soft):
    """The share of the requirements the catalog knows the answer to (0..1), from the
    statuses of the candidate's hard_checks() and its soft_statuses()."""
    statuses = [*hard_statuses, *soft.nice]
    if soft.budget is not None:
        statuses.append(soft.budget)
    return sum(status != UNKNOWN for status in statuses) / len(statuses) if statuses else 1.0


def explain(candidate, requirements, rates=NO_RATES):
    """The candidate's outcome, fit, known share and a reason per requirement."""
    reasons = hard_reasons(candidate, requirements)
    reasons += [
        Reason(need.name, need_status(candidate, need), _("желательно"))
        for need in requirements.nice
    ]
    cost = cost_for(candidate, requirements.users, rates)
    if requirements.budget is not None:
        reasons.append(budget_reason(candidate, requirements, rates))
    value, fit, nice_met = score(candidate, requirements, rates)
    known = sum(not reason.is_unknown for reason in reasons)
    class_note = ""
    if requirements.task:
        suits = class_fit(candidate, requirements) >= PROFILE_FIT["undecided"]
        class_note = _("класс подходит к задаче") if suits else _("класс подходит к задаче слабо")
    return Match(
        candidate=candidate,
        outcome=outcome(reasons),
        fit=round(100 * fit),
        known=round(100 * known / len(reasons)) if reasons else 100,
        score=value,
        reasons=reasons,
        class_note=class_note,
        cost=cost,
        nice_met=nice_met,
    )


def budget_reason(candidate, requirements, rates):
    label = _("Бюджет до %(budget)s ₽ за пользователя в месяц") % {"budget": requirements.budget}
    per_user = rub_per_user_month(candidate, requirements.users, rates)
    if per_user is not None:
        status = YES if per_user.amount <= requirements.budget else NO
        return Reason(label, status, per_user.text)
    if candidate.pricing_model == "on-request":
        return Reason(label, UNKNOWN, _("цена по запросу"))
    if candidate.price_amount is None and not candidate.plans:
        return Reason(label, UNKNOWN, _("цена не найдена"))
    if candidate.pricing_model == "perpetual-per-user":
        return Reason(label, UNKNOWN, _("бессрочная лицензия: с ежемесячным бюджетом не сравнить"))
    if candidate.pricing_model == "per-company-month" and not requirements.users:
        return Reason(label, UNKNOWN, _("цена за компанию: укажите число пользователей"))
    return Reason(label, UNKNOWN, _("курс валюты не указан: сравнить с бюджетом нельзя"))


def rank(candidates, requirements, rates=NO_RATES):
    """(matches, maybes): the products meeting every hard requirement, then those that may,
    each best first — score (fit with unknowns at half), then the larger known share, then
    more wishes met, then the product that does more by the catalog's data (capabilities it
    is known to have), then the lower rouble price per user (unknown prices last), then name
    — one entry per family of editions. Products known to fail a hard requirement are left out."""

    def key(candidate, hard_statuses):
        soft = soft_statuses(candidate, requirements, rates)
        value, _fit, nice_met = score(candidate, requirements, rates, soft)
        known = known_share(hard_statuses, soft)
        price = soft.price
        amount = price.amount if price else 0
        return (
            -round(value, 6),
            -known,
            -nice_met,
            -candidate.breadth,
            price is None,
            amount,
            candidate.name.casefold(),
        )

    # Each candidate's statuses and key are worked out once, and no text is built for
    # them: at 50,000 products the key recomputed by every comparison of the family pass,
    # and the labels translated for every candidate, cost seconds (docs/performance.md).
    checks = hard_checks(requirements)
    groups = {MATCH: [], MAYBE: []}
    keys = {}
    for candidate in candidates:
        statuses = [check.status(candidate) for check in checks]
        group = outcome_of(statuses)
        if group != FAIL:
            groups[group].append(candidate)
            keys[candidate.pk] = key(candidate, statuses)

    def first_of_each_family(rows):
        """The best entry of each family; the main entry when an edition only ties with it
        (it differs by what the visitor did not ask about: the main one is the usual buy)."""
        best = {}
        for row in sorted(rows, key=lambda row: keys[row.pk]):
            chosen = best.setdefault(row.family, row)
            if row.pk == row.family and keys[row.pk][:3] == keys[chosen.pk][:3]:
                best[row.family] = row
        return sorted(best.values(), key=lambda row: keys[row.pk])

    matches = first_of_each_family(groups[MATCH])
    families = {row.family for row in matches}
    maybes = [row for row in first_of_each_family(groups[MAYBE]) if row.family not in families]
    return matches, maybes
