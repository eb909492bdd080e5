"""What a team would pay, in the price's currency and in roubles (pure: no ORM, no request).

Prices come as the vendor states them: plan by plan when the catalog has the price list
(catalog.PricePlan), else the headline "от" price. A foreign price is compared with a rouble
budget through the Bank of Russia's rate that editors record (catalog.ExchangeRate), and the
result says which rate and date it used ("≈ 2 300 ₽ по курсу ЦБ на 01.12.2026"). Nothing is
guessed: no rate, no rouble figure; a perpetual licence is never spread over months.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from catalog.models import Currency, PricePlan, PricingModel


class Rate(NamedTuple):
    rub_per_unit: Decimal
    on_date: date


@dataclass(frozen=True)
class Rates:
    """{currency: Rate}: the newest rate of each currency the editors recorded."""

    by_currency: dict = field(default_factory=dict)

    def get(self, currency):
        return self.by_currency.get(currency)


class Plan(NamedTuple):
    name: str
    amount: Decimal
    currency: str
    per: str  # PricePlan.Per
    period: str  # PricePlan.Period
    min_users: int | None = None
    max_users: int | None = None


@dataclass(frozen=True)
class Money:
    """A rouble amount, and how it was reached when converted."""

    amount: Decimal
    rate: Rate | None = None

    @property
    def rounded(self):
        return self.amount.quantize(Decimal(1), ROUND_HALF_UP)

    @property
    def text(self):
        value = number_format(
            int(self.amount.quantize(Decimal(1), ROUND_HALF_UP)), force_grouping=True
        )
        if self.rate is None:
            return _("%(price)s ₽ за пользователя в месяц") % {"price": value}
        return _("≈ %(price)s ₽ за пользователя в месяц по курсу ЦБ на %(date)s") % {
            "price": value,
            "date": date_format(self.rate.on_date, "d.m.Y"),
        }


@dataclass(frozen=True)
class Cost:
    users: int  # the team
    seats: int  # what is billed: the team, or the plan's minimum when that is more
    currency: str
    plan: str = ""
    monthly: Decimal | None = None
    yearly: Decimal | None = None
    once: Decimal | None = None  # a perpetual licence is paid once
    rub_monthly: Money | None = None  # the monthly cost in roubles, when convertible

    @property
    def is_one_off(self):
        """Paid once (perpetual licences) rather than by the month and year."""
        return self.once is not None


def to_roubles(amount, currency, rates):
    """Money in roubles, or None when no rate is recorded for the currency."""
    if currency == Currency.RUB:
        return Money(amount)
    rate = rates.get(currency)
    return Money(amount * rate.rub_per_unit, rate) if rate else None


def _plan_monthly(plan, seats):
    """A plan's cost per month for `seats`, or None for a one-off licence."""
    if plan.period == PricePlan.Period.ONCE:
        return None
    amount = plan.amount * seats if plan.per == PricePlan.Per.USER else plan.amount
    return amount / 12 if plan.period == PricePlan.Period.YEAR else amount


def best_plan(plans, users):
    """(plan, seats): the cheapest plan a team of `users` may buy (within its user limit),
    billed for at least its minimum; None when no plan fits or none is monthly."""
    choices = []
    for plan in plans:
        if plan.max_users is not None and users > plan.max_users:
            continue
        seats = max(users, plan.min_users or 0)
        monthly = _plan_monthly(plan, seats)
        if monthly is not None:
            choices.append((monthly, plan, seats))
    if not choices:
        return None
    _monthly, plan, seats = min(choices, key=lambda choice: (choice[0], choice[1].name))
    return plan, seats


def cost_for(candidate, users, rates):
    """What the stated team would pay, in the price's own currency (and in roubles)."""
    if not users:
        return None
    if candidate.plans:
        found = best_plan(candidate.plans, users)
        if found is not None:
            plan, seats = found
            monthly = _plan_monthly(plan, seats)
            return Cost(
                users,
                seats,
                plan.currency,
                plan.name,
                monthly,
                monthly * 12,
                rub_monthly=to_roubles(monthly, plan.currency, rates),
            )
    model, amount = candidate.pricing_model, candidate.price_amount
    currency = candidate.price_currency or Currency.RUB
    if model == PricingModel.FREE:
        return Cost(
            users,
            users,
            currency,
            monthly=Decimal(0),
            yearly=Decimal(0),
            rub_monthly=Money(Decimal(0)),
        )
    if amount is None:
        return None
    if model == PricingModel.PER_USER_MONTH:
        monthly = amount * users
    elif model == PricingModel.PER_COMPANY_MONTH:
        monthly = amount
    elif model == PricingModel.PERPETUAL_PER_USER:
        return Cost(users, users, currency, once=amount * users)
    else:
        return None
    return Cost(
        users,
        users,
        currency,
        monthly=monthly,
        yearly=monthly * 12,
        rub_monthly=to_roubles(monthly, currency, rates),
    )


def rub_per_user_month(candidate, users, rates):
    """The price in ₽ per user per month (Money) where the facts give it, else None: for the
    stated team (what it pays divided by its people, a plan's minimum seats included), or
    per seat when no team size is given. A price for the whole company needs the team."""
    if candidate.pricing_model == PricingModel.FREE:
        return Money(Decimal(0))
    per_company = candidate.pricing_model == PricingModel.PER_COMPANY_MONTH or (
        candidate.plans and all(plan.per == PricePlan.Per.COMPANY for plan in candidate.plans)
    )
    if users is None and per_company:
        return None
    cost = cost_for(candidate, users or 1, rates)
    if cost is None or cost.rub_monthly is None:
        return None
    people = users or cost.seats
    return Money(cost.rub_monthly.amount / people, cost.rub_monthly.rate)
