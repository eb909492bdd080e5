"""The catalog list's FilterSet: the GET parameters of /catalog/ from the URL map.

A bad parameter never fails the page: the filter is dropped (strict = False in the view) and
catalog/filter_summary.py explains why in Russian. Repeatable parameters keep their known
values and drop only the unknown ones, so one typo in a shared link does not silently widen
the whole result.
"""

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Lower
from django.http import QueryDict
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from catalog.models import (
    Capability,
    DataLocation,
    Deployment,
    Product,
    ProductCapability,
    ProductClass,
    RegistryStatus,
    RussiaAvailability,
    Vendor,
)
from core.params import QueryForm, SlugsParam, TextParam

PRICE_LIMIT = 10**9
Q_MATCHES_AS_LIST = 1000

DEPLOYMENT_CHOICES = [
    (Deployment.CLOUD, gettext_lazy("Облако (SaaS)")),
    (Deployment.ON_PREMISE, gettext_lazy("Коробка (на своём сервере)")),
]
SORT_CHOICES = [
    ("name", gettext_lazy("по названию")),
    ("price", gettext_lazy("сначала дешёвые")),
    ("-price", gettext_lazy("сначала дорогие")),
    ("-updated", gettext_lazy("недавно обновлённые")),
]
# Names sort case-insensitively (amoCRM next to Asoft, not after Zoho); products without a
# public price go last either way.
SORT_ORDERINGS = {
    "name": (Lower("name"), "pk"),
    "price": (F("price_from").asc(nulls_last=True), Lower("name"), "pk"),
    "-price": (F("price_from").desc(nulls_last=True), Lower("name"), "pk"),
    "-updated": ("-updated_at", "pk"),
}
DEFAULT_ORDERING = SORT_ORDERINGS["name"]
FREE_PLAN_VALUE = "1"
AVAILABILITY_CHOICES = [
    (RussiaAvailability.AVAILABLE, gettext_lazy("продаётся в России")),
    (RussiaAvailability.SALES_SUSPENDED, gettext_lazy("продажи приостановлены")),
    (RussiaAvailability.WITHDRAWN, gettext_lazy("ушёл с рынка")),
    (RussiaAvailability.UNKNOWN, gettext_lazy("нет данных")),
]
REGISTRY_VALUE = "yes"
DATA_IN_RUSSIA_VALUE = "russia"
EXCLUDE_SFA_VALUE = "exclude"


def deployment_q(value):
    """A product deployed "both" ways matches either choice."""
    return Q(deployment__in=[value, Deployment.BOTH])


def data_in_russia_q():
    """Customer data can stay in Russia: the vendor's cloud is there, or the customer installs
    the product on its own servers (an on-premise edition exists)."""
    return Q(data_location__in=[DataLocation.RUSSIA, DataLocation.CUSTOMER_SERVERS]) | Q(
        deployment__in=[Deployment.ON_PREMISE, Deployment.BOTH]
    )


# The single-choice parameters: each value and the condition it stands for. The filters apply
# these conditions and the facets count them, all in one query (catalog/facets.py).
CHOICE_CONDITIONS = {
    "deployment": {value: deployment_q(value) for value, _label in DEPLOYMENT_CHOICES},
    "free_plan": {FREE_PLAN_VALUE: Q(has_free_plan=True)},
    "availability": {value: Q(russia_availability=value) for value, _label in AVAILABILITY_CHOICES},
    "registry": {REGISTRY_VALUE: Q(registry_status=RegistryStatus.YES)},
    "data": {DATA_IN_RUSSIA_VALUE: data_in_russia_q()},
    # The selection wizard sets it when a must-have is a CRM criterion.
    "sfa": {EXCLUDE_SFA_VALUE: ~Q(product_class__kind=ProductClass.Kind.SFA)},
}


def capability_q(capability):
    """Products known to have this capability: an EXISTS served by the
    catalog_productcapability_unique index on (product, capability)."""
    return Exists(
        ProductCapability.objects.confirmed().filter(product=OuterRef("pk"), capability=capability)
    )


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


class CatalogQueryForm(QueryForm):
    """The catalog list's parameters (ProductFilter builds its fields on this form)."""

    invalid_note = gettext_lazy("Фильтр «%(label)s» не применён: значение «%(value)s» не подходит.")
    repeated_note = gettext_lazy(
        "Параметр «%(label)s» указан несколько раз: учтено последнее значение."
    )


class PriceFilter(django_filters.NumberFilter):
    # Whole roubles: "5000.0" still parses, while "5e3" or "abc" is refused with a note.
    field_class = forms.IntegerField


