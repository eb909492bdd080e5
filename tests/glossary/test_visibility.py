"""Drafts, future articles and unpublished terms: 404 for visitors, a preview for editors."""

import datetime

import pytest
from django.utils import timezone

from glossary.factories import ArticleFactory, TermFactory
from glossary.models import Article

pytestmark = pytest.mark.django_db
BANNER = "Черновик — видно только редакции"


def future():
    return timezone.now() + datetime.timedelta(days=3)


@pytest.fixture
def hidden_pages():
    return [
        TermFactory(name="Скрытый термин", is_published=False).get_absolute_url(),
        ArticleFactory(title="Черновая статья", status=Article.Status.DRAFT).get_absolute_url(),
        ArticleFactory(title="Будущая статья", published_at=future()).get_absolute_url(),
    ]


def test_it_answers_404_to_visitors(client, hidden_pages):
    for url in hidden_pages:
        assert client.get(url).status_code == 404, url


def test_it_answers_404_to_logged_in_non_staff_users(client, django_user_model, hidden_pages):
    client.force_login(django_user_model.objects.create_user("reader", password="pw-x-12345"))
    for url in hidden_pages:
        assert client.get(url).status_code == 404, url


def test_it_lets_staff_preview_with_a_banner(staff_client, hidden_pages):
    for url in hidden_pages:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert BANNER in html
        assert '<meta name="robots" content="noindex">' in html
        assert "Редактировать в админке" in html


def test_it_shows_no_banner_on_published_pages(staff_client):
    for url in (TermFactory().get_absolute_url(), ArticleFactory().get_absolute_url()):
        response = staff_client.get(url)
        assert response.status_code == 200
        assert BANNER not in response.content.decode()


def test_it_hides_the_edit_link_from_visitors(client):
    html = client.get(TermFactory().get_absolute_url()).content.decode()
    assert "Редактировать в админке" not in html


def test_it_keeps_hidden_content_out_of_lists_and_links(client):
    hidden_article = ArticleFactory(title="Черновая статья", status=Article.Status.DRAFT)
    ArticleFactory(title="Будущая статья", published_at=future())
    TermFactory(name="Скрытый термин", is_published=False)
    term = TermFactory(name="Открытый термин", article=hidden_article)
    term.related_terms.add(TermFactory(name="Скрытый сосед", is_published=False))
    for url in ("/glossary/", "/materials/", "/"):
        html = client.get(url).content.decode()
        for hidden in ("Черновая статья", "Будущая статья", "Скрытый термин"):
            assert hidden not in html, (url, hidden)
    html = client.get(term.get_absolute_url()).content.decode()
    assert "Подробнее" not in html
    assert "Скрытый сосед" not in html


def test_it_links_the_read_more_article_and_related_terms_when_published(client):
    article = ArticleFactory(title="Всё о воронке")
    neighbour = TermFactory(name="Лид")
    term = TermFactory(name="Воронка продаж", article=article)
    term.related_terms.add(neighbour)
    html = client.get(term.get_absolute_url()).content.decode()
    assert f'href="{article.get_absolute_url()}">Подробнее' in html
    assert f'href="{neighbour.get_absolute_url()}">Лид</a>' in html
    # related_terms is symmetrical: the neighbour links back
    back = client.get(neighbour.get_absolute_url()).content.decode()
    assert f'href="{term.get_absolute_url()}">Воронка продаж</a>' in back


def test_it_dates_an_article_published_without_a_date(client):
    article = ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)
    assert article.published_at is not None
    assert client.get(article.get_absolute_url()).status_code == 200
