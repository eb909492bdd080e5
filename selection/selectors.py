"""Reads of the wizard over the catalog's models: the candidates it ranks, the details of
the shown few, the exchange rates, and what relaxing requirements would bring back. The hard
requirements go through the catalog's ProductFilter (?match=all: those that surely or
possibly meet them), so the wizard and the catalog list never disagree."""

from itertools import combinations

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
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
from core import search
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


def _plan(row):
    return Plan(
        row["name"],
        row["amount"],
        row["currency"],
        row["per"],
        row["period"],
        row["min_users"],
        row["max_users"],
    )


def candidates(params, capability_pks, criteria_total):
    """What the wizard ranks (selection/scoring.py) as Candidate tuples: every product that
    surely or possibly meets the hard requirements, with what scoring reads — the asked
    capabilities' cells, the price plans, and how many of the catalog's `criteria_total` CRM
    criteria it is known to meet and to lack (its class by the data,
    catalog/classification.py).

    Three queries, each one pass over its table for all candidates at once: the products,
    their cells counted and the asked ones listed (one GROUP BY), their price plans. Not
    correlated subqueries per product: at 50,000 products those were five index lookups for
    each of ~27,000 candidates (docs/performance.md). The cells and plans are read for the
    products' ids as one array (core.search.among), not for the filter as a subquery: on a
    fresh database without statistics the planner ran that subquery once per cell row (seen:
    minutes for the buyer cases in CI)."""
    products = ProductFilter(as_query({**params, "match": [Match.ALL]})).qs.order_by()
    rows = list(
        products.annotate(
            family=Coalesce("edition_of_id", "pk"), class_tasks=F("product_class__tasks")
        ).values_list(
            "pk",
            "name",
            "family",
            "class_tasks",
            "deployment",
            "russia_availability",
            "registry_status",
            "data_location",
            "has_free_plan",
            "free_plan_max_users",
            "pricing_model",
            "price_amount",
            "price_currency",
        )
    )
    pks = [row[0] for row in rows]
    cells = _cells_by_product(pks, capability_pks)
    plans = _plans_by_product(pks)
    result = []
    for pk, name, family, tasks, *facts in rows:
        met, missing, breadth, asked = cells.get(pk, (0, 0, 0, {}))
        result.append(
            scoring.Candidate(
                pk,
                name,
                family,
                tuple(tasks or ()),
                _profile(met, missing, criteria_total),
                *facts,
                cells=asked,
                plans=plans.get(pk, ()),
                breadth=breadth,
            )
        )
    return result


def _cells_by_product(product_pks, capability_pks):
    """{product pk: (CRM criteria met, CRM criteria lacking, capabilities it has, {asked
    capability pk: status})} of the products `product_pks` that have cells."""
    confirmed, absent = Q(status=CellStatus.CONFIRMED), Q(status=CellStatus.ABSENT)
    criterion, asked = Q(capability__is_crm_criterion=True), Q(capability__in=capability_pks)
    rows = (
        ProductCapability.objects.filter(search.among(product_pks, "product"))
        .order_by()
        .values("product")
        .annotate(
            met=Count("pk", filter=confirmed & criterion),
            missing=Count("pk", filter=absent & criterion),
            breadth=Count("pk", filter=confirmed),
            # Both in the capability's order, so that they pair up when zipped.
            asked_pks=ArrayAgg(
                "capability", filter=asked, order_by="capability", default=Value([])
            ),
            asked_statuses=ArrayAgg(
                "status", filter=asked, order_by="capability", default=Value([])
            ),
        )
        .values_list("product", "met", "missing", "breadth", "asked_pks", "asked_statuses")
    )
    return {
        product: (met, missing, breadth, dict(zip(pks, statuses, strict=True)))
        for product, met, missing, breadth, pks, statuses in rows
    }


def _plans_by_product(product_pks):
    """{product pk: (Plan, …)} of the products `product_pks`."""
    plans = {}
    rows = PricePlan.objects.filter(search.among(product_pks, "product")).order_by("product", "pk")
    for row in rows.values(
        "product", "name", "amount", "currency", "per", "period", "min_users", "max_users"
    ):
        plans.setdefault(row["product"], []).append(_plan(row))
    return {product: tuple(product_plans) for product, product_plans in plans.items()}


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
