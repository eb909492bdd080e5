"""/sitemap.xml is an index of one sitemap per section (/sitemap-<section>.xml), each valid,
within the protocol's limits, split into pages past its limit, and without drafts."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from catalog.factories import VendorFactory
from catalog.sitemaps import ProductSitemap
from config.urls import SITEMAPS
from core.sitemaps import SectionSitemap
from glossary.factories import ArticleFactory, TermFactory
from glossary.models import Article
from tests.catalog.helpers import product
from tests.portal.helpers import all_sitemap_entries, sitemap_entries, sitemap_index

pytestmark = pytest.mark.django_db
BASE = settings.SITE_URL


@pytest.fixture
def content():
    acme = VendorFactory(slug="acme", name="Acme")
    products = [product(slug=f"crm-{i}", vendor=acme) for i in range(3)]
    draft = product(slug="draft-crm", is_published=False, vendor=VendorFactory(slug="only-drafts"))
    term = TermFactory(slug="crm")
    hidden_term = TermFactory(slug="hidden", is_published=False)
    article = ArticleFactory(slug="article")
    draft_article = ArticleFactory(slug="draft-article", status=Article.Status.DRAFT)
    future = ArticleFactory(slug="future", published_at=timezone.now() + datetime.timedelta(days=2))
    return {
        "products": products,
        "vendor": acme,
        "term": term,
        "article": article,
        "hidden": [draft, draft.vendor, draft.product_class, hidden_term, draft_article, future],
    }


def _date(text):
    return datetime.datetime.fromisoformat(text)


def _section(name):
    return f"{BASE}/sitemap-{name}.xml"


def test_the_index_lists_one_sitemap_per_section(client, content):
    index = sitemap_index(client)
    assert list(index) == [_section(name) for name in SITEMAPS]
    # Sections of dated rows carry their latest change; page lists have no date.
    latest = max(p.updated_at for p in content["products"])
    assert _date(index[_section("catalog-products")]) == latest
    assert _date(index[_section("terms")]) == content["term"].updated_at
    assert index[_section("pages")] is None


def test_each_section_lists_its_published_pages(client, content):
    def urls(name):
        return set(sitemap_entries(client, _section(name)))

    assert urls("pages") == {
        f"{BASE}/",
        f"{BASE}/catalog/",
        f"{BASE}/selection/",
        f"{BASE}/polls/",
    }
    # The one-class catalog lists of classes with a published product.
    assert urls("catalog-classes") == {
        BASE + p.product_class.get_absolute_url() for p in content["products"]
    }
    assert urls("catalog-products") == {BASE + p.get_absolute_url() for p in content["products"]}
    assert urls("catalog-vendors") == {BASE + content["vendor"].get_absolute_url()}
    assert urls("glossary-pages") == {f"{BASE}/glossary/", f"{BASE}/materials/"}
    assert urls("terms") == {BASE + content["term"].get_absolute_url()}
    assert urls("articles") == {BASE + content["article"].get_absolute_url()}


def test_it_lists_no_draft_and_dates_the_rows_that_have_a_date(client, content):
    entries = all_sitemap_entries(client)
    for hidden in content["hidden"]:
        assert BASE + hidden.get_absolute_url() not in entries
    item = content["products"][0]
    assert entries[BASE + item.get_absolute_url()] == str(timezone.localdate(item.updated_at))
    assert entries[BASE + content["vendor"].get_absolute_url()] is None  # vendors have no date


def test_it_answers_an_unknown_section_or_page_with_404(client, content):
    assert client.get("/sitemap-nonsense.xml").status_code == 404
    assert client.get("/sitemap-terms.xml?p=2").status_code == 404


def test_every_section_stays_within_the_protocols_limits():
    for sitemap in SITEMAPS.values():
        assert issubclass(sitemap, SectionSitemap)
        assert sitemap.limit <= 50_000


def test_a_section_past_its_limit_is_split_into_pages_that_the_index_lists(
    client, content, monkeypatch
):
    monkeypatch.setattr(ProductSitemap, "limit", 2)
    more = [product(slug=f"more-{i}") for i in range(2)]  # 5 products: pages of 2, 2 and 1
    address = _section("catalog-products")
    pages = [address, f"{address}?p=2", f"{address}?p=3"]
    index = list(sitemap_index(client))
    assert [a for a in index if a.startswith(address)] == pages
    listed = [sitemap_entries(client, page) for page in pages]
    assert [len(entries) for entries in listed] == [2, 2, 1]
    assert set().union(*listed) == {BASE + p.get_absolute_url() for p in content["products"] + more}
    assert client.get("/sitemap-catalog-products.xml?p=4").status_code == 404


def test_the_index_costs_the_same_queries_for_more_rows(
    client, content, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2 * len(SITEMAPS)) as small:
        client.get("/sitemap.xml")
    for i in range(20):
        product(slug=f"bulk-{i}")
        TermFactory(slug=f"bulk-term-{i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/sitemap.xml")
