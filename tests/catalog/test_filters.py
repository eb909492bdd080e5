"""The catalog FilterSet: each GET parameter alone and combined."""

import pytest
from django.http import QueryDict

from catalog import filter_summary
from catalog.factories import VendorFactory
from catalog.filters import ProductFilter
from catalog.models import Deployment
from tests.catalog.helpers import product

pytestmark = pytest.mark.django_db


def names(query):
    return sorted(p.name for p in ProductFilter(QueryDict(query)).qs)


def test_it_lists_only_published_products_by_name():
    product(name="Beta")
    product(name="Alpha")
    product(name="Hidden", is_published=False)
    assert [p.name for p in ProductFilter(QueryDict("")).qs] == ["Alpha", "Beta"]


def test_it_searches_name_summary_and_vendor_name_case_insensitively():
    product(name="amoCRM", summary="Простая воронка")
    product(name="Other", summary="Система для ПРОДАЖ")
    product(name="Third", vendor=VendorFactory(name="Террасофт", slug="terrasoft"))
    product(name="Unrelated", summary="nothing")
    assert names("q=AMOcrm") == ["amoCRM"]
    assert names("q=продаж") == ["Other"]
    assert names("q=терра") == ["Third"]


def test_it_filters_by_class(crm_class, sfa_class):
    product(name="Crm", product_class=crm_class)
    product(name="Sfa", product_class=sfa_class)
    assert names("class=sfa") == ["Sfa"]


def test_it_matches_both_deployments_for_either_choice():
    product(name="Cloud", deployment=Deployment.CLOUD)
    product(name="Box", deployment=Deployment.ON_PREMISE)
    product(name="Both", deployment=Deployment.BOTH)
    assert names("deployment=cloud") == ["Both", "Cloud"]
    assert names("deployment=on-premise") == ["Both", "Box"]


def test_it_requires_every_chosen_capability(funnel, api):
    product(name="Funnel only", capabilities=[funnel])
    product(name="Api only", capabilities=[api])
    product(name="Both", capabilities=[funnel, api])
    assert names("capability=funnel-snapshot") == ["Both", "Funnel only"]
    assert names("capability=funnel-snapshot&capability=open-api") == ["Both"]


def test_it_requires_every_chosen_tag():
    product(name="Retail b2b", tags=["ритейл", "b2b"])
    product(name="Retail", tags=["ритейл"])
    assert names("tag=ритейл") == ["Retail", "Retail b2b"]
    assert names("tag=ритейл&tag=b2b") == ["Retail b2b"]


def test_it_filters_by_vendor(vendor):
    product(name="Ours", vendor=vendor)
    product(name="Theirs")
    assert names("vendor=acme") == ["Ours"]


def test_it_keeps_products_priced_at_most_price_max_and_drops_unknown_prices():
    product(name="Cheap", price_from=500)
    product(name="Edge", price_from=1000)
    product(name="Dear", price_from=3000)
    product(name="Unknown", price_from=None)
    assert names("price_max=1000") == ["Cheap", "Edge"]


def test_it_filters_by_free_plan():
    product(name="Free", has_free_plan=True)
    product(name="Paid")
    assert names("free_plan=1") == ["Free"]


def test_it_sorts_by_price_with_unknown_prices_last_and_by_recent_update():
    product(name="B", price_from=300)
    product(name="A", price_from=None)
    product(name="C", price_from=100)
    assert [p.name for p in ProductFilter(QueryDict("sort=price")).qs] == ["C", "B", "A"]
    assert [p.name for p in ProductFilter(QueryDict("sort=-price")).qs][:2] == ["B", "C"]
    assert [p.name for p in ProductFilter(QueryDict("sort=-updated")).qs][0] == "C"


def test_it_combines_filters(crm_class, funnel, vendor):
    match = product(
        name="Match",
        product_class=crm_class,
        vendor=vendor,
        capabilities=[funnel],
        deployment=Deployment.BOTH,
        price_from=900,
        has_free_plan=True,
        tags=["b2b"],
    )
    product(name="Wrong class", vendor=vendor, capabilities=[funnel], has_free_plan=True)
    product(name="No free plan", product_class=crm_class, vendor=vendor, capabilities=[funnel])
    query = (
        "q=mat&class=crm&deployment=on-premise&capability=funnel-snapshot&tag=b2b"
        "&vendor=acme&price_max=1000&free_plan=1&sort=price"
    )
    filterset = ProductFilter(QueryDict(query))
    assert list(filterset.qs) == [match]
    assert filter_summary.notes(filterset) == []
    assert (
        filter_summary.canonical_params(filterset).urlencode()
        == query.replace("&sort=price", "") + "&sort=price"
    )


def test_it_builds_removable_chips_that_keep_the_other_filters(funnel, api):
    filterset = ProductFilter(QueryDict("capability=funnel-snapshot&capability=open-api&q=x"))
    chips = dict(filter_summary.chips(filterset))
    assert chips["Возможности: Воронка продаж"] == "q=x&capability=open-api"
    assert chips["Поиск: x"] == "capability=funnel-snapshot&capability=open-api"


def test_it_sorts_names_case_insensitively_by_default():
    for name in ["Zoho CRM", "amoCRM", "Битрикс24", "Asoft CRM"]:
        product(name=name)
    assert [p.name for p in ProductFilter(QueryDict("")).qs] == [
        "amoCRM",
        "Asoft CRM",
        "Zoho CRM",
        "Битрикс24",
    ]
