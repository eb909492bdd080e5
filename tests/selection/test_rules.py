"""The selection wizard's rules, rule by rule (selection/scoring.py, prices.py, relaxation.py:
plain objects, no database)."""

import datetime
from decimal import Decimal

from catalog.models import CellStatus, Currency, Deployment, PricingModel, SelectionTask
from selection import relaxation
from selection.prices import Plan, Rate, Rates, cost_for, rub_per_user_month
from selection.scoring import (
    FAIL,
    MATCH,
    MAYBE,
    UNKNOWN,
    YES,
    Candidate,
    Need,
    Requirements,
    class_fit,
    explain,
    filter_params,
    rank,
)

FUNNEL = Need("funnel-snapshot", "Воронка продаж", (1,))
PBX = Need("pbx-integration", "Интеграция с АТС", (2,))
COMPLAINTS = Need("complaint-handling", "Работа с жалобами", (3,), is_crm_criterion=True)
BPM = Need("process-management", "Процессный подход (BPM)", (4,), is_crm_criterion=True)
TELEPHONY = Need("telephony", "Телефония", (2, 5), is_group=True)  # PBX or built-in (5)
RATES = Rates({Currency.USD: Rate(Decimal("76.04"), datetime.date(2026, 1, 23))})
Y, N, U = CellStatus.CONFIRMED, CellStatus.ABSENT, CellStatus.UNKNOWN


def candidate(**fields):
    defaults = {
        "pk": 1,
        "name": "Продукт",
        "family": fields.get("pk", 1),
        "class_tasks": ("sales", "marketing", "field"),
        "profile": "undecided",
        "deployment": Deployment.CLOUD,
        "russia_availability": "available",
    }
    return Candidate(**{**defaults, **fields})


def test_hard_requirements_become_product_filter_parameters():
    assert filter_params(Requirements()) == {
        "availability": ["available"],
        "lifecycle": ["current"],
    }
    params = filter_params(
        Requirements(
            must=(FUNNEL, COMPLAINTS, TELEPHONY),
            users=5,
            free_plan=True,
            deployment=Deployment.ON_PREMISE,
            only_available=False,
            registry=True,
            data_in_russia=True,
        )
    )
    assert params == {
        "capability": ["funnel-snapshot", "complaint-handling"],  # capabilities, never a class
        "need": ["telephony"],
        "deployment": ["on-premise"],
        "free_for": ["5"],
        "registry": ["yes"],
        "data": ["russia"],
        "lifecycle": ["current"],  # discontinued and renamed products are out by default
    }


def test_a_product_meets_may_meet_or_fails_the_hard_requirements():
    requirements = Requirements(must=(FUNNEL, PBX))
    assert explain(candidate(cells={1: Y, 2: Y}), requirements).outcome == MATCH
    maybe = explain(candidate(cells={1: Y}), requirements)  # PBX: нет данных, never "нет"
    assert maybe.outcome == MAYBE
    assert [(r.label, r.status) for r in maybe.to_check] == [("Интеграция с АТС", UNKNOWN)]
    assert explain(candidate(cells={1: Y, 2: N}), requirements).outcome == FAIL


def test_unknown_market_facts_make_a_product_possible_not_absent():
    requirements = Requirements(registry=True, data_in_russia=True)
    unknown = candidate(registry_status="unknown", data_location="unknown")
    assert explain(unknown, requirements).outcome == MAYBE
    listed = candidate(registry_status="yes", data_location="russia")
    assert explain(listed, requirements).outcome == MATCH
    assert explain(candidate(registry_status="no"), requirements).outcome == FAIL
    gone = candidate(russia_availability="withdrawn")
    assert explain(gone, Requirements()).outcome == FAIL
    assert explain(gone, Requirements(only_available=False)).outcome == MATCH


def test_a_capability_is_met_whatever_the_class():
    """An SFA-system with a process designer meets a BPM must-have: the class never excludes."""
    sfa_with_bpm = candidate(class_tasks=("sales",), profile="sfa", cells={4: Y})
    assert explain(sfa_with_bpm, Requirements(must=(BPM,))).outcome == MATCH


