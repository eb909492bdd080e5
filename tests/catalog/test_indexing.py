"""Crawl traps on /catalog/: only the whole list and the one-class lists are indexable; every
other combination of filters, a search or a sort says noindex, follow and names the list it
narrows as canonical. Pages 2+ of an indexable list are indexable and canonical to themselves."""

import pytest
from django.conf import settings
from django.http import QueryDict

from catalog import filter_summary
from catalog.factories import CapabilityFactory
from catalog.models import Deployment
from catalog.views import ProductListView
from tests.catalog.helpers import product
from tests.portal.helpers import head_tags

pytestmark = pytest.mark.django_db
BASE = settings.SITE_URL + "/catalog/"
NOINDEX = "noindex, follow"


@pytest.fixture
def catalog(crm_class, sfa_class, monkeypatch):
    monkeypatch.setattr(ProductListView, "paginate_by", 2)  # 5 products: 3 pages, CRM 2
    api = CapabilityFactory(slug="open-api", name="Открытый API", group="platform")
    for i in range(3):
        product(slug=f"crm-{i}", product_class=crm_class, capabilities=[api])
    for i in range(2):
        product(slug=f"sfa-{i}", product_class=sfa_class, deployment=Deployment.ON_PREMISE)


@pytest.mark.parametrize(
    ("address", "canonical", "robots"),
    [
        # indexable: the whole catalog, a class, and their further pages
        ("/catalog/", BASE, None),
        ("/catalog/?class=crm", f"{BASE}?class=crm", None),
        ("/catalog/?page=2", f"{BASE}?page=2", None),
        ("/catalog/?class=crm&page=2", f"{BASE}?class=crm&page=2", None),
        # the address of the page really shown, whatever ?page= said
        ("/catalog/?page=1", BASE, None),
        ("/catalog/?page=999", f"{BASE}?page=3", None),
        ("/catalog/?class=crm&page=abc", f"{BASE}?class=crm", None),
        # parameters the list ignores change nothing
        ("/catalog/?utm_source=vk", BASE, None),
        ("/catalog/?class=no-such-class", BASE, None),
        # filtered, searched or sorted: noindex, canonical to the class or the whole list
        ("/catalog/?deployment=cloud", BASE, NOINDEX),
        ("/catalog/?class=crm&deployment=cloud", f"{BASE}?class=crm", NOINDEX),
        ("/catalog/?class=crm&capability=open-api&price_max=5000", f"{BASE}?class=crm", NOINDEX),
        ("/catalog/?capability=open-api&page=2", BASE, NOINDEX),
        ("/catalog/?q=crm", BASE, NOINDEX),
        ("/catalog/?sort=price", BASE, NOINDEX),
        ("/catalog/?class=sfa&sort=-price&page=2", f"{BASE}?class=sfa", NOINDEX),
        ("/catalog/?availability=available&registry=yes&data=russia", BASE, NOINDEX),
    ],
)
def test_catalog_list_pages_tell_search_engines_what_to_index(
    client, catalog, address, canonical, robots
):
    response = client.get(address)
    assert response.status_code == 200
    assert head_tags(response.content.decode()) == (canonical, robots)


def test_an_empty_filtered_list_is_noindex_too(client, catalog):
    html = client.get("/catalog/?q=несуществующее").content.decode()
    assert "ничего не нашлось" in html
    assert head_tags(html) == (BASE, NOINDEX)


def _query(text):
    return QueryDict(text, mutable=True)


def test_indexing_reads_the_valid_parameters_and_the_page_shown():
    def check(params, page):
        result = filter_summary.indexing(_query(params), page)
        return result.canonical_query.urlencode(), result.indexable

    assert check("", 1) == ("", True)
    assert check("", 4) == ("page=4", True)
    assert check("class=crm", 1) == ("class=crm", True)
    assert check("class=crm", 2) == ("class=crm&page=2", True)
    assert check("class=crm&sort=name", 1) == ("class=crm", False)
    assert check("tag=b2b&tag=smb", 3) == ("", False)
    assert check("vendor=acme", 1) == ("", False)
