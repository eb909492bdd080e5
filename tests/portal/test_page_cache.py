"""The anonymous page cache: stored when the same for everyone, fresh after every edit."""

import datetime
import gzip
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog.factories import CapabilityFactory
from core import versions
from core.page_cache import HEADER
from glossary.factories import ArticleFactory, TermFactory
from glossary.models import Article
from polls.factories import VoteFactory
from tests.catalog.helpers import product
from tests.polls.helpers import closed_poll_with_choices

pytestmark = pytest.mark.django_db


def served(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response.get(HEADER), response.content.decode()


def test_it_stores_an_anonymous_page_and_serves_it_again(client):
    product(name="Кэшируемая CRM")
    first = client.get("/catalog/")
    second = client.get("/catalog/")
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert first.content == second.content
    assert "Кэшируемая CRM" in second.content.decode()
    for response in (first, second):
        assert "public" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
        assert not response.cookies
        # Headers added outside the cache reach cached pages too.
        assert response["X-Frame-Options"] == "DENY"
        assert "default-src 'self'" in response["Content-Security-Policy"]


def test_a_cached_page_answers_304_to_a_matching_etag(client):
    product()
    etag = client.get("/catalog/")["ETag"]
    response = client.get("/catalog/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_it_sends_html_compressed_to_clients_that_accept_gzip(client):
    product()
    client.get("/catalog/")
    response = client.get("/catalog/", HTTP_ACCEPT_ENCODING="gzip")
    assert response[HEADER] == "hit"
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "<!DOCTYPE html>" in gzip.decompress(response.content).decode()


def test_an_edit_shows_on_the_next_request(client):
    item = product(name="Старое имя")
    card = item.get_absolute_url()
    for url in ("/catalog/", card):
        served(client, url)
        assert served(client, url)[0] == "hit"
    item.name = "Новое имя"
    item.save()
    for url in ("/catalog/", card):
        state, html = served(client, url)
        assert state == "miss" and "Новое имя" in html and "Старое имя" not in html


def test_capability_and_tag_changes_show_on_the_next_request(client):
    item = product()
    capability = CapabilityFactory(name="Телефония в карточке")
    served(client, item.get_absolute_url())
    item.capabilities.add(capability)
    assert "Телефония в карточке" in served(client, item.get_absolute_url())[1]
    item.tags.add("тег-после-кэша")
    assert "тег-после-кэша" in served(client, item.get_absolute_url())[1]


def test_a_deleted_term_disappears_on_the_next_request(client):
    term = TermFactory(name="Удаляемый термин")
    assert "Удаляемый термин" in served(client, "/glossary/")[1]
    term.delete()
    assert "Удаляемый термин" not in served(client, "/glossary/")[1]


def test_a_bulk_admin_action_shows_on_the_next_request(client):
    admin = get_user_model().objects.create_superuser("chief", password="pw-chief-123")
    article = ArticleFactory(title="Черновик о воронке", status=Article.Status.DRAFT)
    visitor = Client()
    assert "Черновик о воронке" not in served(visitor, "/materials/")[1]
    client.force_login(admin)
    client.post(
        reverse("admin:glossary_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )
    assert "Черновик о воронке" in served(visitor, "/materials/")[1]


def test_a_deleted_vote_changes_the_archive_on_the_next_request(client):
    poll, choices = closed_poll_with_choices()
    vote = VoteFactory(choice=choices[0])
    assert "Всего голосов: <strong>1</strong>" in served(client, "/polls/")[1]
    vote.delete()
    assert "Всего голосов: <strong>0</strong>" in served(client, "/polls/")[1]


def test_a_new_vote_keeps_shared_pages_cached(client):
    """A vote changes no page that is the same for everyone: it must not empty the cache."""
    poll, choices = closed_poll_with_choices()
    served(client, "/")
    before = versions.current(versions.EVERYTHING)
    VoteFactory(choice=choices[0])
    assert versions.current(versions.EVERYTHING) == before
    assert served(client, "/")[0] == "hit"


def test_a_scheduled_article_appears_when_its_time_comes(client):
    ArticleFactory(
        title="Статья по расписанию",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(seconds=2),
    )
    assert "Статья по расписанию" not in served(client, "/materials/")[1]
    time.sleep(2.5)
    assert "Статья по расписанию" in served(client, "/materials/")[1]


def test_parameter_order_is_one_page_but_value_order_is_not(client):
    product(slug="a-crm", name="Альфа CRM")
    product(slug="b-crm", name="Бета CRM")
    served(client, "/catalog/?sort=name&page=1")
    assert served(client, "/catalog/?page=1&sort=name")[0] == "hit"
    first = served(client, "/catalog/compare/?products=a-crm&products=b-crm")[1]
    # The columns follow the order of the slugs: a different page.
    state, second = served(client, "/catalog/compare/?products=b-crm&products=a-crm")
    assert state == "miss"
    assert first.index("Альфа CRM") < first.index("Бета CRM")
    assert second.index("Бета CRM") < second.index("Альфа CRM")


def test_logged_in_editors_and_flash_messages_bypass_it(client, django_user_model):
    product()
    served(Client(), "/catalog/")
    editor = django_user_model.objects.create_user("ed", password="pw-ed-12345", is_staff=True)
    client.force_login(editor)
    assert served(client, "/catalog/")[0] is None
    visitor = Client()
    visitor.cookies["messages"] = "anything"
    assert served(visitor, "/catalog/")[0] is None


def test_a_staff_preview_of_a_draft_is_never_stored(client, django_user_model):
    draft = ArticleFactory(title="Секретный черновик", status=Article.Status.DRAFT)
    editor = django_user_model.objects.create_user("ed", password="pw-ed-12345", is_staff=True)
    client.force_login(editor)
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_it_keeps_pages_in_the_shared_database_cache(client, database_cache):
    """What every gunicorn worker reads: rows of the portal_cache table, not process memory."""
    product(name="Общая CRM")
    served(client, "/catalog/")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM portal_cache WHERE cache_key LIKE %s", ["%page:%"])
        assert cursor.fetchone()[0] == 1
    assert served(client, "/catalog/")[0] == "hit"
    product(name="Ещё одна CRM")
    state, html = served(client, "/catalog/")
    assert state == "miss" and "Ещё одна CRM" in html
