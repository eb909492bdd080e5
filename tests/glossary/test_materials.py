"""The materials pages: list with tags and pagination, article page, home page block."""

import datetime
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from glossary.factories import ArticleFactory, TermFactory
from glossary.views import ARTICLES_PER_PAGE

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_it_lists_articles_newest_first_with_pagination(client):
    for day in range(ARTICLES_PER_PAGE + 3):
        ArticleFactory(title=f"Статья {day:02d}", published_at=days_ago(day + 1))
    url = reverse("materials:article-list")
    html = client.get(url).content.decode()
    assert html.index("Статья 00") < html.index("Статья 01")
    assert f"Статья {ARTICLES_PER_PAGE:02d}" not in html
    assert 'rel="next" href="?page=2"' in html
    page2 = client.get(url, {"page": 2}).content.decode()
    assert f"Статья {ARTICLES_PER_PAGE:02d}" in page2 and "Статья 00" not in page2


@pytest.mark.parametrize("page", ["999", "abc", "-1", "0"])
def test_it_shows_a_real_page_for_bad_page_numbers(client, page):
    ArticleFactory(title="Единственная")
    response = client.get(reverse("materials:article-list"), {"page": page})
    assert response.status_code == 200
    assert "Единственная" in response.content.decode()


def test_it_filters_by_tag(client):
    ArticleFactory(title="Про воронку", tags=["воронка", "продажи"])
    ArticleFactory(title="Про внедрение", tags=["внедрение"])
    html = client.get(reverse("materials:article-list")).content.decode()
    assert "Про воронку" in html and "Про внедрение" in html
    slug = Tag.objects.get(name="воронка").slug
    assert f"?tag={quote(slug)}" in html  # the tag filter links
    html = client.get(reverse("materials:article-list"), {"tag": slug}).content.decode()
    assert "Про воронку" in html and "Про внедрение" not in html
    assert 'aria-current="page">воронка</a>' in html


def test_it_ignores_an_unknown_tag_with_a_note(client):
    ArticleFactory(title="Про воронку")
    response = client.get(reverse("materials:article-list"), {"tag": "no-such-tag"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Тега «no-such-tag» нет" in html
    assert "Про воронку" in html


def test_it_treats_a_product_only_tag_as_unknown(client):
    from tests.catalog.helpers import product

    product(name="Облачная CRM", tags=["только-продукты"])
    ArticleFactory(title="Про воронку")
    html = client.get(
        reverse("materials:article-list"), {"tag": "только-продукты"}
    ).content.decode()
    assert "Тега «только-продукты» нет" in html
    assert "Про воронку" in html


def test_it_names_the_tag_in_the_heading(client):
    ArticleFactory(title="Про воронку", tags=["воронка"])
    slug = Tag.objects.get(name="воронка").slug
    html = client.get(reverse("materials:article-list"), {"tag": slug}).content.decode()
    assert "<h1>Материалы с тегом «воронка»</h1>" in html


def test_it_shows_the_article_with_lead_author_date_tags_terms_and_linked_body(client):
    term = TermFactory(name="Воронка продаж", slug="voronka-prodazh")
    hidden = TermFactory(name="Скрытый", is_published=False)
    article = ArticleFactory(
        title="Как читать воронку",
        lead="Две воронки — два вопроса.",
        author_name="Анна Петрова",
        body="## Воронка продаж\n\nВоронка продаж бывает двух видов. Воронка продаж снова.",
        published_at=timezone.make_aware(datetime.datetime(2026, 3, 5, 12, 0)),
        tags=["воронка"],
    )
    article.related_terms.add(term, hidden)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h1>Как читать воронку</h1>" in html
    assert "Две воронки — два вопроса." in html
    assert "Анна Петрова" in html
    assert 'datetime="2026-03-05T12:00:00+0300"' in html
    assert "5 марта 2026" in html
    assert ">воронка</a>" in html
    assert "<h2>Воронка продаж</h2>" in html
    assert html.count('class="term-link"') == 1
    assert "Термины из статьи" in html and "Скрытый" not in html


def test_it_shows_the_three_latest_materials_and_section_cards_on_the_home_page(client):
    for day in range(5):
        ArticleFactory(title=f"Новость {day}", published_at=days_ago(day + 1))
    html = client.get("/").content.decode()
    assert "Новые материалы" in html
    assert [f"Новость {day}" in html for day in range(5)] == [True, True, True, False, False]
    assert f'<a class="card" href="{reverse("glossary:term-list")}">' in html
    assert f'<a class="card" href="{reverse("materials:article-list")}">' in html


def test_it_marks_the_current_section_in_the_navigation(client):
    html = client.get(reverse("materials:article-list")).content.decode()
    assert '<a href="/materials/" aria-current="page">Материалы</a>' in html
    assert '<a href="/glossary/">Глоссарий</a>' in html
