"""The facts a Russian buyer decides by — price, availability in Russia, the software
registry, where data is kept — and where each fact comes from.

The values live on Product; FactSource records, per product and fact, the source URL and
the date the fact was last checked against it. A fact without a FactSource is shown as
"не проверено".
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import History


class PricingModel(models.TextChoices):
    PER_USER_MONTH = "per-user-month", _("за пользователя в месяц")
    PER_COMPANY_MONTH = "per-company-month", _("за компанию в месяц")
    PERPETUAL_PER_USER = "perpetual-per-user", _("бессрочная лицензия на пользователя")
    FREE = "free", _("бесплатно")
    ON_REQUEST = "on-request", _("по запросу")


class Currency(models.TextChoices):
    RUB = "RUB", _("₽, рубли")
    USD = "USD", _("$, доллары США")
    EUR = "EUR", _("€, евро")

    @property
    def symbol(self):
        return self.label.split(",")[0]


class RussiaAvailability(models.TextChoices):
    AVAILABLE = "available", _("продаётся в России")
    SALES_SUSPENDED = "sales-suspended", _("новые продажи в России приостановлены")
    WITHDRAWN = "withdrawn", _("ушёл с российского рынка")
    UNKNOWN = "unknown", _("нет данных")


class RegistryStatus(models.TextChoices):
    YES = "yes", _("в реестре российского ПО")
    NO = "no", _("не в реестре российского ПО")
    UNKNOWN = "unknown", _("нет данных")


class Lifecycle(models.TextChoices):
    """Whether the product is still developed and sold at all, anywhere."""

    ACTIVE = "active", _("развивается и продаётся")
    RENAMED = "renamed", _("переименован")
    DISCONTINUED = "discontinued", _("больше не развивается и не продаётся")
    UNKNOWN = "unknown", _("нет данных")


class DataLocation(models.TextChoices):
    RUSSIA = "russia", _("в России")
    ABROAD = "abroad", _("за рубежом")
    CUSTOMER_SERVERS = "customer-servers", _("на серверах заказчика")
    UNKNOWN = "unknown", _("нет данных")


def price_per_user_rub(pricing_model, amount, currency):
    """The catalog's "₽ per user per month" figure where the price states it, else None.

    Only a per-user monthly price in roubles gives it (and "free" gives 0): a price per
    company depends on the team's size and a foreign-currency price on an exchange rate, and
    the catalog never guesses either.
    """
    if pricing_model == PricingModel.FREE:
        return 0
    if pricing_model != PricingModel.PER_USER_MONTH or currency != Currency.RUB:
        return None
    if amount is None:
        return None
    return int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class FactSource(models.Model):
    class Fact(models.TextChoices):
        PRICE = "price", _("цена")
        FREE_PLAN = "free-plan", _("бесплатный тариф")
        TRIAL = "trial", _("пробный период")
        AVAILABILITY = "availability", _("доступность в России")
        REGISTRY = "registry", _("реестр российского ПО")
        DATA_LOCATION = "data-location", _("где хранятся данные")
        LIFECYCLE = "lifecycle", _("развитие продукта")

    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("продукт"),
        on_delete=models.CASCADE,
        related_name="fact_sources",
    )
    fact = models.CharField(_("факт"), max_length=20, choices=Fact.choices)
    url = models.URLField(_("источник"), max_length=500)
    checked_on = models.DateField(
        _("проверено"),
        help_text=_(
            "Когда факт последний раз сверяли с источником. Для копии страницы — дата, "
            "на которую она показывает факт."
        ),
    )
    page_date = models.DateField(
        _("дата страницы"),
        null=True,
        blank=True,
        help_text=_("Дата, которую показывает сама страница (новость, прайс), если она есть."),
    )
    note = models.CharField(
        _("примечание"),
        max_length=300,
        blank=True,
        help_text=_("Что именно сказано в источнике, для покупателя."),
    )

    history = History()

    class Meta:
        verbose_name = _("источник факта")
        verbose_name_plural = _("источники фактов")
        ordering = ["product", "fact"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "fact"],
                name="catalog_factsource_one_per_fact",
                violation_error_message=_("У этого факта уже есть источник."),
            ),
        ]

    def __str__(self):
        return f"{self.product} — {self.get_fact_display()}"
