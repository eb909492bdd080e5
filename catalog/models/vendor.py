from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.history import History


class Vendor(models.Model):
    name = models.CharField(_("название"), max_length=150, unique=True)
    slug = models.SlugField(_("адрес (slug)"), max_length=160, unique=True)
    country = models.CharField(
        _("страна"),
        max_length=100,
        blank=True,
        help_text=_("Страна головного офиса сегодня (не страна основания и не регистрации)."),
    )
    founded_year = models.PositiveSmallIntegerField(
        _("год основания"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    website = models.URLField(_("сайт"), blank=True)
    description = models.TextField(_("кратко о компании"), blank=True)
    logo = models.ImageField(_("логотип"), upload_to="vendors/", blank=True)

    history = History()

    class Meta:
        # Inanimate, so the admin's «Добавить …», «Выберите … для изменения» read right.
        verbose_name = _("профиль разработчика")
        verbose_name_plural = _("профили разработчиков")
        ordering = ["name"]
        indexes = [
            # Django's icontains compiles to UPPER(col) LIKE UPPER(%s): index that expression.
            GinIndex(
                OpClass(Upper("name"), name="gin_trgm_ops"), name="catalog_vendor_name_trgm_idx"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:vendor-detail", kwargs={"slug": self.slug})
