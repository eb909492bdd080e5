"""Presentation of product facts in templates; the wording lives in catalog/facts.py."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog import facts
from catalog.models import Lifecycle, PricingModel, RegistryStatus, RussiaAvailability

register = template.Library()

_UNITS = {
    PricingModel.PER_USER_MONTH: gettext_lazy("польз. в мес."),
    PricingModel.PER_COMPANY_MONTH: gettext_lazy("компания в мес."),
    PricingModel.PERPETUAL_PER_USER: gettext_lazy("лицензия на польз."),
}
_AVAILABILITY_BADGES = {
    RussiaAvailability.SALES_SUSPENDED: gettext_lazy("продажи в РФ приостановлены"),
    RussiaAvailability.WITHDRAWN: gettext_lazy("ушёл из России"),
}
# A product nobody develops any more is a worse buy than one gone from Russia: said first.
_LIFECYCLE_BADGES = {
    Lifecycle.DISCONTINUED: gettext_lazy("больше не развивается"),
    Lifecycle.RENAMED: gettext_lazy("переименован"),
}


@register.filter
def short_price(product):
    """ "от 499 ₽", "бесплатно", "по запросу" or "цена: нет данных" for a list row."""
    if product.price_amount is None and product.pricing_model not in (
        PricingModel.FREE,
        PricingModel.ON_REQUEST,
    ):
        return _("цена: нет данных")
    return facts.short_price_text(product)


@register.filter
def price_unit(product):
    """What a row's price is for ("польз. в мес."), or "" when it says so itself."""
    if product.price_amount is None:
        return ""
    return str(_UNITS.get(product.pricing_model, ""))


@register.filter
def availability_badge(product):
    """A warning for a product a Russian buyer cannot simply buy (discontinued, renamed,
    gone from Russia), else ""."""
    badge = _LIFECYCLE_BADGES.get(product.lifecycle) or _AVAILABILITY_BADGES.get(
        product.russia_availability, ""
    )
    return str(badge)


@register.filter
def in_registry(product):
    return product.registry_status == RegistryStatus.YES


@register.filter
def money(amount, currency):
    """{{ amount|money:"RUB" }} → "1 600 ₽", as the catalog writes prices."""
    return facts.money(amount, currency)
