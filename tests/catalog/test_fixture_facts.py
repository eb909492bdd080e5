"""The demo catalog's decision facts: sourced or honestly unknown (issue 9's content audit)."""

import datetime
import json
import re

import pytest
from taggit.models import Tag

from catalog.models import (
    FactSource,
    Product,
    RegistryStatus,
    RussiaAvailability,
    Vendor,
    price_per_user_rub,
)
from tests.catalog.test_fixtures import FIXTURES_DIR, load_all_fixtures

pytestmark = pytest.mark.django_db

# Products a Russian buyer shortlists in 2026, and the seed's 1С:Управление торговлей.
REQUIRED_NEW = {
    "bpmsoft",
    "elma365-crm",
    "sbercrm",
    "aspro-cloud",
    "flowlu",
    "planfix",
    "freshsales",
    "espocrm",
    "vtiger-crm",
    "1c-upravlenie-torgovley",
}
# Vendors that left, or that sanctions keep from selling to Russia; each says so with a date.
GONE = {
    "ms-dynamics-crm",
    "microsoft-dynamics-365-sales",
    "salesforce-sales-cloud",
    "hubspot-crm",
    "sap-sales-cloud",
    "sugarcrm",
    "oracle-siebel-crm",
    "creatio",
    "bpmonline-crm",
    "pipedrive",
    "zendesk",
    "jira-service-management",
}


@pytest.fixture
def loaded():
    load_all_fixtures()


def test_it_adds_the_products_a_russian_buyer_shortlists(loaded):
    assert REQUIRED_NEW - set(Product.objects.values_list("slug", flat=True)) == set()


def test_it_fills_the_websites_of_well_known_products(loaded):
    slugs = [
        "oracle-siebel-crm",
        "naumen-service-desk",
        "naumen-contact-center",
        "oktell",
        "1c-crm",
        "sap-sales-cloud",
    ]
    assert not Product.objects.filter(slug__in=slugs, website="").exists()


def test_it_replaces_the_suspended_sales_tag_with_the_availability_field(loaded):
    assert not Tag.objects.filter(name="продажи в РФ приостановлены").exists()
    withdrawn = Product.objects.filter(russia_availability=RussiaAvailability.WITHDRAWN)
    assert GONE - set(withdrawn.values_list("slug", flat=True)) == set()
    # Where a buyer cannot simply buy, the card says what they can do.
    assert not withdrawn.filter(russia_note="").exclude(slug__startswith="terrasoft").exists()


def test_it_never_shows_a_price_without_its_source(loaded):
    priced = Product.objects.filter(price_amount__isnull=False)
    assert priced.exists()
    unsourced = priced.exclude(fact_sources__fact=FactSource.Fact.PRICE)
    assert list(unsourced.values_list("slug", flat=True)) == []


def test_it_derives_the_rouble_price_per_user_exactly_as_the_model_does(loaded):
    for product in Product.objects.all():
        expected = price_per_user_rub(
            product.pricing_model, product.price_amount, product.price_currency
        )
        assert product.price_from == expected, product.slug


def test_its_sources_are_links_checked_no_later_than_today(loaded):
    sources = FactSource.objects.all()
    assert sources.count() >= 25
    for source in sources:
        assert source.url.startswith("https://") or source.url.startswith("http://"), source
        assert source.checked_on <= datetime.date.today()
    # A fact that could go stale and came from a copy of a page says which copy.
    assert not sources.filter(note="").exists()


def test_it_records_registry_numbers_only_for_listed_products(loaded):
    assert (
        not Product.objects.exclude(registry_status=RegistryStatus.YES)
        .exclude(registry_entry="")
        .exists()
    )
    assert Product.objects.filter(registry_status=RegistryStatus.UNKNOWN).exists()


def test_it_states_vendor_countries_by_head_office(loaded):
    assert Vendor.objects.get(slug="pipedrive").country == "США"
    assert Vendor.objects.filter(founded_year__isnull=False).count() >= 15


@pytest.mark.parametrize(
    "phrase",
    [
        r"исходн\w* материал",
        r"из сайта",
        r"Клиентская база",
        r"новые внедрения выполняются на Creatio",
        r"следует из класса",
    ],
)
def test_its_texts_carry_no_internal_or_wrong_phrases(phrase):
    text = (FIXTURES_DIR / "catalog.json").read_text()
    assert not re.search(phrase, text), phrase


def test_it_ships_no_verified_stamp_in_any_fixture():
    for path in FIXTURES_DIR.glob("*.json"):
        for row in json.loads(path.read_text()):
            assert "data_verified_on" not in row["fields"], path
            assert "data_verified_by" not in row["fields"], path
