"""What search engines may index across the portal: search results, the wizard's answers and
comparisons say noindex; robots.txt keeps crawlers out of /search/; the sitemaps list only
pages that are indexable and canonical to themselves."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from catalog.factories import ProductClassFactory, VendorFactory
from glossary.factories import ArticleFactory, TermFactory
from polls.factories import PollFactory
from tests.catalog.helpers import product
from tests.portal.helpers import all_sitemap_entries, head_tags

pytestmark = pytest.mark.django_db
NOINDEX = "noindex, follow"


@pytest.fixture
def content():
    crm = ProductClassFactory(slug="crm", name="CRM-система", kind="crm")
    ProductClassFactory(slug="empty", name="Пустой класс")  # no products: not in the sitemap
    acme = VendorFactory(slug="acme", name="Acme")
    products = [
        product(slug=f"crm-{i}", name=f"CRM {i}", product_class=crm, vendor=acme) for i in range(3)
    ]
    product(slug="draft", product_class=crm, is_published=False)
    TermFactory(slug="crm", name="CRM")
    ArticleFactory(slug="crm-article", title="Про CRM")
    PollFactory(slug="opros")
    return products


@pytest.mark.parametrize(
    "address",
    [
        "/search/",
        "/search/?q=crm",
        "/search/?q=crm&kind=products&page=2",
        "/selection/?task=sales",
        "/selection/?users=10&budget=1000&must=anything",
        "/catalog/compare/?products=crm-0,crm-1,crm-2",
        "/catalog/compare/?products=crm-0,crm-1&diff=1",
        "/catalog/compare/",
    ],
)
def test_search_results_wizard_answers_and_comparisons_are_not_indexed(client, content, address):
    response = client.get(address)
    assert response.status_code == 200
    _canonical, robots = head_tags(response.content.decode())
    assert robots == NOINDEX


def test_the_empty_wizard_is_indexable(client, content):
    assert head_tags(client.get("/selection/").content.decode())[1] is None


def test_robots_txt_keeps_crawlers_out_of_search_only(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert lines[0] == "User-agent: *"  # the template's comment leaves no line behind
    disallowed = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Disallow")]
    assert disallowed == ["/admin/", "/search/"]
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in lines


def test_the_sitemaps_list_only_indexable_pages_canonical_to_themselves(client, content):
    entries = all_sitemap_entries(client)
    assert f"{settings.SITE_URL}/catalog/?class=crm" in entries
    assert f"{settings.SITE_URL}/catalog/?class=empty" not in entries
    assert settings.SITE_URL + reverse("polls:poll-list") in entries
    for address in entries:
        parts = urlsplit(address)
        response = client.get(f"{parts.path}?{parts.query}" if parts.query else parts.path)
        assert response.status_code == 200, address
        canonical, robots = head_tags(response.content.decode())
        assert robots is None, address
        assert canonical in (None, address), address
