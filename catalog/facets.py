"""Facet counts for the catalog list.

Each count says how many products the list would show after picking that option, so it
respects every OTHER active filter (standard faceting). Single-choice facets (class, vendor,
deployment, free plan) are counted without their own filter; the all-must-hold facets
(capabilities, tags) narrow the current result. Seven queries in all, whatever the catalog size:
one GROUP BY per facet, one conditional aggregate for deployment and free plan,
and the class and capability lists (so options with no products still show, greyed out).
Counting from the product side (GROUP BY over the matching rows) measured 2-3x faster than
annotating every option with a filtered COUNT; see docs/performance.md.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from taggit.models import TaggedItem

from catalog.capability_groups import group_by_capability
from catalog.filters import DEPLOYMENT_CHOICES, FREE_PLAN_VALUE, deployment_q
from catalog.models import Capability, Deployment, ProductCapability, ProductClass

TAG_FACET_LIMIT = 20
VENDOR_FACET_LIMIT = 100


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facets:
    classes: list = field(default_factory=list)
    classes_total: int = 0
    deployments: list = field(default_factory=list)
    deployments_total: int = 0
    capability_groups: list = field(default_factory=list)  # [(group label, [Option])]
    vendors: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    free_plan: Option | None = None


def build_facets(filterset):
    result = filterset.queryset_without().values("pk")
    facets = Facets(
        classes=class_options(filterset),
        capability_groups=capability_options(filterset, result),
        vendors=vendor_options(filterset),
        tags=tag_options(filterset, result),
    )
    facets.classes_total = sum(option.count for option in facets.classes)
    add_deployment_and_free_plan(filterset, facets)
    return facets


def _selected_slugs(filterset, name):
    value = filterset.cleaned.get(name)
    if value is None:
        return set()
    if isinstance(value, list):
        return {obj.slug for obj in value}
    return {value.slug}


def _grouped(queryset, column):
    rows = queryset.order_by().values(column).annotate(n=Count("*"))
    return {row[column]: row["n"] for row in rows}


def class_options(filterset):
    chosen = _selected_slugs(filterset, "class")
    counts = _grouped(filterset.queryset_without("class"), "product_class_id")
    return [
        Option(c.slug, c.name, counts.get(c.pk, 0), c.slug in chosen)
        for c in ProductClass.objects.all()
    ]


def capability_options(filterset, result):
    chosen = _selected_slugs(filterset, "capability")
    counts = _grouped(ProductCapability.objects.filter(product__in=result), "capability_id")
    options = [
        (c, Option(c.slug, c.name, counts.get(c.pk, 0), c.slug in chosen))
        for c in Capability.objects.all()
    ]
    groups = group_by_capability(options, capability_of=lambda pair: pair[0])
    return [(label, [option for _c, option in pairs]) for label, pairs in groups]


def vendor_options(filterset):
    chosen = _selected_slugs(filterset, "vendor")
    rows = (
        filterset.queryset_without("vendor")
        .values("vendor__slug", "vendor__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "vendor__name")[:VENDOR_FACET_LIMIT]
    )
    options = sorted(
        (
            Option(
                row["vendor__slug"], row["vendor__name"], row["n"], row["vendor__slug"] in chosen
            )
            for row in rows
        ),
        key=lambda option: option.label.casefold(),
    )
    # A chosen vendor outside the top list still needs its option, to be deselected.
    vendor = filterset.cleaned.get("vendor")
    if vendor and vendor.slug not in {option.value for option in options}:
        options.insert(0, Option(vendor.slug, vendor.name, 0, True))
    return options


def tag_options(filterset, result):
    chosen = _selected_slugs(filterset, "tag")
    rows = (
        TaggedItem.objects.filter(
            content_type__app_label="catalog",
            content_type__model="product",
            object_id__in=result,
        )
        .values("tag__slug", "tag__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "tag__name")[:TAG_FACET_LIMIT]
    )
    options = [
        Option(row["tag__slug"], row["tag__name"], row["n"], row["tag__slug"] in chosen)
        for row in rows
    ]
    # A chosen tag missing from the top list still needs its checkbox, to be unticked.
    shown = {option.value for option in options}
    return options + [
        Option(tag.slug, tag.name, 0, True)
        for tag in filterset.cleaned.get("tag", [])
        if tag.slug not in shown
    ]


def add_deployment_and_free_plan(filterset, facets):
    # One pass over the products matching every other filter: each facet's count adds the
    # other facet's condition, so the two still respect each other.
    cleaned = filterset.cleaned
    chosen_deployment = cleaned.get("deployment") or ""
    free_chosen = cleaned.get("free_plan") == FREE_PLAN_VALUE
    free_q = Q(has_free_plan=True) if free_chosen else Q()
    deployment_filter = deployment_q(chosen_deployment) if chosen_deployment else Q()
    counts = filterset.queryset_without("deployment", "free_plan").aggregate(
        any_deployment=Count("pk", filter=free_q),
        cloud=Count("pk", filter=deployment_q(Deployment.CLOUD) & free_q),
        on_premise=Count("pk", filter=deployment_q(Deployment.ON_PREMISE) & free_q),
        free=Count("pk", filter=Q(has_free_plan=True) & deployment_filter),
    )
    keys = {Deployment.CLOUD: "cloud", Deployment.ON_PREMISE: "on_premise"}
    facets.deployments = [
        Option(value, label, counts[keys[value]], value == chosen_deployment)
        for value, label in DEPLOYMENT_CHOICES
    ]
    facets.deployments_total = counts["any_deployment"]
    facets.free_plan = Option(
        FREE_PLAN_VALUE, _("Есть бесплатный тариф"), counts["free"], free_chosen
    )