def test_a_crm_system_is_never_worse_than_an_sfa_system_at_sales():
    sales = Requirements(task=SelectionTask.SALES)
    crm = candidate(class_tasks=("sales", "service", "marketing", "lifecycle", "field"))
    sfa = candidate(class_tasks=("sales", "marketing", "field"))
    assert class_fit(crm, sales) == class_fit(sfa, sales) == 1.0
    service = Requirements(task=SelectionTask.SERVICE)
    desk = candidate(class_tasks=("service",))
    assert class_fit(desk, service) == 1.0 > class_fit(sfa, service)


def test_for_the_crm_strategy_the_data_counts_as_much_as_the_label():
    lifecycle = Requirements(task=SelectionTask.LIFECYCLE)
    labelled_crm_with_sfa_data = candidate(class_tasks=("lifecycle",), profile="sfa")
    labelled_sfa_with_crm_data = candidate(class_tasks=("sales",), profile="crm")
    assert class_fit(labelled_crm_with_sfa_data, lifecycle) == 0.6
    assert class_fit(labelled_sfa_with_crm_data, lifecycle) == 0.65
    assert class_fit(candidate(class_tasks=("lifecycle",), profile="crm"), lifecycle) == 1.0


def test_telephony_is_one_need_met_by_either_capability():
    requirements = Requirements(must=(TELEPHONY,))
    assert explain(candidate(cells={5: Y}), requirements).outcome == MATCH  # built-in
    assert explain(candidate(cells={2: Y, 5: N}), requirements).outcome == MATCH  # via a PBX
    assert explain(candidate(cells={2: N, 5: N}), requirements).outcome == FAIL
    assert explain(candidate(cells={2: N}), requirements).outcome == MAYBE


def test_a_free_plan_must_hold_the_team():
    for_five = Requirements(free_plan=True, users=5)
    assert explain(candidate(has_free_plan=True, free_plan_max_users=0), for_five).outcome == MATCH
    assert explain(candidate(has_free_plan=True, free_plan_max_users=10), for_five).outcome == MATCH
    assert explain(candidate(has_free_plan=True, free_plan_max_users=4), for_five).outcome == FAIL
    limit_unknown = candidate(has_free_plan=True)
    assert explain(limit_unknown, for_five).outcome == MAYBE
    assert explain(limit_unknown, Requirements(free_plan=True, users=1)).outcome == MATCH
    assert explain(candidate(has_free_plan=False), for_five).outcome == FAIL


def test_wishes_score_in_proportion_and_unknown_counts_half_in_the_ranking_only():
    requirements = Requirements(nice=(FUNNEL, PBX))
    both = explain(candidate(cells={1: Y, 2: Y}), requirements)
    one_unknown = explain(candidate(cells={1: Y}), requirements)
    one_missing = explain(candidate(cells={1: Y, 2: N}), requirements)
    assert (both.fit, both.known) == (100, 100)
    # Of what is known everything fits; half of the requirements are not known.
    assert (one_unknown.fit, one_unknown.known) == (100, 67)
    assert (one_missing.fit, one_missing.known) == (50, 100)
    assert both.score > one_unknown.score > one_missing.score


def test_a_dollar_price_is_compared_with_a_rouble_budget_through_the_recorded_rate():
    dollars = candidate(
        pricing_model=PricingModel.PER_USER_MONTH, price_amount=Decimal(14), price_currency="USD"
    )
    requirements = Requirements(budget=1500, users=5)
    reason = explain(dollars, requirements, RATES).reasons[-1]
    assert reason.status == YES
    assert reason.detail == "≈ 1\xa0065 ₽ за пользователя в месяц по курсу ЦБ на 23.01.2026"
    assert explain(dollars, requirements).reasons[-1].status == UNKNOWN  # no rate recorded


