"""The list and the card run a fixed number of queries, whatever the catalog size."""

import pytest

from catalog.factories import CapabilityFactory, VendorFactory
from catalog.models import Deployment
from catalog.services import analyse_tables
from core.bench import budget_queries
from tests.catalog.helpers import product

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

# 4 slug lookups (class, capability, tag, vendor), the q vendor lookup, count, page, tags,
# 7 facet queries and the class's glossary terms.
LIST_BUDGET = 16
# product, tags, price plans, editions, cells, 2 predecessor levels, capabilities, similar
CARD_BUDGET = 9
ALL_FILTERS = (
    "/catalog/?q=crm&class=crm&deployment=cloud&capability=funnel-snapshot&capability=open-api"
    "&tag=b2b&vendor=acme&price_max=5000&free_plan=1&sort=price"
)


def fill(count, crm_class, vendor, funnel, api):
    extra = [CapabilityFactory() for _ in range(3)]
    vendors = [vendor, VendorFactory()]
    for i in range(count):
        product(
            name=f"CRM {i}",
            product_class=crm_class,
            vendor=vendors[i % 2],
            deployment=Deployment.BOTH if i % 3 else Deployment.CLOUD,
            has_free_plan=bool(i % 2 == 0),
            capabilities=[funnel, api, extra[i % 3]],
            tags=["b2b", f"tag-{i % 4}"],
        )
    analyse_tables()


def same_count(small, large):
    """Equal query counts; else a message that lists both runs' SQL, to show the odd one."""
    listing = [f"{len(small)} queries, then {len(large)}:"]
    listing += [f"small: {sql[:200]}" for sql in small] + [f"large: {sql[:200]}" for sql in large]
    assert len(small) == len(large), "\n".join(listing)


@pytest.mark.parametrize("url", ["/catalog/", ALL_FILTERS, "/catalog/?page=2&sort=-updated"])
def test_it_lists_in_the_same_number_of_queries_at_10_and_200_products(
    client, crm_class, vendor, funnel, api, url
):
    # Page 2 needs more than one page (20 rows) even in the small catalog.
    small_size = 21 if "page=2" in url else 10
    fill(small_size, crm_class, vendor, funnel, api)
    small, response = budget_queries(client, url)
    assert response.context["notes"] == []
    fill(200 - small_size, crm_class, vendor, funnel, api)
    large, response = budget_queries(client, url)
    assert response.context["paginator"].count > 10 or url == ALL_FILTERS
    same_count(small, large)
    assert len(large) <= LIST_BUDGET


def test_it_finds_products_with_every_filter_at_200_products(
    client, crm_class, vendor, funnel, api
):
    fill(200, crm_class, vendor, funnel, api)
    _, response = budget_queries(client, ALL_FILTERS)
    # Acme and the free plan both fall on even i; every product deploys to the cloud.
    assert response.context["paginator"].count == 100


def test_it_renders_the_card_in_the_same_number_of_queries_at_10_and_200_products(
    client, crm_class, vendor, funnel, api
):
    fill(10, crm_class, vendor, funnel, api)
    successor = product(name="Successor", capabilities=[funnel])
    item = product(name="Item", capabilities=[funnel, api], successor=successor, tags=["b2b"])
    product(name="Predecessor", successor=item)
    small, _ = budget_queries(client, item.get_absolute_url())
    fill(190, crm_class, vendor, funnel, api)
    large, response = budget_queries(client, item.get_absolute_url())
    assert len(response.context["similar"]) == 3
    same_count(small, large)
    assert len(large) <= CARD_BUDGET
