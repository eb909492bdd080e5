"""Prices plan by plan, and the exchange rates that compare them with a rouble budget."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalog.models.decision import Currency
from core.history import History


class PricePlan(models.Model):
    """One plan of a product as the vendor's price list states it."""

    class Per(models.TextChoices):
        USER = "user", _("за пользователя")
        COMPANY = "company", _("за компанию")

    class Period(models.TextChoices):
        MONTH = "month", _("в месяц")
        YEAR = "year", _("в год")
        ONCE = "once", _("разово (бессрочная лицензия)")

    class Billing(models.TextChoices):
        MONTHLY = "monthly", _("помесячная оплата")
        ANNUAL = "annual", _("оплата за год вперёд")
        UNKNOWN = "", _("не указано")

    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("продукт"),
        on_delete=models.CASCADE,
        related_name="price_plans",
    )
    name = models.CharField(_("тариф"), max_length=100)
    amount = models.DecimalField(_("цена"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("валюта"), max_length=3, choices=Currency.choices)
    per = models.CharField(_("за кого"), max_length=10, choices=Per.choices, default=Per.USER)
    period = models.CharField(
        _("за какой срок"), max_length=10, choices=Period.choices, default=Period.MONTH
    )
    billing = models.CharField(
        _("оплата"), max_length=10, choices=Billing.choices, blank=True, default=Billing.UNKNOWN
    )
    min_users = models.PositiveIntegerField(_("минимум пользователей"), null=True, blank=True)
    max_users = models.PositiveIntegerField(_("максимум пользователей"), null=True, blank=True)
    note = models.CharField(_("примечание"), max_length=200, blank=True)
    source_url = models.URLField(_("источник"), max_length=500)
    checked_on = models.DateField(_("проверено"))
    page_date = models.DateField(_("дата страницы"), null=True, blank=True)

    history = History()

    class Meta:
        verbose_name = _("тариф")
        verbose_name_plural = _("тарифы")
        ordering = ["product", "amount", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "name", "billing"], name="catalog_priceplan_once_per_billing"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="catalog_priceplan_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(min_users__isnull=True)
                | Q(max_users__isnull=True)
                | Q(min_users__lte=models.F("max_users")),
                name="catalog_priceplan_users_in_order",
                violation_error_message=_("Минимум пользователей больше максимума."),
            ),
        ]

    def __str__(self):
        return f"{self.product} — {self.name}"

    @property
    def terms(self):
        """The plan's conditions in words: billing and user limits."""
        terms = [str(self.get_billing_display())] if self.billing else []
        if self.min_users:
            terms.append(
                ngettext("от %(n)d пользователя", "от %(n)d пользователей", self.min_users)
                % {"n": self.min_users}
            )
        if self.max_users:
            terms.append(
                ngettext("до %(n)d пользователя", "до %(n)d пользователей", self.max_users)
                % {"n": self.max_users}
            )
        return terms


class ExchangeRate(models.Model):
    """The Bank of Russia's rate of a currency on a date, which editors record with its
    source: the wizard compares foreign prices with a rouble budget through it."""

    currency = models.CharField(_("валюта"), max_length=3, choices=Currency.choices)
    rub_per_unit = models.DecimalField(_("рублей за единицу"), max_digits=12, decimal_places=4)
    on_date = models.DateField(_("курс на дату"))
    source_url = models.URLField(_("источник"), max_length=500)

    history = History()

    class Meta:
        verbose_name = _("курс валюты")
        verbose_name_plural = _("курсы валют")
        ordering = ["currency", "-on_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "on_date"], name="catalog_exchangerate_one_per_day"
            ),
            models.CheckConstraint(
                condition=Q(rub_per_unit__gt=0), name="catalog_exchangerate_positive"
            ),
            models.CheckConstraint(
                condition=~Q(currency=Currency.RUB), name="catalog_exchangerate_not_rouble"
            ),
        ]

    def __str__(self):
        return f"{self.currency} {self.rub_per_unit} ₽ ({self.on_date:%d.%m.%Y})"
