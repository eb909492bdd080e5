"""Facet counts: each says how many products picking that option would leave."""

import pytest
from django.http import QueryDict

from catalog.facets import build_facets
from catalog.factories import VendorFactory
from catalog.filters import ProductFilter
from catalog.models import Deployment
from tests.catalog.helpers import product

pytestmark = pytest.mark.django_db


def facets_for(query):
    return build_facets(ProductFilter(QueryDict(query)))


def counts(options):
    return {option.value: option.count for option in options}


@pytest.fixture
def catalog(crm_class, sfa_class, funnel, api, vendor):
    other = VendorFactory(slug="other", name="Other")
    product(
        product_class=crm_class,
        vendor=vendor,
        deployment=Deployment.CLOUD,
        capabilities=[funnel, api],
        has_free_plan=True,
        tags=["b2b"],
    )
    product(
        product_class=crm_class,
        vendor=other,
        deployment=Deployment.ON_PREMISE,
        capabilities=[funnel],
    )
    product(
        product_class=sfa_class,
        vendor=vendor,
        deployment=Deployment.BOTH,
        capabilities=[api],
        has_free_plan=True,
        tags=["b2b", "ритейл"],
    )
    product(product_class=sfa_class, vendor=other, deployment=Deployment.CLOUD)
    product(product_class=sfa_class, vendor=other, is_published=False, capabilities=[api])


def test_it_counts_every_option_over_the_published_catalog_without_filters(catalog):
    facets = facets_for("")
    assert counts(facets.classes) == {"crm": 2, "sfa": 2}
    assert facets.classes_total == 4
    assert counts(facets.deployments) == {"cloud": 3, "on-premise": 2}
    assert facets.deployments_total == 4
    assert facets.free_plan.count == 2
    assert counts(facets.vendors) == {"acme": 2, "other": 2}
    assert counts(facets.tags) == {"b2b": 2, "ритейл": 1}
    capability_counts = {o.value: o.count for _, group in facets.capability_groups for o in group}
    assert capability_counts == {"funnel-snapshot": 2, "open-api": 2}


def test_it_counts_a_single_choice_facet_without_its_own_filter(catalog):
    facets = facets_for("class=crm")
    # Switching class is still possible: class counts ignore the class filter...
    assert counts(facets.classes) == {"crm": 2, "sfa": 2}
    assert [o.value for o in facets.classes if o.selected] == ["crm"]
    # ...while every other facet counts within CRM systems only.
    assert counts(facets.deployments) == {"cloud": 1, "on-premise": 1}
    assert counts(facets.vendors) == {"acme": 1, "other": 1}
    assert facets.free_plan.count == 1


def test_it_narrows_capability_counts_by_the_chosen_capabilities(catalog):
    facets = facets_for("capability=funnel-snapshot")
    capability_counts = {o.value: o.count for _, group in facets.capability_groups for o in group}
    assert capability_counts == {"funnel-snapshot": 2, "open-api": 1}
    assert counts(facets.classes) == {"crm": 2, "sfa": 0}


def test_it_lets_deployment_and_free_plan_respect_each_other(catalog):
    facets = facets_for("deployment=on-premise&free_plan=1")
    assert counts(facets.deployments) == {"cloud": 2, "on-premise": 1}
    assert facets.deployments_total == 2
    assert facets.free_plan.count == 1
    assert facets.free_plan.selected


def test_it_counts_vendors_and_tags_within_the_other_filters(catalog):
    facets = facets_for("vendor=acme&deployment=cloud")
    assert counts(facets.vendors) == {"acme": 2, "other": 1}
    assert counts(facets.tags) == {"b2b": 2, "ритейл": 1}
    facets = facets_for("tag=ритейл")
    assert counts(facets.tags) == {"b2b": 1, "ритейл": 1}
    assert counts(facets.classes) == {"crm": 0, "sfa": 1}


def test_it_shows_counts_and_checked_options_on_the_page(client, catalog):
    response = client.get("/catalog/?class=sfa&capability=open-api")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="open-api" checked' in html
    assert 'value="sfa" checked' in html
    assert "Найден 1 продукт" in html
