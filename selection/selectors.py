"""Reads of the wizard over the catalog's models: the candidates it ranks, the details of
the shown few, the exchange rates, and what relaxing requirements would bring back. The hard
requirements go through the catalog's ProductFilter (?match=all: those that surely or
possibly meet them), so the wizard and the catalog list never disagree."""

from decimal import Decimal
from itertools import combinations

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce, JSONObject
from django.http import QueryDict

from catalog.classification import majority
from catalog.conditions import (
    CHOICE_CONDITIONS,
    capability_condition,
    free_for_condition,
    need_condition,
)
from catalog.filters import Match, ProductFilter
from catalog.models import (
    CellStatus,
    ExchangeRate,
    FactSource,
    PricePlan,
    Product,
    ProductCapability,
)
from selection import relaxation, scoring
from selection.prices import Plan, Rate, Rates

# How many requirements a relaxation may drop at once (the counts grow as pairs).
RELAX_AT_ONCE = 2


def as_query(params):
    """{name: [values]} as a QueryDict (for ProductFilter and for links)."""
    query = QueryDict(mutable=True)
    for name, values in params.items():
        query.setlist(name, values)
    return query


def _profile(met, missing, total):
    if total and met >= majority(total):
        return "crm"
    if total and missing >= majority(total):
        return "sfa"
    return "undecided"


def _criteria_count(status):
    return _capabilities_count(status, capability__is_crm_criterion=True)


def _capabilities_count(status, **conditions):
    rows = ProductCapability.objects.filter(product=OuterRef("pk"), status=status, **conditions)
    counted = rows.order_by().values("product").annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted), 0)


def _plan(row):
    return Plan(
        row["name"],
        Decimal(str(row["amount"])),
        row["currency"],
        row["per"],
        row["period"],
        row["min_users"],
        row["max_users"],
    )


def candidates(params, capability_pks, criteria_total):
    """What the wizard ranks (selection/scoring.py) as Candidate tuples, in one query: every
    product that surely or possibly meets the hard requirements, with what scoring reads —
    the asked capabilities' cells, the price plans, and how many of the catalog's
    `criteria_total` CRM criteria it is known to meet and to lack (its class by the data,
    catalog/classification.py)."""
    cells = (
        ProductCapability.objects.filter(product=OuterRef("pk"), capability__in=capability_pks)
        .order_by()
        .values(row=JSONObject(c="capability_id", s="status"))
    )
    plans = (
        PricePlan.objects.filter(product=OuterRef("pk"))
        .order_by()
        .values(
            row=JSONObject(
                name="name",
                amount="amount",
                currency="currency",
                per="per",
                period="period",
                min_users="min_users",
                max_users="max_users",
            )
        )
    )
    rows = (
        ProductFilter(as_query({**params, "match": [Match.ALL]}))
        .qs.order_by()
        .annotate(
            family=Coalesce("edition_of_id", "pk"),
            class_tasks=F("product_class__tasks"),
            criteria_met=_criteria_count(CellStatus.CONFIRMED),
            criteria_missing=_criteria_count(CellStatus.ABSENT),
            breadth=_capabilities_count(CellStatus.CONFIRMED),
            cell_rows=ArraySubquery(cells),
            plan_rows=ArraySubquery(plans),
        )
        .values_list(
            "pk",
            "name",
            "family",
            "class_tasks",
            "criteria_met",
            "criteria_missing",
            "deployment",
            "russia_availability",
            "registry_status",
            "data_location",
            "has_free_plan",
            "free_plan_max_users",
            "pricing_model",
            "price_amount",
            "price_currency",
            "cell_rows",
            "plan_rows",
            "breadth",
        )
    )
    result = []
    for pk, name, family, tasks, met, missing, *facts, cell_rows, plan_rows, breadth in rows:
        result.append(
            scoring.Candidate(
                pk,
                name,
                family,
                tuple(tasks or ()),
                _profile(met, missing, criteria_total),
                *facts,
                cells={cell["c"]: cell["s"] for cell in cell_rows or ()},
                plans=tuple(_plan(plan) for plan in plan_rows or ()),
                breadth=breadth,
            )
        )
    return result


def rates():
    """The newest Bank of Russia rate of each currency the editors recorded (one query)."""
    newest = {}
    for rate in ExchangeRate.objects.order_by("currency", "-on_date"):
        newest.setdefault(rate.currency, Rate(rate.rub_per_unit, rate.on_date))
    return Rates(newest)


def shown_products(pks):
    """{pk: Product} of the shown results with what their cards add to the ranking data:
    vendor, class, lineage and editions, and the price's check date (`price_checked_on`)."""
    price_source = (
        FactSource.objects.filter(product=OuterRef("pk"), fact=FactSource.Fact.PRICE)
        .order_by()
        .values("checked_on")
    )
    products = (
        Product.objects.filter(pk__in=pks)
        .select_related("vendor", "product_class", "edition_of")
        .annotate(price_checked_on=Subquery(price_source))
    )
    return {product.pk: product for product in products}


def _condition(requirements, constraint):
    """The sure form of one hard requirement (relaxation.Constraint)."""
    kind, _sep, key = constraint.key.partition(":")
    if kind == "must":
        need = next(n for n in requirements.must if n.slug == key)
        if need.is_group:
            return need_condition(need.slug).sure
        return capability_condition(need.capability_pks[0]).sure
    if kind == "free":
        users = requirements.users or 1
        return (
            free_for_condition(users).sure
            if users > 1
            else CHOICE_CONDITIONS["free_plan"]["1"].sure
        )
    value = {"availability": "available", "registry": "yes", "data": "russia"}.get(kind)
    if kind == "deployment":
        value = requirements.deployment
    return CHOICE_CONDITIONS[kind][value].sure


def relaxation_counts(requirements):
    """[(constraints, products that would surely meet every other hard requirement)] for each
    hard requirement and each pair of them, in one query."""
    constraints = relaxation.hard_constraints(requirements)
    conditions = {c.key: _condition(requirements, c) for c in constraints}
    current = CHOICE_CONDITIONS["lifecycle"]["current"].sure
    subsets = [
        subset
        for size in range(1, RELAX_AT_ONCE + 1)
        for subset in combinations(constraints, size)
        if size < len(constraints) or size == 1
    ]
    aggregates = {}
    for index, subset in enumerate(subsets):
        dropped = {c.key for c in subset}
        kept = current
        for key, condition in conditions.items():
            if key not in dropped:
                kept &= condition
        aggregates[f"n{index}"] = Count("pk", filter=kept)
    counts = Product.objects.published().aggregate(**aggregates) if aggregates else {}
    return [(subset, counts[f"n{index}"]) for index, subset in enumerate(subsets)]


def slugs(pks):
    """(pk, slug) pairs of these products."""
    return Product.objects.filter(pk__in=pks).values_list("pk", "slug")
