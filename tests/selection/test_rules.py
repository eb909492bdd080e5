"""The selection wizard's scoring, rule by rule (catalog/selection.py: plain objects, no DB)."""

import datetime
from decimal import Decimal

from catalog.models import Currency, Deployment, PricingModel, ProductClass, SelectionTask
from selection.relaxation import Constraint, best_relaxation, hard_constraints, relaxed_answers
from selection.scoring import (
    NO,
    UNKNOWN,
    YES,
    Candidate,
    Need,
    Requirements,
    cost_for,
    explain,
    filter_params,
    rank,
)

FUNNEL = Need(1, "funnel-snapshot", "Воронка продаж")
PBX = Need(2, "pbx-integration", "Интеграция с АТС")
COMPLAINTS = Need(3, "complaint-handling", "Работа с жалобами", is_crm_criterion=True)


def candidate(**fields):
    defaults = {
        "pk": 1,
        "name": "Продукт",
        "class_kind": ProductClass.Kind.SFA,
        "deployment": Deployment.CLOUD,
    }
    return Candidate(**{**defaults, **fields})


def test_hard_requirements_become_product_filter_parameters():
    assert filter_params(Requirements()) == {"availability": ["available"]}
    params = filter_params(
        Requirements(
            must=(FUNNEL, COMPLAINTS), only_available=False, registry=True, data_in_russia=True
        )
    )
    assert params == {
        "capability": ["funnel-snapshot", "complaint-handling"],
        "registry": ["yes"],
        "data": ["russia"],
        "sfa": ["exclude"],  # a CRM criterion is a must-have: only CRM-systems qualify
    }


def test_a_crm_criterion_among_must_haves_needs_a_crm_system():
    assert not Requirements(must=(FUNNEL,), nice=(COMPLAINTS,)).needs_crm
    assert Requirements(must=(COMPLAINTS,)).needs_crm


def test_desired_capabilities_score_in_proportion_and_unknown_scores_nothing():
    requirements = Requirements(nice=(FUNNEL, PBX))
    both = explain(candidate(confirmed=frozenset({1, 2})), requirements)
    one = explain(candidate(confirmed=frozenset({1}), unknown=frozenset({2})), requirements)
    assert (both.fit, one.fit) == (100, 50)
    assert [(r.label, r.status) for r in one.reasons] == [
        ("Воронка продаж", YES),
        ("Интеграция с АТС", UNKNOWN),  # "нет данных": the catalog does not know
    ]


def test_the_class_fit_follows_the_task():
    sales = Requirements(task=SelectionTask.SALES)
    assert explain(candidate(class_kind=ProductClass.Kind.SFA), sales).fit == 100
    assert explain(candidate(class_kind=ProductClass.Kind.CRM), sales).fit == 60
    service = Requirements(task=SelectionTask.SERVICE)
    assert explain(candidate(class_kind=ProductClass.Kind.CRM), service).fit == 100
    assert explain(candidate(class_kind=ProductClass.Kind.SFA), service).fit == 0


def test_a_price_within_budget_scores_and_a_price_in_dollars_is_not_compared():
    requirements = Requirements(budget=1000, users=5)
    cheap = candidate(
        pricing_model=PricingModel.PER_USER_MONTH,
        price_amount=Decimal(900),
        price_currency=Currency.RUB,
    )
    dear = candidate(
        pricing_model=PricingModel.PER_USER_MONTH,
        price_amount=Decimal(1500),
        price_currency=Currency.RUB,
    )
    dollars = candidate(
        pricing_model=PricingModel.PER_USER_MONTH,
        price_amount=Decimal(25),
        price_currency=Currency.USD,
    )
    per_company = candidate(
        pricing_model=PricingModel.PER_COMPANY_MONTH,
        price_amount=Decimal(4000),
        price_currency=Currency.RUB,
    )
    statuses = [explain(c, requirements).reasons[-1].status for c in (cheap, dear, dollars)]
    assert statuses == [YES, NO, UNKNOWN]
    # 4 000 ₽ a month for the company is 800 ₽ per user for a team of five.
    assert explain(per_company, requirements).reasons[-1].status == YES
    assert explain(candidate(pricing_model=PricingModel.FREE), requirements).fit == 100
    assert explain(candidate(), requirements).reasons[-1].detail == "цена не найдена"


