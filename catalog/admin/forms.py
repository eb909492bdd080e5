"""The product form of the admin: every capability on one screen, grouped as on the site.

A product has 40-odd possible capabilities. Instead of an inline of one row each, the form
carries, for every capability, a mark (есть / нет / нет данных), a note and where the mark
comes from, drawn as a grouped matrix (templates/admin/catalog/product/_capability_matrix.html)
whose rows fold the note and the source away. Saving records every cell through
catalog.services.set_capabilities, as an import does.
"""

from dataclasses import dataclass

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.capability_groups import group_by_capability
from catalog.models import Capability, Product, ProductCapability

_SOURCE_PARTS = ("basis", "source_url", "checked_on")
NOTE_MAX_LENGTH = ProductCapability._meta.get_field("note").max_length
# Editors paste bare domains; make them https:// rather than Django 5's http:// default.
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


@dataclass(frozen=True)
class MatrixRow:
    """One capability's cell in the matrix: its mark in the row, its note and source in a
    fold that opens by itself when it holds something or an error."""

    capability: object
    cell: dict  # {part: bound field}

    @property
    def details(self):
        return [self.cell[part] for part in ("note", *_SOURCE_PARTS)]

    @property
    def is_filled(self):
        return any(field.value() for field in self.details)

    @property
    def has_errors(self):
        return any(self.cell[part].errors for part in self.cell)


def with_url_overrides(db_field, **kwargs):
    """A model field's form field as the admin makes it: for the form class itself, which
    Django builds before the admin's formfield_overrides come into play."""
    return db_field.formfield(**{**URL_FIELD_OVERRIDES.get(type(db_field), {}), **kwargs})


class ProductAdminForm(forms.ModelForm):
    """The product with its capability matrix: one row per capability (есть / нет / нет
    данных, a note, where it comes from), and one source for the whole column that fills
    every marked row left without its own, so a product's column is filled from one page of
    the vendor's documentation in one save."""

    column_basis = forms.ChoiceField(
        label=_("Откуда известно (для всех отметок без своего источника)"),
        required=False,
        choices=[("", "—"), *ProductCapability.Basis.choices],
    )
    column_source_url = forms.URLField(
        label=_("Источник для всех отметок без своего"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )
    column_checked_on = forms.DateField(
        label=_("Сверено (для всех отметок без своей даты)"), required=False
    )

    class Meta:
        model = Product
        fields = "__all__"  # noqa: DJ007 -- ProductAdmin's fieldsets choose the fields
        formfield_callback = with_url_overrides

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.capabilities = list(Capability.objects.all())  # in display order (Meta.ordering)
        held = {}
        if self.instance.pk:
            held = {row.capability_id: row for row in self.instance.product_capabilities.all()}
        for capability in self.capabilities:
            self._add_cell_fields(capability, held.get(capability.pk))

    def _add_cell_fields(self, capability, row):
        def labelled(text):
            label = f"{text}: {capability.name}"
            # The matrix shows no label per cell: the row says which capability it is.
            return {"label": label, "required": False}, {"aria-label": label}

        Status = ProductCapability.Status
        self.fields[self.cell_name(capability, "status")] = forms.ChoiceField(
            label=capability.name,
            choices=Status.choices,
            initial=row.status if row else Status.UNKNOWN,
            widget=forms.RadioSelect,
            required=False,  # nothing sent reads as «нет данных», never as «нет»
        )
        options, attrs = labelled(_("Примечание"))
        self.fields[self.cell_name(capability, "note")] = forms.CharField(
            max_length=NOTE_MAX_LENGTH,
            initial=row.note if row else "",
            widget=forms.TextInput(attrs=attrs),
            **options,
        )
        options, attrs = labelled(_("Откуда известно"))
        self.fields[self.cell_name(capability, "basis")] = forms.ChoiceField(
            choices=[("", "—"), *ProductCapability.Basis.choices],
            initial=row.basis if row else "",
            widget=forms.Select(attrs=attrs),
            **options,
        )
        options, attrs = labelled(_("Источник"))
        self.fields[self.cell_name(capability, "source_url")] = forms.URLField(
            max_length=500,
            assume_scheme="https",
            initial=row.source_url if row else "",
            widget=forms.URLInput(attrs=attrs),
            **options,
        )
        options, attrs = labelled(_("Сверено"))
        self.fields[self.cell_name(capability, "checked_on")] = forms.DateField(
            initial=row.checked_on if row else None,
            widget=forms.DateInput(attrs={**attrs, "type": "date"}, format="%Y-%m-%d"),
            **options,
        )

    @staticmethod
    def cell_name(capability, part):
        return f"capability_{capability.pk}" + ("" if part == "status" else f"_{part}")

    def column_fields(self):
        """The source for the whole column, as bound fields."""
        return [self[name] for name in ("column_basis", "column_source_url", "column_checked_on")]

    def capability_groups(self):
        """[(group label, [MatrixRow])] for the template."""
        rows = [
            MatrixRow(
                capability,
                {
                    part: self[self.cell_name(capability, part)]
                    for part in ProductCapability.CELL_FIELDS
                },
            )
            for capability in self.capabilities
        ]
        return group_by_capability(rows, capability_of=lambda row: row.capability)

    def clean(self):
        cleaned = super().clean()
        column = self._column_source(cleaned)
        for capability in self.capabilities:
            own = [cleaned.get(self.cell_name(capability, part)) for part in _SOURCE_PARTS]
            status, _note, _basis, url, checked_on = self._cell(cleaned, capability, column)
            if status == ProductCapability.Status.UNKNOWN and any(own):
                self.add_error(
                    self.cell_name(capability, "status"),
                    _("У отметки «нет данных» нет источника: выберите «есть» или «нет»."),
                )
            elif checked_on and not url:
                self.add_error(
                    self.cell_name(capability, "checked_on"),
                    _("Дата сверки бывает только вместе с адресом источника."),
                )
        return cleaned

    @staticmethod
    def _column_source(cleaned):
        return (
            cleaned.get("column_basis") or "",
            cleaned.get("column_source_url") or "",
            cleaned.get("column_checked_on"),
        )

    def _cell(self, cleaned, capability, column):
        """(status, note, basis, url, checked_on) of one row, the column's source filling a
        marked row that has none of its own."""

        def value(part, default=""):
            return cleaned.get(self.cell_name(capability, part)) or default

        status = value("status", ProductCapability.Status.UNKNOWN)
        source = (value("basis"), value("source_url"), value("checked_on", None))
        if status == ProductCapability.Status.UNKNOWN:
            source = ("", "", None)
        elif not any(source):
            source = column
        return (status, value("note").strip(), *source)

    def capability_marks(self):
        """{Capability: (status, note, basis, source_url, checked_on)} for every capability:
        a cell nobody marked is recorded as "нет данных"."""
        column = self._column_source(self.cleaned_data)
        return {
            capability: self._cell(self.cleaned_data, capability, column)
            for capability in self.capabilities
        }
