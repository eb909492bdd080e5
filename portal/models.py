from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import History


class SearchMiss(models.Model):
    """A query that found nothing, counted, so editors learn what the portal lacks.

    Only the normalised text is kept: no address, cookie or user, nothing that identifies
    who searched.
    """

    query = models.CharField(_("запрос"), max_length=100, unique=True)
    count = models.PositiveIntegerField(_("сколько раз"), default=1)
    first_seen = models.DateTimeField(_("впервые"), auto_now_add=True)
    last_seen = models.DateTimeField(_("последний раз"), auto_now=True)

    class Meta:
        verbose_name = _("поиск без результатов")
        verbose_name_plural = _("поиски без результатов")
        ordering = ["-count", "-last_seen"]
        indexes = [models.Index(fields=["-count"], name="portal_searchmiss_count_idx")]

    def __str__(self):
        return self.query


class ChangeLog(models.Model):
    """«Журнал изменений» in the admin index: every content model's history in one list
    (core/admin_history.py). No table of its own: the rows are the apps' history tables;
    the model exists so the admin lists the page among the others."""

    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = _("журнал изменений")
        verbose_name_plural = _("журнал изменений")

    def __str__(self):
        return str(self._meta.verbose_name)


class SearchIntent(models.Model):
    """Words a visitor types for a need the catalog or the wizard answers with filters, not
    text: «бесплатная», «в реестре», «для торговых представителей». Site search shows the
    intent as a card above the results (portal/intents.py). Editors extend the list."""

    class Target(models.TextChoices):
        CATALOG = "catalog", _("каталог с фильтрами")
        WIZARD = "wizard", _("подбор с ответами")

    phrases = models.TextField(
        _("слова и фразы"),
        help_text=_(
            "По одной на строку; карточка покажется, если в запросе есть все слова одной из них "
            "в любой форме (бесплатная, бесплатно, бесплатные)."
        ),
    )
    label = models.CharField(
        _("карточка"), max_length=150, help_text=_("Например: «Бесплатные CRM-системы».")
    )
    target = models.CharField(
        _("куда ведёт"), max_length=10, choices=Target.choices, default=Target.CATALOG
    )
    query = models.CharField(
        _("параметры"),
        max_length=300,
        help_text=_("Как в адресе страницы: free_plan=1 или task=field&must=field-orders."),
    )
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)
    is_published = models.BooleanField(_("показывать"), default=True)

    history = History()

    class Meta:
        verbose_name = _("намерение в поиске")
        verbose_name_plural = _("намерения в поиске")
        ordering = ["order", "label"]

    def __str__(self):
        return self.label

    @property
    def phrase_list(self):
        return [line.strip() for line in self.phrases.splitlines() if line.strip()]
