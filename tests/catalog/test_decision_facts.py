"""Decision facts: price, availability in Russia, registry, data location — with sources."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from catalog.factories import FactSourceFactory
from catalog.models import (
    Currency,
    DataLocation,
    Deployment,
    FactSource,
    PricingModel,
    Product,
    RegistryStatus,
    RussiaAvailability,
    price_per_user_rub,
)
from tests.catalog.helpers import product

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "amount", "currency", "expected"),
    [
        (PricingModel.PER_USER_MONTH, Decimal("499"), Currency.RUB, 499),
        (PricingModel.PER_USER_MONTH, Decimal("12.50"), Currency.RUB, 13),
        (PricingModel.PER_USER_MONTH, Decimal("25"), Currency.USD, None),  # no exchange rate
        (PricingModel.PER_COMPANY_MONTH, Decimal("1600"), Currency.RUB, None),  # team size
        (PricingModel.PERPETUAL_PER_USER, Decimal("6500"), Currency.RUB, None),
        (PricingModel.FREE, None, "", 0),
        (PricingModel.ON_REQUEST, None, "", None),
        ("", None, "", None),
    ],
)
def test_it_derives_the_rouble_price_per_user_only_where_the_price_states_it(
    model, amount, currency, expected
):
    assert price_per_user_rub(model, amount, currency) == expected
    item = product(
        price_from=None, pricing_model=model, price_amount=amount, price_currency=currency
    )
    item.refresh_from_db()
    assert item.price_from == expected


def card(client, item):
    return client.get(item.get_absolute_url()).content.decode()


def test_it_says_not_checked_next_to_a_fact_without_a_source(client):
    item = product(
        price_from=None,
        pricing_model=PricingModel.PER_USER_MONTH,
        price_amount=Decimal("25"),
        price_currency=Currency.USD,
        price_plan="Starter",
    )
    html = card(client, item)
    assert "от $25 за пользователя в месяц (тариф «Starter»)" in html
    # Price, free plan and trial are stated without a source: "не проверено". Availability,
    # registry and data location are unknown: "нет данных" needs no such mark.
    assert html.count('class="fact-source fact-source--unchecked">не проверено<') == 3
    assert html.count("нет данных") >= 3
    assert "Данные проверены" not in html


def test_it_shows_the_source_and_its_date_next_to_a_checked_fact(client):
    item = product(
        russia_availability=RussiaAvailability.WITHDRAWN,
        russia_availability_changed_on=datetime.date(2022, 3, 2),
        russia_note="Поддержка и обновления недоступны.",
    )
    FactSourceFactory(
        product=item,
        fact=FactSource.Fact.AVAILABILITY,
        url="https://news.example/oracle-leaves",
        checked_on=datetime.date(2022, 3, 3),
    )
    html = card(client, item)
    assert "ушёл с российского рынка (с марта 2022). Поддержка и обновления недоступны." in html
    assert '<a href="https://news.example/oracle-leaves" rel="noopener nofollow"' in html
    assert "проверено 3 марта 2022" in html
    assert html.count("не проверено<") == 3  # price, free plan, trial


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        (
            {"pricing_model": PricingModel.PER_COMPANY_MONTH, "price_amount": Decimal("1600")},
            "от 1\xa0600 ₽ за компанию в месяц",
        ),
        ({"pricing_model": PricingModel.ON_REQUEST}, "по запросу"),
        ({"pricing_model": PricingModel.FREE}, "бесплатно"),
        (
            {"registry_status": RegistryStatus.YES, "registry_entry": "1234"},
            "в реестре российского ПО, запись № 1234",
        ),
        (
            {"deployment": Deployment.BOTH, "data_location": DataLocation.RUSSIA},
            "облако — в России; коробка — на серверах заказчика",
        ),
        ({"has_trial": True, "trial_days": 14}, "14 дн."),
        ({"has_free_plan": None}, "нет данных"),
        (
            {"pricing_model": PricingModel.PER_COMPANY_MONTH},
            "сумма не найдена; тарифы — за компанию в месяц",
        ),
    ],
)
def test_it_words_each_fact_for_visitors(client, fields, text):
    if "price_amount" in fields:
        fields["price_currency"] = Currency.RUB
    item = product(price_from=None, **fields)
    assert text in card(client, item)


def test_it_links_the_vendors_pricing_page_when_the_price_is_unknown(client):
    item = product(price_from=None, pricing_url="https://vendor.example/prices")
    html = card(client, item)
    assert '<a class="fact-source" href="https://vendor.example/prices"' in html


def test_it_shows_the_verified_stamp_only_after_the_admin_action(admin_client, admin_user):
    item = product()
    assert "Данные проверены" not in card(admin_client, item)
    response = admin_client.post(
        reverse("admin:catalog_product_changelist"),
        {"action": "mark_verified", "_selected_action": [item.pk]},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.data_verified_by == admin_user
    assert item.data_verified_on == timezone.localdate()  # the editors' (Moscow) date
    assert "Данные проверены" in card(admin_client, item)


@pytest.mark.parametrize(
    "fields",
    [
        {"price_amount": Decimal("10"), "price_currency": ""},
        {"registry_status": RegistryStatus.NO, "registry_entry": "99"},
        {"has_trial": False, "trial_days": 14},
    ],
)
def test_the_database_refuses_contradictory_facts(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        product(price_from=None, **fields)


def test_the_database_keeps_one_source_per_fact():
    source = FactSourceFactory(fact=FactSource.Fact.REGISTRY)
    with pytest.raises(IntegrityError), transaction.atomic():
        FactSourceFactory(product=source.product, fact=FactSource.Fact.REGISTRY)


@pytest.fixture
def russian_market():
    product(
        name="Available",
        russia_availability=RussiaAvailability.AVAILABLE,
        registry_status=RegistryStatus.YES,
        data_location=DataLocation.RUSSIA,
    )
    product(
        name="Boxed",
        russia_availability=RussiaAvailability.AVAILABLE,
        deployment=Deployment.ON_PREMISE,
    )
    product(
        name="Suspended",
        russia_availability=RussiaAvailability.SALES_SUSPENDED,
        data_location=DataLocation.ABROAD,
    )
    product(name="Unknown")


def names(client, query):
    response = client.get(f"/catalog/?{query}")
    return sorted(p.name for p in response.context["page_obj"].object_list), response


def test_it_filters_and_counts_the_russian_market_facets(client, russian_market):
    found, response = names(client, "availability=available")
    assert found == ["Available", "Boxed"]
    facets = response.context["facets"]
    counts = {option.value: option.count for option in facets.availabilities}
    assert counts == {"available": 2, "sales-suspended": 1, "withdrawn": 0, "unknown": 1}
    assert facets.registry.count == 1
    assert facets.data_in_russia.count == 2  # its own cloud in Russia, or your own servers
    assert names(client, "availability=available&registry=yes")[0] == ["Available"]
    found, response = names(client, "data=russia")
    assert found == ["Available", "Boxed"]
    chips = dict(response.context["chips"])
    assert "Хранение данных: данные можно хранить в России" in chips


def test_it_compares_the_decision_facts(client):
    product(name="A", slug="a", russia_availability=RussiaAvailability.AVAILABLE)
    product(name="B", slug="b", russia_availability=RussiaAvailability.WITHDRAWN)
    response = client.get("/catalog/compare/?products=a,b")
    rows = {row.label: row for row in response.context["facts"]}
    assert rows["Доступность в России"].differs
    assert rows["Реестр российского ПО"].values == ["нет данных", "нет данных"]
    assert "Где хранятся данные" in rows


def test_it_marks_products_a_russian_buyer_cannot_simply_buy_in_the_list(client):
    product(name="Gone", russia_availability=RussiaAvailability.WITHDRAWN)
    product(name="Listed", registry_status=RegistryStatus.YES)
    html = client.get("/catalog/").content.decode()
    assert '<span class="badge badge--warn">ушёл из России</span>' in html
    assert '<span class="badge badge--ok">в реестре российского ПО</span>' in html


def test_it_keeps_unknown_prices_out_of_the_price_filter(client):
    product(name="Roubles", price_from=900)
    product(
        name="Dollars",
        price_from=None,
        pricing_model=PricingModel.PER_USER_MONTH,
        price_amount=Decimal("9"),
        price_currency=Currency.USD,
    )
    assert names(client, "price_max=1000")[0] == ["Roubles"]
    assert Product.objects.get(name="Dollars").price_from is None
