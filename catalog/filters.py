"""The catalog list's FilterSet: the GET parameters of /catalog/ from the URL map.

A bad parameter never fails the page: the filter is dropped (strict = False in the view) and
catalog/filter_summary.py explains why in Russian. Repeatable parameters keep their known
values and drop only the unknown ones, so one typo in a shared link does not silently widen
the whole result.
"""

import django_filters
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.http import QueryDict
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from catalog.conditions import (
    AVAILABILITY_CHOICES,
    CHOICE_CONDITIONS,
    CURRENT_VALUE,
    DATA_IN_RUSSIA_VALUE,
    DEPLOYMENT_CHOICES,
    EXCLUDE_SFA_VALUE,
    FREE_PLAN_VALUE,
    REGISTRY_VALUE,
    capability_condition,
    free_for_condition,
    need_condition,
)
from catalog.filter_fields import (
    CatalogQueryForm,
    KnownSlugsFilter,
    NeedsFilter,
    PriceFilter,
    SearchFilter,
)
from catalog.models import Capability, Product, ProductClass, Vendor
from core import search

PRICE_LIMIT = 10**9
FREE_FOR_LIMIT = 100_000

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


class Match:
    """Which of the wizard's groups a list shows (?match=): the products that surely meet
    the hard filters (the default), those that possibly do (some нет данных, nothing known
    to fail), or both."""

    SURE = ""
    POSSIBLE = "possible"
    ALL = "all"
    CHOICES = [
        (POSSIBLE, gettext_lazy("могут подойти: по части требований нет данных")),
        (ALL, gettext_lazy("подходят или могут подойти")),
    ]


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
    need = NeedsFilter(method="filter_need", label=gettext_lazy("Потребности"))
    free_for = django_filters.NumberFilter(
        method="filter_free_for",
        label=gettext_lazy("Бесплатно для пользователей"),
        min_value=1,
        max_value=FREE_FOR_LIMIT,
    )
    lifecycle = django_filters.ChoiceFilter(
        method="filter_choice",
        label=gettext_lazy("Развитие продукта"),
        choices=[(CURRENT_VALUE, gettext_lazy("только развивающиеся"))],
    )
    match = django_filters.ChoiceFilter(
        method="keep", label=gettext_lazy("Группа подбора"), choices=Match.CHOICES
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
        "free_for",
        "need",
        "lifecycle",
        "match",
    )
    MULTI_VALUED = ("capability", "tag", "need")
    # Filters whose value can be known or unknown: in ?match=possible they keep the products
    # the catalog has no data on (catalog/conditions.py).
    HARD = ("capability", "need", "availability", "registry", "data", "free_plan", "free_for")

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
        # matches are read once, since the facets rebuild the queryset seven times, and
        # given to each query as one array (docs/search.md).
        if getattr(self, "_q_condition", None) is None:
            self._q_condition = search.among(Product.objects.matching_pks(value))
        return queryset.filter(self._q_condition)

    @property
    def match_mode(self):
        return self.cleaned.get("match") or Match.SURE

    def hard_conditions(self):
        """The Condition (sure and possible form) of every active hard filter."""
        cleaned, conditions = self.cleaned, []
        for name in self.HARD:
            value = cleaned.get(name)
            if value in (None, "", []):
                continue
            if name == "capability":
                conditions += [capability_condition(c) for c in value]
            elif name == "need":
                conditions += [need_condition(need.slug) for need in value]
            elif name == "free_for":
                conditions.append(free_for_condition(value))
            else:
                conditions.append(CHOICE_CONDITIONS[name][value])
        return conditions

    def _apply(self, queryset, conditions):
        form = "sure" if self.match_mode == Match.SURE else "possible"
        for condition in conditions:
            queryset = queryset.filter(getattr(condition, form))
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.match_mode == Match.POSSIBLE:
            sure = Q()
            for condition in self.hard_conditions():
                sure &= condition.sure
            queryset = queryset.exclude(sure)
        return queryset

    def filter_choice(self, queryset, name, value):
        return self._apply(queryset, [CHOICE_CONDITIONS[name][value]])

    def filter_capability(self, queryset, name, capabilities):
        # Every chosen capability must hold: one EXISTS per capability.
        return self._apply(queryset, [capability_condition(c) for c in capabilities])

    def filter_need(self, queryset, name, needs):
        return self._apply(queryset, [need_condition(need.slug) for need in needs])

    def filter_free_for(self, queryset, name, users):
        return self._apply(queryset, [free_for_condition(users)])

    def keep(self, queryset, name, value):
        return queryset  # ?match= changes how the other filters read (filter_queryset)

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
