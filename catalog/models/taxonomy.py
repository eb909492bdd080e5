"""How the catalog sorts products: classes, capabilities and deployment."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.history import History


class SelectionTask(models.TextChoices):
    """What a visitor of the selection wizard wants to solve (selection/scoring.py)."""

    SALES = "sales", _("Навести порядок в продажах: отдел продаж")
    SERVICE = "service", _("Обслуживать клиентов и разбирать жалобы")
    MARKETING = "marketing", _("Привлекать клиентов: маркетинг и рассылки")
    LIFECYCLE = "lifecycle", _("Вести клиента от первого контакта до сервиса (CRM-стратегия)")
    FIELD = "field", _("Управлять торговыми представителями: визиты, маршруты, заказы в полях")


class ProductClass(models.Model):
    class Kind(models.TextChoices):
        # What the class means to the portal's logic: the source text defines a CRM-system
        # against an SFA-system. Behaviour reads this field, never the editable slug.
        CRM = "crm", _("CRM-система")
        SFA = "sfa", _("SFA-система")
        OTHER = "other", _("другой класс")

    name = models.CharField(_("название"), max_length=100, unique=True)
    slug = models.SlugField(_("адрес (slug)"), max_length=100, unique=True)
    kind = models.CharField(
        _("роль в проверке класса"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.OTHER,
        help_text=_(
            "CRM- и SFA-системы карточка проверяет по критериям CRM; у каждой из двух ролей "
            "один класс."
        ),
    )
    description = models.TextField(_("описание"), help_text=_("Markdown."))
    tasks = ArrayField(
        models.CharField(max_length=20, choices=SelectionTask.choices),
        verbose_name=_("подходит для задач подбора"),
        blank=True,
        default=list,
        help_text=_(
            "Задачи, для которых продукты этого класса подходят по назначению: в подборе это "
            "добавляет баллы, но никогда не отсеивает продукт."
        ),
    )
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)

    history = History()

    class Meta:
        verbose_name = _("класс продуктов")
        verbose_name_plural = _("классы продуктов")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=~Q(kind="other"),
                name="catalog_productclass_one_per_kind",
                violation_error_message=_("Класс с такой ролью уже есть."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('catalog:product-list')}?class={self.slug}"


class CapabilityGroup(models.TextChoices):
    # The order here is the order of the groups on every page and in the admin.
    SALES = "sales", _("Продажи")
    FIELD = "field", _("Полевые продажи")
    SERVICE = "service", _("Сервис")
    MARKETING = "marketing", _("Маркетинг")
    PROCESS = "process", _("Процессы (BPM)")
    INTEGRATION = "integration", _("Интеграции")
    ANALYTICS = "analytics", _("Аналитика")
    PLATFORM = "platform", _("Платформа")
    SECURITY = "security", _("Безопасность и администрирование")


def capability_display_order(prefix=""):
    """ORDER BY terms for capabilities as the site lists them: groups in the order of
    CapabilityGroup (sales first, not alphabetical), then each capability's order and name.

    prefix reaches a capability through a relation, e.g. "capability__".
    """
    rank = Case(
        *(
            When(**{f"{prefix}group": value}, then=Value(index))
            for index, value in enumerate(CapabilityGroup.values)
        ),
        default=Value(len(CapabilityGroup.values)),
    )
    return [rank, f"{prefix}order", f"{prefix}name"]


class CapabilityQuerySet(models.QuerySet):
    def crm_criteria(self):
        return self.filter(is_crm_criterion=True)


class Capability(models.Model):
    Group = CapabilityGroup

    name = models.CharField(_("название"), max_length=150, unique=True)
    slug = models.SlugField(_("адрес (slug)"), max_length=100, unique=True)
    group = models.CharField(_("группа"), max_length=20, choices=Group.choices)
    description = models.TextField(_("описание"), blank=True)
    term = models.ForeignKey(
        "glossary.Term",
        verbose_name=_("термин глоссария"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="capabilities",
    )
    is_crm_criterion = models.BooleanField(
        _("критерий CRM"),
        default=False,
        help_text=_("Возможность, которой нет у SFA-систем и которая отличает CRM-систему."),
    )
    task_presets = ArrayField(
        models.CharField(max_length=20, choices=SelectionTask.choices),
        verbose_name=_("отмечать в подборе для задач"),
        blank=True,
        default=list,
        help_text=_(
            "Подбор CRM заранее отмечает эту возможность, когда посетитель выбирает задачу; "
            "критерий CRM для задач сервиса и CRM-стратегии становится обязательным."
        ),
    )
    need = models.CharField(
        _("общая потребность"),
        max_length=30,
        blank=True,
        help_text=_(
            "Латиницей, например telephony: возможности с одной потребностью взаимозаменяемы — "
            "подбор спрашивает о них одним вопросом, и любой из них её закрывает."
        ),
    )
    need_label = models.CharField(
        _("вопрос о потребности"),
        max_length=150,
        blank=True,
        help_text=_("Как подбор её называет: «Телефония: интеграция с АТС или встроенная»."),
    )
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)

    objects = CapabilityQuerySet.as_manager()
    history = History()

    class Meta:
        verbose_name = _("возможность")
        verbose_name_plural = _("возможности")
        ordering = capability_display_order()

    def __str__(self):
        return self.name


class Deployment(models.TextChoices):
    CLOUD = "cloud", _("Облако (SaaS)")
    ON_PREMISE = "on-premise", _("Коробка (на своём сервере)")
    BOTH = "both", _("Облако и коробка")
