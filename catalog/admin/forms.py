"""The product form of the admin: every capability on one screen, grouped as on the site.

A product has 30-odd possible capabilities. Instead of an inline of one select per row, the
form carries, for every capability, a choice (— / есть / нет данных) and a note, drawn as a
grouped matrix (templates/admin/catalog/product/_capability_matrix.html). Saving turns the
choices into ProductCapability rows through catalog.services.set_capabilities, as an
import does.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.capability_groups import group_by_capability
from catalog.models import Capability, Product, ProductCapability

NOTE_MAX_LENGTH = ProductCapability._meta.get_field("note").max_length
# Editors paste bare domains; make them https:// rather than Django 5's http:// default.
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


def with_url_overrides(db_field, **kwargs):
    """A model field's form field as the admin makes it: for the form class itself, which
    Django builds before the admin's formfield_overrides come into play."""
    return db_field.formfield(**{**URL_FIELD_OVERRIDES.get(type(db_field), {}), **kwargs})


class ProductAdminForm(forms.ModelForm):
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
            row = held.get(capability.pk)
            self.fields[self.status_name(capability)] = forms.ChoiceField(
                label=capability.name,
                required=False,
                choices=[("", _("—")), *ProductCapability.Status.choices],
                initial=row.status if row else "",
            )
            note_label = _("Примечание: %(name)s") % {"name": capability.name}
            self.fields[self.note_name(capability)] = forms.CharField(
                label=note_label,
                required=False,
                max_length=NOTE_MAX_LENGTH,
                initial=row.note if row else "",
                # The matrix shows no label per note: the row says which capability it is.
                widget=forms.TextInput(attrs={"aria-label": note_label}),
            )

    @staticmethod
    def status_name(capability):
        return f"capability_{capability.pk}"

    @staticmethod
    def note_name(capability):
        return f"capability_{capability.pk}_note"

    def capability_groups(self):
        """[(group label, [(capability, status field, note field)])] for the template."""
        rows = [
            (capability, self[self.status_name(capability)], self[self.note_name(capability)])
            for capability in self.capabilities
        ]
        return group_by_capability(rows, capability_of=lambda row: row[0])

    def clean(self):
        cleaned = super().clean()
        for capability in self.capabilities:
            note = (cleaned.get(self.note_name(capability)) or "").strip()
            if note and not cleaned.get(self.status_name(capability)):
                self.add_error(
                    self.note_name(capability),
                    _("Примечание без отметки: выберите «есть» или «нет данных»."),
                )
        return cleaned

    def capability_marks(self):
        """{Capability: (status, note)} of the capabilities marked in the matrix."""
        marks = {}
        for capability in self.capabilities:
            status = self.cleaned_data.get(self.status_name(capability)) or ""
            if status:
                note = (self.cleaned_data.get(self.note_name(capability)) or "").strip()
                marks[capability] = (status, note)
        return marks