def test_a_plans_minimum_seats_and_user_limit_count_for_the_team():
    sugar = candidate(
        plans=(
            Plan("Standard", Decimal(59), "USD", "user", "month", min_users=15),
            Plan("Advanced", Decimal(85), "USD", "user", "month", min_users=15),
        )
    )
    cost = cost_for(sugar, 5, RATES)
    assert (cost.plan, cost.seats, cost.monthly) == ("Standard", 15, Decimal(885))
    # Five people pay for fifteen: 885 $ a month, 177 $ each.
    assert rub_per_user_month(sugar, 5, RATES).amount == Decimal(177) * Decimal("76.04")
    capped = candidate(plans=(Plan("Team", Decimal(500), "RUB", "user", "month", max_users=10),))
    assert cost_for(capped, 20, RATES) is None  # no plan holds twenty users
    licence = candidate(
        pricing_model=PricingModel.PERPETUAL_PER_USER,
        price_amount=Decimal(6500),
        price_currency="RUB",
    )
    assert cost_for(licence, 3, RATES).once == 19500
    company = candidate(
        pricing_model=PricingModel.PER_COMPANY_MONTH,
        price_amount=Decimal(4000),
        price_currency="RUB",
    )
    assert rub_per_user_month(company, None, RATES) is None  # a company price needs the team
    assert rub_per_user_month(company, 5, RATES).amount == 800


def test_it_ranks_matches_before_maybes_and_one_entry_per_family():
    requirements = Requirements(must=(FUNNEL,), nice=(PBX,), task=SelectionTask.SALES)
    cloud = candidate(pk=1, name="Облако", cells={1: Y, 2: Y}, breadth=10)
    box = candidate(pk=2, name="Облако: коробка", family=1, cells={1: Y, 2: Y}, breadth=14)
    weak = candidate(pk=3, name="Слабый", cells={1: Y, 2: N})
    unsure = candidate(pk=4, name="Без данных", cells={2: Y})
    out = candidate(pk=5, name="Без воронки", cells={1: N, 2: Y})
    matches, maybes = rank([box, weak, unsure, out, cloud], requirements)
    # The box ties with its main entry on everything asked: the main one is the usual buy.
    assert [c.name for c in matches] == ["Облако", "Слабый"]
    assert [c.name for c in maybes] == ["Без данных"]


def test_ties_go_to_the_more_known_then_the_product_that_does_more():
    requirements = Requirements(nice=(FUNNEL,))
    known = candidate(pk=1, name="Я", cells={1: Y}, breadth=3)
    rich = candidate(pk=2, name="Б", cells={1: Y}, breadth=20)
    matches, _maybes = rank([known, rich], requirements)
    assert [c.name for c in matches] == ["Б", "Я"]


def test_relaxation_is_offered_for_few_or_weak_matches_and_may_drop_two_at_once():
    assert relaxation.needs_relaxing(2, 90)
    assert relaxation.needs_relaxing(5, 40)
    assert not relaxation.needs_relaxing(5, 80)
    requirements = Requirements(must=(FUNNEL, PBX), registry=True)
    constraints = relaxation.hard_constraints(requirements)
    assert [c.key for c in constraints] == [
        "must:funnel-snapshot",
        "must:pbx-integration",
        "availability",
        "registry",
    ]
    funnel, pbx, available, registry = constraints
    counts = [
        ((funnel,), 1),
        ((pbx,), 6),
        ((available,), 1),
        ((registry,), 1),
        ((funnel, available), 2),
        ((available, registry), 9),
    ]
    answers = {"must": ["funnel-snapshot", "pbx-integration"], "registry": ["yes"]}
    offers = relaxation.suggestions(counts, 1, answers)
    assert [(o.labels, o.count) for o in offers] == [
        (["обязательно «Интеграция с АТС»"], 6),
        (
            [
                "только продукты, которые продаются в России",
                "только продукты из реестра российского ПО",
            ],
            9,
        ),
        (["обязательно «Воронка продаж»", "только продукты, которые продаются в России"], 2),
    ]
    # A dropped must-have stays as a wish; "available only" becomes "any".
    assert offers[1].params == {
        "must": ["funnel-snapshot", "pbx-integration"],
        "availability": ["any"],
    }
    assert offers[0].params == {
        "must": ["funnel-snapshot"],
        "registry": ["yes"],
        "nice": ["pbx-integration"],
    }
