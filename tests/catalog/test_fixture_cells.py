"""The demo catalog a CRM consultant would sign (issue 18): every capability cell recorded
(есть, нет or нет данных) with where it comes from, classes that agree with the class check,
lifecycles and editions as facts of their own, and the segments buyers ask for."""

import re

import pytest
from django.db.models import Count

from catalog.classification import Verdict, explain_product
from catalog.models import (
    Capability,
    CellStatus,
    Deployment,
    Lifecycle,
    PricePlan,
    Product,
    ProductCapability,
    RussiaAvailability,
)
from tests.catalog.test_fixtures import load_all_fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    load_all_fixtures()


def test_every_published_product_has_a_recorded_status_for_every_capability(loaded):
    expected = Capability.objects.count()
    gaps = {
        product.slug: product.n
        for product in Product.objects.published().annotate(n=Count("product_capabilities"))
        if product.n != expected
    }
    assert gaps == {}


def test_every_known_cell_says_where_it_comes_from(loaded):
    known = ProductCapability.objects.exclude(status=CellStatus.UNKNOWN)
    assert not known.filter(basis="").exists()
    sourced = known.exclude(basis=ProductCapability.Basis.MARKET)
    assert not sourced.filter(source_url="").exists()
    assert not known.filter(basis=ProductCapability.Basis.MARKET).exclude(source_url="").exists()
    unknown = ProductCapability.objects.filter(status=CellStatus.UNKNOWN)
    assert not unknown.exclude(basis="", source_url="").exists()


def test_no_product_class_contradicts_the_class_check(loaded):
    criteria = list(Capability.objects.crm_criteria())
    contradicting = [
        product.slug
        for product in Product.objects.published()
        .select_related("product_class")
        .prefetch_related("product_capabilities__capability")
        if explain_product(
            product.product_class, product.product_capabilities.all(), criteria
        ).verdict
        == Verdict.CONTRADICTS
    ]
    assert contradicting == []


def test_a_product_said_to_be_gone_has_its_lifecycle_and_a_renamed_one_its_successor(loaded):
    gone = re.compile(r"снят[аы]? с продаж|больше не (продаётся|развивается)|переименован", re.I)
    said_gone = [p for p in Product.objects.published() if gone.search(p.description)]
    assert said_gone
    assert [p.slug for p in said_gone if p.is_current and p.edition_of_id is None] == []
    renamed = Product.objects.filter(lifecycle=Lifecycle.RENAMED)
    assert dict(renamed.values_list("slug", "successor__slug")) == {
        "bpmonline-crm": "creatio",
        "ms-dynamics-crm": "microsoft-dynamics-365-sales",
    }
    assert set(
        Product.objects.filter(lifecycle=Lifecycle.DISCONTINUED).values_list("slug", flat=True)
    ) >= {"terrasoft-crm", "terrasoft-xrm", "terrasoft-sales"}


def test_editions_are_entries_linked_to_the_main_one_with_their_own_facts(loaded):
    editions = Product.objects.filter(edition_of__isnull=False).select_related("edition_of")
    assert {e.slug for e in editions} >= {"bitrix24-korobka", "elma365-crm-on-premises"}
    for edition in editions:
        assert edition.edition_label and edition.edition_of.edition_label, edition.slug
        assert edition.edition_of.edition_of_id is None
        assert edition.deployment != edition.edition_of.deployment, edition.slug
    box = Product.objects.get(slug="bitrix24-korobka")
    assert (box.deployment, box.data_location) == (Deployment.ON_PREMISE, "customer-servers")


def test_it_covers_the_segments_buyers_ask_for(loaded):
    published = Product.objects.published()
    assert published.count() >= 85

    def having(capability):
        return published.filter(
            product_capabilities__capability__slug=capability,
            product_capabilities__status=CellStatus.CONFIRMED,
            russia_availability=RussiaAvailability.AVAILABLE,
        )

    assert having("field-orders").count() >= 4  # field sales reps of distributors
    assert having("ecommerce-integration").count() >= 3  # online stores
    assert (
        published.filter(
            product_class__slug="service-desk", russia_availability="available"
        ).count()
        >= 6
    )
    slugs = set(published.values_list("slug", flat=True))
    assert {"1c-unf", "pyrus", "simpleone-crm", "omnidesk", "uis", "comagic"} <= slugs
    assert {"t2-korporativnaya-ats", "telphin"} & slugs  # a carrier's or cloud virtual PBX
    for vertical in ("сфера услуг", "недвижимость"):
        assert published.filter(tags__name=vertical).exists(), vertical


def test_it_records_the_prices_the_sources_hold_plan_by_plan(loaded):
    sugar = PricePlan.objects.filter(product__slug="sugarcrm")
    assert set(sugar.values_list("name", "min_users")) == {
        ("Standard", 15),
        ("Advanced", 15),
        ("Premier", 15),
    }
    assert PricePlan.objects.filter(product__slug="pipedrive", currency="USD").count() == 4
    assert not PricePlan.objects.filter(source_url="").exists()