def test_deployment_fits_when_the_product_offers_it():
    cloud = Requirements(deployment=Deployment.CLOUD)
    assert explain(candidate(deployment=Deployment.BOTH), cloud).fit == 100
    reason = explain(candidate(deployment=Deployment.ON_PREMISE), cloud).reasons[-1]
    assert (reason.status, reason.detail) == (NO, "Коробка (на своём сервере)")


def test_the_fit_counts_only_the_questions_answered():
    requirements = Requirements(nice=(FUNNEL,), deployment=Deployment.CLOUD)
    # 40 points for the wish (missed) and 15 for the deployment (met): 15 of 55.
    assert explain(candidate(), requirements).fit == 27
    assert explain(candidate(), Requirements()).fit == 100


def test_it_ranks_by_fit_then_wishes_met_then_lower_known_price_then_name():
    requirements = Requirements(nice=(FUNNEL, PBX), task=SelectionTask.SALES)
    ranked = rank(
        [
            candidate(pk=1, name="Бета", confirmed=frozenset({1})),
            candidate(pk=2, name="Альфа", confirmed=frozenset({1})),
            candidate(
                pk=3,
                name="Вега",
                confirmed=frozenset({1}),
                pricing_model=PricingModel.PER_USER_MONTH,
                price_amount=Decimal(500),
                price_currency=Currency.RUB,
            ),
            candidate(pk=4, name="Гамма", confirmed=frozenset({1, 2})),
        ],
        requirements,
    )
    assert [c.name for c in ranked] == ["Гамма", "Вега", "Альфа", "Бета"]


def test_it_prices_the_stated_team_per_month_and_year_with_the_source_date():
    checked = datetime.date(2026, 8, 13)
    per_user = candidate(
        pricing_model=PricingModel.PER_USER_MONTH,
        price_amount=Decimal(25),
        price_currency=Currency.USD,
        price_checked_on=checked,
    )
    cost = cost_for(per_user, 5)
    assert (cost.monthly, cost.yearly, cost.currency, cost.checked_on) == (
        125,
        1500,
        "USD",
        checked,
    )
    licence = candidate(
        pricing_model=PricingModel.PERPETUAL_PER_USER,
        price_amount=Decimal(6500),
        price_currency=Currency.RUB,
    )
    assert cost_for(licence, 3).once == 19500
    assert cost_for(candidate(), 5) is None  # no price, no cost
    assert cost_for(per_user, None) is None  # no team size, no cost


def test_the_biggest_remover_is_relaxed_and_a_must_have_becomes_a_wish():
    requirements = Requirements(must=(FUNNEL, PBX), registry=True)
    constraints = hard_constraints(requirements)
    assert [c.key for c in constraints] == [
        "must:funnel-snapshot",
        "must:pbx-integration",
        "availability",
        "registry",
    ]
    counts = list(zip(constraints, [0, 7, 2, 3], strict=True))
    constraint, count = best_relaxation(counts)
    assert (constraint.key, count) == ("must:pbx-integration", 7)
    answers = {"must": ["funnel-snapshot", "pbx-integration"], "registry": ["yes"]}
    assert relaxed_answers(answers, constraint) == {
        "must": ["funnel-snapshot"],
        "registry": ["yes"],
        "nice": ["pbx-integration"],
    }
    assert relaxed_answers(answers, Constraint("registry", "")) == {
        "must": ["funnel-snapshot", "pbx-integration"]
    }
    assert relaxed_answers({}, Constraint("availability", "")) == {"availability": ["any"]}
    assert best_relaxation([(constraints[0], 0)]) is None
