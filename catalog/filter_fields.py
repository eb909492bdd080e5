"""The fields behind the catalog list's parameters (catalog/filters.py): lenient, so a bad
value is dropped with a Russian note (core.params.QueryForm), never an error page."""

from typing import NamedTuple

import django_filters
from django import forms
from django.utils.translation import gettext_lazy

from catalog.models import Capability
from core.params import QueryForm, SlugsParam, TextParam


def known_slugs(queryset):
    """SlugsParam's lookup over `queryset`: {slug: row} of the slugs that exist."""
    return lambda slugs: {row.slug: row for row in queryset.filter(slug__in=slugs)}


UNKNOWN_NOTE = gettext_lazy("Не найдено и не учтено в фильтре «%(label)s»: %(values)s.")


class KnownSlugsFilter(django_filters.Filter):
    field_class = SlugsParam

    def __init__(self, *, queryset, **kwargs):
        super().__init__(known=known_slugs(queryset), unknown_note=UNKNOWN_NOTE, **kwargs)


class SearchFilter(django_filters.CharFilter):
    field_class = TextParam

    def __init__(self, **kwargs):
        cut = gettext_lazy("Поисковый запрос слишком длинный: учтены первые %(n)d символов.")
        super().__init__(cut_note=cut, **kwargs)


class NeedsFilter(KnownSlugsFilter):
    """?need=telephony: needs several capabilities meet (Capability.need)."""

    def __init__(self, **kwargs):
        super(KnownSlugsFilter, self).__init__(
            known=_known_needs, unknown_note=UNKNOWN_NOTE, **kwargs
        )


class Need(NamedTuple):
    """A need several capabilities meet (Capability.need), as the list's filters show it."""

    slug: str
    label: str

    def __str__(self):
        return self.label or self.slug


def _known_needs(keys):
    found = Capability.objects.filter(need__in=keys).values_list("need", "need_label")
    return {key: Need(key, label) for key, label in found}


class CatalogQueryForm(QueryForm):
    """The catalog list's parameters (ProductFilter builds its fields on this form)."""

    invalid_note = gettext_lazy("Фильтр «%(label)s» не применён: значение «%(value)s» не подходит.")
    repeated_note = gettext_lazy(
        "Параметр «%(label)s» указан несколько раз: учтено последнее значение."
    )


class PriceFilter(django_filters.NumberFilter):
    # Whole roubles: "5000.0" still parses, while "5e3" or "abc" is refused with a note.
    field_class = forms.IntegerField
