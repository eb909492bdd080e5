"""Reads of the wizard over the catalog's models: the candidates it ranks, the details of
the shown few, and what relaxing a requirement would bring back. The hard requirements go
through the catalog's ProductFilter, so the wizard and the catalog list never disagree."""

from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.http import QueryDict

from catalog.filters import CHOICE_CONDITIONS, EXCLUDE_SFA_VALUE, ProductFilter, capability_q
from catalog.models import FactSource, Product, ProductCapability
from selection import relaxation, scoring


def as_query(params):
    """{name: [values]} as a QueryDict (for ProductFilter and for links)."""
    query = QueryDict(mutable=True)
    for name, values in params.items():
        query.setlist(name, values)
    return query


def candidates(params, capability_ids):
    """What the wizard ranks (selection/scoring.py) as Candidate tuples, one query: the
    products passing the hard requirements with their class kind, deployment, price, and
    which of the asked capabilities each is known to have."""
    confirmed = (
        ProductCapability.objects.confirmed()
        .filter(product=OuterRef("pk"), capability__in=capability_ids)
        .order_by()
        .values("capability_id")
    )
    rows = (
        ProductFilter(as_query(params))
        .qs.order_by()
        .annotate(class_kind=F("product_class__kind"), confirmed_ids=ArraySubquery(confirmed))
        .values_list(
            "pk",
            "name",
            "class_kind",
            "deployment",
            "pricing_model",
            "price_amount",
            "price_currency",
            "confirmed_ids",
        )
    )
    # The rows come in Candidate's field order.
    return [scoring.Candidate(*row) for row in rows]


def shown_products(candidates, capability_ids):
    """{pk: Product} of the shown results with what their cards add to the ranking data:
    vendor and class, the asked capabilities the catalog has no data on (`unknown_ids`) and
    the price's check date (`price_checked_on`)."""
    unknown = (
        ProductCapability.objects.filter(
            product=OuterRef("pk"),
            capability__in=capability_ids,
            status=ProductCapability.Status.UNKNOWN,
        )
        .order_by()
        .values("capability_id")
    )
    price_source = (
        FactSource.objects.filter(product=OuterRef("pk"), fact=FactSource.Fact.PRICE)
        .order_by()
        .values("checked_on")
    )
    products = (
        Product.objects.filter(pk__in=[candidate.pk for candidate in candidates])
        .select_related("vendor", "product_class")
        .annotate(unknown_ids=ArraySubquery(unknown), price_checked_on=Subquery(price_source))
    )
    return {product.pk: product for product in products}


def count_without_each(conditions):
    """{key: how many published products meet every condition except that key's}, in one
    query: how many products dropping one requirement would bring back."""
    aggregates = {}
    for key in conditions:
        others = Q()
        for other, condition in conditions.items():
            if other != key:
                others &= condition
        aggregates[f"n{len(aggregates)}"] = Count("pk", filter=others)
    counts = Product.objects.published().aggregate(**aggregates) if aggregates else {}
    return {key: counts[f"n{index}"] for index, key in enumerate(conditions)}


@dataclass(frozen=True)
class Relaxation:
    constraint: relaxation.Constraint
    count: int  # products it brings back
    params: dict  # the visitor's answers without it


def best_relaxation(answers):
    """The hard requirement whose removal brings back the most products, or None."""
    requirements = answers.requirements
    constraints = relaxation.hard_constraints(requirements)
    params = scoring.filter_params(requirements)
    needs = {f"must:{need.slug}": need.pk for need in requirements.must}
    conditions = {
        constraint.key: capability_q(needs[constraint.key])
        if constraint.key in needs
        else CHOICE_CONDITIONS[constraint.key][params[constraint.key][0]]
        for constraint in constraints
    }
    if requirements.needs_crm:  # implied by the must-haves, never relaxed on its own
        conditions["sfa"] = CHOICE_CONDITIONS["sfa"][EXCLUDE_SFA_VALUE]
    counts = count_without_each(conditions)
    best = relaxation.best_relaxation([(c, counts[c.key]) for c in constraints])
    if best is None:
        return None
    constraint, count = best
    return Relaxation(constraint, count, relaxation.relaxed_answers(answers.params, constraint))
