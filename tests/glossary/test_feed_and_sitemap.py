"""The RSS feed and the sitemaps are valid XML with the right URLs, drafts excluded."""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from glossary.factories import ArticleFactory, TermFactory
from glossary.models import Article
from tests.portal.helpers import all_sitemap_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    published = ArticleFactory(
        title="Воронка & конверсия <2026>",
        lead="Лид статьи.",
        author_name="Редакция",
        published_at=timezone.now() - datetime.timedelta(hours=2),
        tags=["воронка"],
    )
    older = ArticleFactory(title="Старая", published_at=timezone.now() - datetime.timedelta(days=9))
    draft = ArticleFactory(title="Черновик", status=Article.Status.DRAFT)
    future = ArticleFactory(
        title="Будущая", published_at=timezone.now() + datetime.timedelta(days=2)
    )
    term = TermFactory(name="CRM", slug="crm")
    hidden_term = TermFactory(name="Скрытый", slug="skrytyi", is_published=False)
    return {
        "published": published,
        "older": older,
        "draft": draft,
        "future": future,
        "term": term,
        "hidden_term": hidden_term,
    }


def test_it_serves_a_valid_rss_feed_of_published_articles(client, content):
    response = client.get(reverse("materials:article-feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 -- our own output
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert "Практика CRM" in channel.findtext("title")
    assert channel.findtext("link") == settings.SITE_URL + "/materials/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Воронка & конверсия <2026>", "Старая"]
    first = items[0]
    assert first.findtext("link") == settings.SITE_URL + content["published"].get_absolute_url()
    assert first.findtext("description") == "Лид статьи."
    assert first.findtext("category") == "воронка"
    published = parsedate_to_datetime(first.findtext("pubDate"))
    assert abs(published - content["published"].published_at) < datetime.timedelta(seconds=1)


def test_it_lists_terms_articles_and_section_pages_in_the_sitemaps(client, content):
    entries = all_sitemap_entries(client)
    base = settings.SITE_URL
    expected = {
        base + "/",
        base + reverse("glossary:term-list"),
        base + reverse("materials:article-list"),
        base + content["term"].get_absolute_url(),
        base + content["published"].get_absolute_url(),
        base + content["older"].get_absolute_url(),
    }
    assert expected <= entries.keys()
    for hidden in ("draft", "future", "hidden_term"):
        assert base + content[hidden].get_absolute_url() not in entries
    assert entries[base + content["term"].get_absolute_url()]  # dated by its last change
