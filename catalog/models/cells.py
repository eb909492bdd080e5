"""A product's capabilities: one cell per product and capability, есть, нет or нет данных,
each known one with where it came from."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalog.models.product import Product
from catalog.models.taxonomy import Capability, capability_display_order
from core.history import History


class CellStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("есть")
    ABSENT = "absent", _("нет")
    # Nobody has recorded it either way: shown and ranked as "нет данных", never as "нет".
    UNKNOWN = "unknown", _("нет данных")


class CellStatusChecks:
    """What templates and code ask of anything with a `status` (CellStatus): a recorded row
    and the card's Cell, which may stand for no row at all."""

    @property
    def is_confirmed(self):
        return self.status == CellStatus.CONFIRMED

    @property
    def is_absent(self):
        return self.status == CellStatus.ABSENT

    @property
    def is_known(self):
        return self.status != CellStatus.UNKNOWN

    @property
    def is_unknown(self):
        return self.status == CellStatus.UNKNOWN


class Basis(models.TextChoices):
    """Where a known cell comes from."""

    DOCUMENTATION = "docs", _("документация разработчика")
    VENDOR_SITE = "vendor", _("сайт разработчика")
    THIRD_PARTY = "third-party", _("сторонний источник")
    MARKET = "market", _("общеизвестно на рынке, по документации не сверено")


class ProductCapabilityQuerySet(models.QuerySet):
    def confirmed(self):
        """Capabilities the product is known to have."""
        return self.filter(status=CellStatus.CONFIRMED)

    def known(self):
        """Cells recorded as есть or нет."""
        return self.exclude(status=CellStatus.UNKNOWN)


class ProductCapability(CellStatusChecks, models.Model):
    Status = CellStatus
    Basis = Basis
    # What an editor records of a cell, in the order services and import files give them.
    CELL_FIELDS = ("status", "note", "basis", "source_url", "checked_on")

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="product_capabilities"
    )
    capability = models.ForeignKey(
        Capability,
        verbose_name=_("возможность"),
        on_delete=models.PROTECT,
        related_name="product_capabilities",
    )
    status = models.CharField(
        _("статус"), max_length=10, choices=CellStatus.choices, default=CellStatus.UNKNOWN
    )
    note = models.CharField(_("примечание"), max_length=300, blank=True)
    basis = models.CharField(_("откуда известно"), max_length=20, choices=Basis.choices, blank=True)
    source_url = models.URLField(_("источник"), max_length=500, blank=True)
    checked_on = models.DateField(
        _("сверено с источником"),
        null=True,
        blank=True,
        help_text=_("Когда отметку сверяли с источником по ссылке."),
    )

    objects = ProductCapabilityQuerySet.as_manager()
    history = History()

    class Meta:
        verbose_name = _("возможность продукта")
        verbose_name_plural = _("возможности продукта")
        # A product's capabilities read in the order the site groups them.
        ordering = capability_display_order("capability__")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "capability"], name="catalog_productcapability_unique"
            ),
            models.CheckConstraint(
                condition=~Q(status=CellStatus.UNKNOWN)
                | (Q(basis="") & Q(source_url="") & Q(checked_on__isnull=True)),
                name="catalog_productcapability_unknown_has_no_source",
                violation_error_message=_("У отметки «нет данных» нет источника."),
            ),
            models.CheckConstraint(
                condition=Q(checked_on__isnull=True) | ~Q(source_url=""),
                name="catalog_productcapability_checked_against_a_source",
                violation_error_message=_("Дата сверки бывает только у отметки с источником."),
            ),
        ]

    def __str__(self):
        return f"{self.product} — {self.capability}"
