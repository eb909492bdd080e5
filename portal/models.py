from django.db import models
from django.utils.translation import gettext_lazy as _


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
