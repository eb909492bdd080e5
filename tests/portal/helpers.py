"""Test helpers for site-wide pages: the sitemap index and its sections, what a page tells
search engines, and query budgets."""

import re
import xml.etree.ElementTree as ET
from html import unescape
from urllib.parse import urlsplit

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
INDEX_TAG = "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
URLSET_TAG = "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"


def parse_xml(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 -- our own output


def sitemap_index(client):
    """The sitemaps /sitemap.xml lists, as {address: lastmod or None}."""
    root = parse_xml(client.get("/sitemap.xml"))
    assert root.tag == INDEX_TAG
    return {
        entry.findtext("s:loc", namespaces=SITEMAP_NS): entry.findtext(
            "s:lastmod", namespaces=SITEMAP_NS
        )
        for entry in root.findall("s:sitemap", SITEMAP_NS)
    }


def sitemap_entries(client, address):
    """The <url> entries of one sitemap (an absolute address from the index), as
    {page address: lastmod or None}."""
    parts = urlsplit(address)
    root = parse_xml(client.get(parts.path + (f"?{parts.query}" if parts.query else "")))
    assert root.tag == URLSET_TAG
    return {
        entry.findtext("s:loc", namespaces=SITEMAP_NS): entry.findtext(
            "s:lastmod", namespaces=SITEMAP_NS
        )
        for entry in root.findall("s:url", SITEMAP_NS)
    }


def all_sitemap_entries(client):
    """Every page that the index's sitemaps list, as {page address: lastmod or None}."""
    entries = {}
    for address in sitemap_index(client):
        section = sitemap_entries(client, address)
        assert not entries.keys() & section.keys(), "a page is listed twice"
        entries.update(section)
    return entries


def head_tags(html):
    """(rel=canonical address or None, robots meta content or None) of a page."""
    canonical = re.search(r'<link rel="canonical" href="([^"]*)">', html)
    robots = re.search(r'<meta name="robots" content="([^"]*)">', html)
    return (
        canonical and unescape(canonical.group(1)),
        robots and robots.group(1),
    )


def history_changes(client, obj):
    """(field, old, new) of the newest version of `obj` as its admin history page shows it."""
    from django.urls import reverse
    from django.utils.html import escape

    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    response = client.get(url)
    assert response.status_code == 200
    newest = response.context["page_obj"].object_list[0]
    changes = [(c.label, c.old, c.new) for c in newest.history_delta_changes]
    html = response.content.decode()
    for label, old, new in changes:
        assert f"<strong>{escape(label)}:</strong> {escape(old)} → {escape(new)}" in html
    return changes
