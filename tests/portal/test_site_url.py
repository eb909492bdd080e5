"""Absolute URLs come from SITE_URL, never from the request's Host header: a Host with a
bogus port (which Django's ALLOWED_HOSTS check lets through) reaches no sitemap, feed,
robots.txt or canonical link, and shares the page cache's entries with everyone else."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from catalog.factories import VendorFactory
from core.page_cache import HEADER
from glossary.factories import ArticleFactory
from tests.catalog.helpers import product
from tests.portal.helpers import SITEMAP_NS, head_tags

pytestmark = pytest.mark.django_db
SITE = "https://crm.example.test"
BOGUS = "127.0.0.1:99999"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def content():
    vendor = VendorFactory(slug="acme")
    return {
        "product": product(slug="acme-crm", vendor=vendor),
        "article": ArticleFactory(slug="statya"),
    }


def get(client, url):
    response = client.get(url, HTTP_HOST=BOGUS)
    assert response.status_code == 200, url
    text = response.content.decode()
    assert "99999" not in text, url
    return response, text


def locations(text):
    root = ET.fromstring(text)  # noqa: S314 -- our own output
    return [loc.text for loc in root.iter(f"{{{SITEMAP_NS['s']}}}loc")]


def test_the_sitemaps_print_the_site_url_whatever_the_host(client, content):
    _response, index = get(client, "/sitemap.xml")
    sections = locations(index)
    assert sections and all(address.startswith(SITE + "/sitemap-") for address in sections)
    _response, products = get(client, "/sitemap-catalog-products.xml")
    assert locations(products) == [SITE + content["product"].get_absolute_url()]


def test_the_feed_prints_the_site_url_whatever_the_host(client, content):
    _response, text = get(client, reverse("materials:article-feed"))
    channel = ET.fromstring(text).find("channel")  # noqa: S314 -- our own output
    assert channel.findtext("link") == SITE + "/materials/"
    assert channel.findtext("item/link") == SITE + content["article"].get_absolute_url()
    atom_self = channel.find("{http://www.w3.org/2005/Atom}link")
    assert atom_self.get("href") == SITE + reverse("materials:article-feed")


def test_robots_txt_and_canonical_links_print_the_site_url(client, content):
    _response, robots = get(client, "/robots.txt")
    assert f"Sitemap: {SITE}/sitemap.xml" in robots.splitlines()
    for url in (content["product"].get_absolute_url(), "/catalog/?class=crm&sort=price"):
        _response, html = get(client, url)
        canonical, _robots = head_tags(html)
        assert canonical.startswith(SITE + "/catalog/"), canonical


def test_a_made_up_host_shares_the_cached_page_instead_of_planting_its_own(client, content):
    first = client.get("/sitemap.xml")
    assert first[HEADER] == "miss"
    response, _text = get(client, "/sitemap.xml")
    assert response[HEADER] == "hit"
    assert response.content == first.content


def test_a_host_outside_allowed_hosts_is_refused_even_when_the_page_is_cached(client, content):
    client.get("/sitemap.xml")
    assert client.get("/sitemap.xml")[HEADER] == "hit"
    assert client.get("/sitemap.xml", HTTP_HOST="evil.example").status_code == 400
