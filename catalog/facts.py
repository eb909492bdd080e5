"""A product's decision facts as display rows (pure: no database, no request).

The product card, the comparison table and the selection wizard all show these rows, so a
fact reads the same wherever a visitor meets it. A fact that can go stale carries its source
(URL and the date it was checked) or says it was not checked.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import (
    Currency,
    DataLocation,
    Deployment,
    FactSource,
    Lifecycle,
    PricingModel,
    RegistryStatus,
    RussiaAvailability,
)

UNKNOWN = gettext_lazy("нет данных")


@dataclass(frozen=True)
class Source:
    url: str
    checked_on: date
    note: str = ""
    page_date: date | None = None  # the date the page itself shows, when it shows one


@dataclass(frozen=True)
class Link:
    url: str
    label: str


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    text: str
    url: str | None = None
    is_empty: bool = False  # nothing to say: the card leaves the row out, a comparison keeps it
    can_go_stale: bool = False  # then `source` says where it comes from, or None: not checked
    source: Source | None = None
    is_known: bool = True  # False: the text says "нет данных", so there is nothing to check
    check: Link | None = None  # where a visitor can check it: the vendor's own price list

    @property
    def is_unchecked(self):
        return self.can_go_stale and self.is_known and self.source is None


def sources_of(product):
    """{fact: Source} from `source_rows`, annotated by ProductQuerySet.with_fact_sources()."""
    return {
        row["fact"]: Source(
            row["url"],
            date.fromisoformat(row["checked_on"]),
            row["note"],
            date.fromisoformat(row["page_date"]) if row.get("page_date") else None,
        )
        for row in product.source_rows
    }


def money(amount, currency):
    """1 600 ₽, $25, 12,50 € — how the portal writes a price."""
    if amount % 1:
        value = number_format(amount, decimal_pos=2, force_grouping=True)
    else:
        value = number_format(int(amount), force_grouping=True)
    symbol = Currency(currency).symbol
    return f"{symbol}{value}" if currency == Currency.USD else f"{value} {symbol}"


_PER = {
    PricingModel.PER_USER_MONTH: gettext_lazy("за пользователя в месяц"),
    PricingModel.PER_COMPANY_MONTH: gettext_lazy("за компанию в месяц"),
    PricingModel.PERPETUAL_PER_USER: gettext_lazy("за бессрочную лицензию на пользователя"),
}


def price_text(product):
    model = product.pricing_model
    if model == PricingModel.FREE:
        return _("бесплатно")
    if model == PricingModel.ON_REQUEST:
        return _("по запросу")
    if product.price_amount is None:
        if model in _PER:
            return _("сумма не найдена; тарифы — %(per)s") % {"per": _PER[model]}
        return str(UNKNOWN)
    text = _("от %(price)s") % {"price": money(product.price_amount, product.price_currency)}
    if model in _PER:
        text += " " + str(_PER[model])
    if product.price_plan:
        text += " " + _("(тариф «%(plan)s»)") % {"plan": product.price_plan}
    return text


def short_price_text(product):
    """The price in a list row: the amount and what it is for, without the plan."""
    model = product.pricing_model
    if model in (PricingModel.FREE, PricingModel.ON_REQUEST) or product.price_amount is None:
        return price_text(product)
    return _("от %(price)s") % {"price": money(product.price_amount, product.price_currency)}


def _tristate(value, yes_text):
    if value is None:
        return str(UNKNOWN)
    return yes_text if value else _("нет")


def free_plan_text(product):
    text = _tristate(product.has_free_plan, _("есть"))
    if product.has_free_plan and product.free_plan_limits:
        text += ": " + product.free_plan_limits
    return text


def trial_text(product):
    if product.has_trial and product.trial_days:
        return _("%(days)d дн.") % {"days": product.trial_days}
    return _tristate(product.has_trial, _("есть"))


def availability_text(product):
    text = str(RussiaAvailability(product.russia_availability).label)
    changed = product.russia_availability_changed_on
    if changed and product.russia_availability != RussiaAvailability.AVAILABLE:
        text += " " + _("(с %(date)s)") % {"date": date_format(changed, "E Y")}
    if product.russia_note:
        text += ". " + product.russia_note
    return text


def lifecycle_text(product):
    """Whether the product is still developed and sold at all (apart from Russia): the
    successor of a renamed one is named (its card links it in «История названий»)."""
    text = str(Lifecycle(product.lifecycle).label)
    if product.lifecycle == Lifecycle.RENAMED and product.successor_id:
        text = _("переименован: теперь «%(name)s»") % {"name": product.successor.name}
    changed = product.lifecycle_changed_on
    if changed and product.lifecycle in (Lifecycle.RENAMED, Lifecycle.DISCONTINUED):
        text += " " + _("(с %(date)s)") % {"date": date_format(changed, "E Y")}
    return text


def registry_text(product):
    text = str(RegistryStatus(product.registry_status).label)
    if product.registry_entry:
        text += ", " + _("запись № %(entry)s") % {"entry": product.registry_entry}
    return text


def data_location_text(product):
    location = DataLocation(product.data_location)
    if product.deployment == Deployment.BOTH and location != DataLocation.CUSTOMER_SERVERS:
        return _("облако — %(cloud)s; коробка — на серверах заказчика") % {
            "cloud": str(location.label)
        }
    return str(location.label)


def product_facts(product):
    """The facts of one product, in display order.

    The product needs product_class and source_rows loaded (ProductQuerySet.with_facts()).
    """
    sources = sources_of(product)

    def stale(key, fact, label, text, known, check=None):
        return Fact(
            key,
            label,
            text,
            can_go_stale=True,
            source=sources.get(fact),
            is_known=known,
            check=check,
        )

    pricing_page = (
        Link(product.pricing_url, _("цены на сайте разработчика")) if product.pricing_url else None
    )

    return [
        Fact(
            "class",
            _("Класс"),
            product.product_class.name,
            product.product_class.get_absolute_url(),
        ),
        Fact("deployment", _("Развёртывание"), product.get_deployment_display()),
        stale(
            "price",
            FactSource.Fact.PRICE,
            _("Цена"),
            price_text(product),
            known=bool(product.pricing_model) or product.price_amount is not None,
            check=pricing_page,
        ),
        stale(
            "free_plan",
            FactSource.Fact.FREE_PLAN,
            _("Бесплатный тариф"),
            free_plan_text(product),
            known=product.has_free_plan is not None,
        ),
        stale(
            "trial",
            FactSource.Fact.TRIAL,
            _("Пробный период"),
            trial_text(product),
            known=product.has_trial is not None,
        ),
        stale(
            "lifecycle",
            FactSource.Fact.LIFECYCLE,
            _("Развитие продукта"),
            lifecycle_text(product),
            known=product.lifecycle != Lifecycle.UNKNOWN,
        ),
        stale(
            "availability",
            FactSource.Fact.AVAILABILITY,
            _("Доступность в России"),
            availability_text(product),
            known=product.russia_availability != RussiaAvailability.UNKNOWN,
        ),
        stale(
            "registry",
            FactSource.Fact.REGISTRY,
            _("Реестр российского ПО"),
            registry_text(product),
            known=product.registry_status != RegistryStatus.UNKNOWN,
        ),
        stale(
            "data_location",
            FactSource.Fact.DATA_LOCATION,
            _("Где хранятся данные"),
            data_location_text(product),
            known=product.data_location != DataLocation.UNKNOWN,
        ),
        Fact(
            "platform",
            _("Модуль платформы"),
            product.erp_platform or "—",
            is_empty=not product.erp_platform,
        ),
    ]


@dataclass
class FactRow:
    label: str
    facts: list  # one Fact per product

    @property
    def values(self):
        return [fact.text for fact in self.facts]

    @property
    def differs(self):
        return len(set(self.values)) > 1


def fact_rows(products):
    """One row per fact across products, for the comparison table."""
    columns = [product_facts(product) for product in products]
    return [FactRow(facts[0].label, list(facts)) for facts in zip(*columns, strict=True)]
