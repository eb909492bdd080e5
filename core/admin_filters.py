"""Sidebar filters for long choice lists in the admin.

Django's related-field filter lists every value: 237 vendors make a sidebar taller than the
list itself. A text box that matches by name scales to any number of them.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class NameContainsFilter(admin.SimpleListFilter):
    """Keeps rows whose `lookup` contains the typed text (case-insensitive).

    Subclass with title, parameter_name and lookup, e.g. lookup = "vendor__name".
    """

    template = "admin/name_contains_filter.html"
    lookup = None

    def lookups(self, request, model_admin):
        # SimpleListFilter shows itself only when there are choices; the box is the choice.
        return [("", "")]

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        text = (self.value() or "").strip()[:100]
        if text:
            return queryset.filter(**{f"{self.lookup}__icontains": text})
        return queryset

    def choices(self, changelist):
        # The template needs the current text and the other parameters to keep.
        yield {
            "value": self.value() or "",
            "parameter_name": self.parameter_name,
            # Everything else in the address (other filters, search, order), not the page.
            "other_params": [
                (key, value)
                for key, values in changelist.params.items()
                if key not in (self.parameter_name, "p")
                for value in (values if isinstance(values, list) else [values])
            ],
            "placeholder": _("часть названия"),
        }
