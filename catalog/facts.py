"""A product's decision facts as display rows (pure: no database, no request).

The product card and the comparison table both show these rows, so a fact reads the same
wherever a visitor meets it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    text: str
    url: str | None = None
    is_empty: bool = False  # nothing to say: the card leaves the row out, a comparison keeps it


def _yes_no(value):
    return _("есть") if value else _("нет")


def price_text(product):
    if product.price_from is None:
        return _("не указана")
    return _("от %(price)s ₽ за пользователя в месяц") % {"price": product.price_from}


def product_facts(product):
    """The facts of one product, in display order; the product needs product_class loaded."""
    return [
        Fact(
            "class",
            _("Класс"),
            product.product_class.name,
            product.product_class.get_absolute_url(),
        ),
        Fact("deployment", _("Развёртывание"), product.get_deployment_display()),
        Fact("price", _("Цена"), price_text(product)),
        Fact("free_plan", _("Бесплатный тариф"), _yes_no(product.has_free_plan)),
        Fact("trial", _("Пробный период"), _yes_no(product.has_trial)),
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