class ProductFilter(django_filters.FilterSet):
    q = SearchFilter(method="filter_q", label=gettext_lazy("Поиск"))
    deployment = django_filters.ChoiceFilter(
        method="filter_choice", label=gettext_lazy("Развёртывание"), choices=DEPLOYMENT_CHOICES
    )
    capability = KnownSlugsFilter(
        method="filter_capability",
        label=gettext_lazy("Возможности"),
        queryset=Capability.objects.all(),
    )
    tag = KnownSlugsFilter(
        method="filter_tag",
        label=gettext_lazy("Теги"),
        # Articles share taggit's Tag table: only tags that products carry count here.
        queryset=Tag.objects.filter(
            taggit_taggeditem_items__content_type__app_label="catalog",
            taggit_taggeditem_items__content_type__model="product",
        ).distinct(),
    )
    vendor = django_filters.ModelChoiceFilter(
        field_name="vendor",
        label=gettext_lazy("Разработчик"),
        queryset=Vendor.objects.all(),
        to_field_name="slug",
    )
    price_max = PriceFilter(
        field_name="price_from",
        lookup_expr="lte",
        label=gettext_lazy("Цена до, ₽"),
        min_value=0,
        max_value=PRICE_LIMIT,
    )
    free_plan = django_filters.ChoiceFilter(
        method="filter_choice",
        label=gettext_lazy("Бесплатный тариф"),
        choices=[(FREE_PLAN_VALUE, gettext_lazy("есть бесплатный тариф"))],
    )
    availability = django_filters.ChoiceFilter(
        method="filter_choice",
        label=gettext_lazy("Доступность в России"),
        choices=AVAILABILITY_CHOICES,
    )
    registry = django_filters.ChoiceFilter(
        method="filter_choice",
        label=gettext_lazy("Реестр российского ПО"),
        choices=[(REGISTRY_VALUE, gettext_lazy("в реестре российского ПО"))],
    )
    data = django_filters.ChoiceFilter(
        method="filter_choice",
        label=gettext_lazy("Хранение данных"),
        choices=[(DATA_IN_RUSSIA_VALUE, gettext_lazy("данные можно хранить в России"))],
    )
    sfa = django_filters.ChoiceFilter(
        method="filter_choice",
        label=gettext_lazy("Класс"),
        choices=[(EXCLUDE_SFA_VALUE, gettext_lazy("без SFA-систем"))],
    )
    sort = django_filters.ChoiceFilter(
        method="sort_by", label=gettext_lazy("Сортировка"), choices=SORT_CHOICES
    )

    # Order in which chips and notes appear, mirroring the facet column.
    PARAMS = (
        "q",
        "class",
        "deployment",
        "availability",
        "registry",
        "data",
        "sfa",
        "capability",
        "tag",
        "vendor",
        "price_max",
        "free_plan",
    )
    MULTI_VALUED = ("capability", "tag")

    class Meta:
        model = Product
        fields = []
        form = CatalogQueryForm

    @classmethod
    def get_filters(cls):
        # "class" is a Python keyword, so it cannot be a declared attribute.
        filters = super().get_filters()
        filters["class"] = django_filters.ModelChoiceFilter(
            field_name="product_class",
            label=gettext_lazy("Класс"),
            queryset=ProductClass.objects.all(),
            to_field_name="slug",
        )
        return filters

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = Product.objects.published().order_by(*DEFAULT_ORDERING)
        # A bound FilterSet validates; an empty query string simply shows everything.
        super().__init__(data if data is not None else QueryDict(), queryset, **kwargs)

    def filter_q(self, queryset, name, value):
        # The site search's engine (core/search.py), so the list and /search/ agree. The
        # matches are read once, since the facets rebuild the queryset seven times. A long
        # list (a word in nearly every name) goes back to the subquery: the words found
        # something, so no costly similarity is computed, and the list would cost more to
        # send than the subquery to run (docs/search.md).
        if getattr(self, "_q_matches", None) is None:
            self._q_matches = Product.objects.matching_pks(value)
        if len(self._q_matches) > Q_MATCHES_AS_LIST:
            return queryset.search(value)
        return queryset.filter(pk__in=self._q_matches)

    def filter_choice(self, queryset, name, value):
        return queryset.filter(CHOICE_CONDITIONS[name][value])

    def filter_capability(self, queryset, name, capabilities):
        # Every chosen capability must hold: one EXISTS per capability.
        for capability in capabilities:
            queryset = queryset.filter(capability_q(capability))
        return queryset

    def filter_tag(self, queryset, name, tags):
        for tag in tags:
            queryset = queryset.filter(tags=tag)
        return queryset

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORT_ORDERINGS[value])

    @property
    def cleaned(self):
        """The valid parameters only (validating the form on first use)."""
        self.is_valid()
        return self.form.cleaned_data

    def queryset_without(self, *names):
        """The result with every active filter except `names`: the base of a facet's counts."""
        queryset = self.queryset.all()
        for name, value in self.cleaned.items():
            if name not in names:
                queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by()
