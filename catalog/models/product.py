from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower, Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from catalog.models.decision import (
    Currency,
    DataLocation,
    Lifecycle,
    PricingModel,
    RegistryStatus,
    RussiaAvailability,
    price_per_user_rub,
)
from catalog.models.product_queries import ProductQuerySet
from catalog.models.taxonomy import Capability, Deployment, ProductClass
from catalog.models.vendor import Vendor
from core.history import History
from core.publishing import Publishable

RESERVED_PRODUCT_SLUGS = {"compare", "vendors"}


class Product(Publishable):
    name = models.CharField(_("название"), max_length=150)
    slug = models.SlugField(
        _("адрес (slug)"), max_length=160, unique=True, help_text=_("Латиницей: klientskaya-baza.")
    )
    vendor = models.ForeignKey(
        Vendor, verbose_name=_("разработчик"), on_delete=models.PROTECT, related_name="products"
    )
    product_class = models.ForeignKey(
        ProductClass, verbose_name=_("класс"), on_delete=models.PROTECT, related_name="products"
    )
    summary = models.CharField(_("кратко"), max_length=300)
    description = models.TextField(_("описание"), blank=True, help_text=_("Markdown."))
    deployment = models.CharField(
        _("развёртывание"), max_length=20, choices=Deployment.choices, default=Deployment.CLOUD
    )
    # Price as the vendor states it; price_from is derived from it (price_per_user_rub).
    pricing_model = models.CharField(
        _("модель цены"),
        max_length=20,
        choices=PricingModel.choices,
        blank=True,
        help_text=_("Пусто — неизвестно."),
    )
    price_amount = models.DecimalField(
        _("цена"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Самого дешёвого платного тарифа, как её пишет разработчик. Пусто — не найдена."
        ),
    )
    price_currency = models.CharField(
        _("валюта"), max_length=3, choices=Currency.choices, blank=True
    )
    price_plan = models.CharField(
        _("тариф"),
        max_length=100,
        blank=True,
        help_text=_("Название самого дешёвого платного тарифа."),
    )
    pricing_url = models.URLField(
        _("страница цен"),
        blank=True,
        help_text=_("Где разработчик публикует цены: ссылка видна, даже когда цена неизвестна."),
    )
    price_from = models.PositiveIntegerField(
        _("₽ за пользователя в месяц"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Вычисляется из цены, если она в рублях за пользователя в месяц."),
    )
    has_free_plan = models.BooleanField(
        _("бесплатный тариф"), null=True, blank=True, help_text=_("Пусто — неизвестно.")
    )
    free_plan_limits = models.CharField(
        _("ограничения бесплатного тарифа"), max_length=200, blank=True
    )
    free_plan_max_users = models.PositiveIntegerField(
        _("бесплатный тариф: пользователей не больше"),
        null=True,
        blank=True,
        help_text=_("0 — без ограничения числа пользователей; пусто — неизвестно."),
    )
    has_trial = models.BooleanField(
        _("пробный период"), null=True, blank=True, help_text=_("Пусто — неизвестно.")
    )
    trial_days = models.PositiveSmallIntegerField(_("дней пробного периода"), null=True, blank=True)
    russia_availability = models.CharField(
        _("доступность в России"),
        max_length=20,
        choices=RussiaAvailability.choices,
        default=RussiaAvailability.UNKNOWN,
    )
    russia_availability_changed_on = models.DateField(
        _("доступность изменилась"),
        null=True,
        blank=True,
        help_text=_("Когда разработчик приостановил продажи или ушёл с рынка."),
    )
    russia_note = models.CharField(
        _("что может сделать покупатель в России"), max_length=300, blank=True
    )
    registry_status = models.CharField(
        _("реестр российского ПО"),
        max_length=10,
        choices=RegistryStatus.choices,
        default=RegistryStatus.UNKNOWN,
    )
    registry_entry = models.CharField(
        _("номер записи в реестре"),
        max_length=20,
        blank=True,
        help_text=_("Номер реестровой записи на reestr.digital.gov.ru."),
    )
    data_location = models.CharField(
        _("где хранятся данные"),
        max_length=20,
        choices=DataLocation.choices,
        default=DataLocation.UNKNOWN,
        help_text=_("Для облака — где его серверы; для коробки — на серверах заказчика."),
    )
    erp_platform = models.CharField(
        _("модуль платформы"),
        max_length=150,
        blank=True,
        help_text=_("ERP-платформа, модулем которой является продукт: 1С:Предприятие 8."),
    )
    website = models.URLField(_("сайт"), blank=True)
    capabilities = models.ManyToManyField(
        Capability,
        verbose_name=_("возможности"),
        through="ProductCapability",
        related_name="products",
        blank=True,
    )
    tags = TaggableManager(verbose_name=_("теги"), blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("преемник"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text=_(
            "Продукт, под именем которого этот продаётся теперь, или который разработчик "
            "предлагает взамен снятого."
        ),
    )
    # Whether the product is still developed and sold at all: apart from availability in
    # Russia. Discontinued and renamed products stay readable but leave default answers.
    lifecycle = models.CharField(
        _("жизненный цикл"),
        max_length=20,
        choices=Lifecycle.choices,
        default=Lifecycle.UNKNOWN,
    )
    lifecycle_changed_on = models.DateField(
        _("когда переименован или снят"),
        null=True,
        blank=True,
        help_text=_("Если точный день неизвестен — первое число месяца или года."),
    )
    # Editions sold with different facts (cloud and on-premise) are entries of their own,
    # linked to the main one, so every filter is true for what the buyer would buy.
    edition_of = models.ForeignKey(
        "self",
        verbose_name=_("редакция продукта"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="editions",
        help_text=_("Основная запись продукта, если эта — его отдельная редакция."),
    )
    edition_label = models.CharField(
        _("название редакции"),
        max_length=100,
        blank=True,
        help_text=_("Как её отличить: «облако», «коробка (Корпоративный портал)»."),
    )
    # Set only by the admin action "Данные проверены": who checked the whole card, and when.
    data_verified_on = models.DateField(_("данные проверены"), null=True, editable=False)
    data_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кем проверены"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )

    objects = ProductQuerySet.as_manager()
    history = History()

    class Meta(Publishable.Meta):
        verbose_name = _("продукт")
        verbose_name_plural = _("продукты")
        ordering = ["name"]
        indexes = [
            *Publishable.Meta.indexes,
            # The list's default order: case-insensitive name among published products.
            models.Index(F("is_published"), Lower("name"), name="catalog_product_pub_lname_idx"),
            GinIndex(
                OpClass(Upper("name"), name="gin_trgm_ops"), name="catalog_product_name_trgm_idx"
            ),
            GinIndex(
                OpClass(Upper("summary"), name="gin_trgm_ops"),
                name="catalog_product_summ_trgm_idx",
            ),
            models.Index(fields=["price_from"], name="catalog_product_price_idx"),
            models.Index(fields=["deployment"], name="catalog_product_deploy_idx"),
            # Few products have a free plan: a partial index stays small and selective.
            models.Index(
                fields=["has_free_plan"],
                condition=Q(has_free_plan=True),
                name="catalog_product_free_idx",
            ),
            models.Index(fields=["-updated_at"], name="catalog_product_updated_idx"),
            models.Index(fields=["russia_availability"], name="catalog_product_russia_idx"),
            # Every column the list's filters and facets read (catalog/conditions.py,
            # catalog/facets.py), beside the published flag: their counts read this narrow
            # index alone instead of the product rows, about 2 KB each with the description
            # and the search vector (docs/performance.md).
            models.Index(
                fields=["is_published"],
                include=[
                    "id",
                    "product_class",
                    "vendor",
                    "deployment",
                    "has_free_plan",
                    "free_plan_max_users",
                    "russia_availability",
                    "registry_status",
                    "data_location",
                    "lifecycle",
                    "price_from",
                    "edition_of",
                ],
                name="catalog_product_facets_idx",
            ),
            # A card's pool of alternatives of the same class, read in order and cut off
            # (ProductQuerySet.alternatives_pool).
            models.Index(
                fields=["product_class", "is_published", "id"], name="catalog_product_class_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_amount__isnull=True) | ~Q(price_currency=""),
                name="catalog_product_price_has_currency",
                violation_error_message=_("Укажите валюту цены."),
            ),
            models.CheckConstraint(
                condition=Q(registry_entry="") | Q(registry_status=RegistryStatus.YES),
                name="catalog_product_registry_entry_if_listed",
                violation_error_message=_("Номер записи бывает только у продукта в реестре."),
            ),
            models.CheckConstraint(
                condition=~Q(lifecycle=Lifecycle.RENAMED) | Q(successor__isnull=False),
                name="catalog_product_renamed_has_successor",
                violation_error_message=_("Укажите, под каким именем продукт продаётся теперь."),
            ),
            models.CheckConstraint(
                condition=Q(edition_of__isnull=True) | ~Q(edition_of=F("pk")),
                name="catalog_product_not_own_edition",
                violation_error_message=_("Продукт не может быть редакцией самого себя."),
            ),
            models.CheckConstraint(
                condition=Q(trial_days__isnull=True) | Q(has_trial=True),
                name="catalog_product_trial_days_if_trial",
                violation_error_message=_("Длительность указывают только у пробного периода."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.price_from = price_per_user_rub(
            self.pricing_model, self.price_amount, self.price_currency
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalog:product-detail", kwargs={"slug": self.slug})

    @property
    def gone_from_russia_note(self):
        """Words for a result card when the product cannot simply be bought in Russia, or ""."""
        if self.russia_availability == RussiaAvailability.WITHDRAWN:
            return _("ушёл с российского рынка")
        if self.russia_availability == RussiaAvailability.SALES_SUSPENDED:
            return _("новые продажи в России приостановлены")
        return ""

    @property
    def is_current(self):
        """Still developed and sold (or nobody recorded otherwise)."""
        return self.lifecycle not in (Lifecycle.DISCONTINUED, Lifecycle.RENAMED)

    @property
    def draft_note(self):
        """Why visitors cannot see this product (for the staff banner), or "" when they can."""
        return "" if self.is_published else _("продукт не опубликован")

    def clean(self):
        super().clean()
        # A renaming chain runs one way: a product cannot follow itself, directly or via one step.
        if (
            self.pk
            and self.successor_id
            and self.pk
            in (
                self.successor_id,
                self.successor.successor_id,
            )
        ):
            raise ValidationError(
                {
                    "successor": _(
                        "Продукт не может быть преемником самого себя или своего преемника."
                    )
                }
            )
        if self.edition_of_id and self.edition_of.edition_of_id:
            raise ValidationError(
                {"edition_of": _("Редакция относится к основной записи, а не к другой редакции.")}
            )
        # /catalog/compare/ and /catalog/vendors/ are routed before /catalog/<slug>/.
        if self.slug in RESERVED_PRODUCT_SLUGS:
            raise ValidationError(
                {"slug": _("Адрес «%(slug)s» занят разделом каталога.") % {"slug": self.slug}}
            )
