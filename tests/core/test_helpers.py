"""The helpers every app shares: parameter cleaning, invalidated caches, breadcrumbs, nav."""

import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from core import versions
from core.breadcrumbs import breadcrumbs
from core.params import QUERY_MAX_LENGTH, clean_list, clean_text, was_cut
from core.versions import ContentValue, Expiring
from glossary.factories import ArticleFactory, TermFactory
from glossary.linking import get_term_index


def test_it_cleans_a_parameter_of_nul_bytes_space_and_excess_length():
    assert clean_text("  amo\x00crm \n") == "amocrm"
    assert clean_text("я" * 500) == "я" * QUERY_MAX_LENGTH
    assert clean_text(None) == ""
    assert was_cut("x" * (QUERY_MAX_LENGTH + 1)) and not was_cut(" x ")


def test_it_cleans_a_repeated_parameter_keeping_order_without_duplicates_or_blanks():
    assert clean_list(["b", " a", "", "b", "\x00", "c"]) == ["b", "a", "c"]
    assert len(clean_list([str(i) for i in range(500)])) == 20


@pytest.mark.django_db
def test_it_caches_a_value_until_its_content_changes_and_caches_nothing_too():
    calls = []
    value = ContentValue("test:value", areas=("test:area",), timeout=60)

    def compute():
        calls.append(1)
        return None

    assert value.get(compute) is None
    assert value.get(compute) is None
    assert len(calls) == 1  # "nothing" was cached as well
    versions.bump("test:area")
    value.get(compute)
    assert len(calls) == 2


def test_it_lets_a_value_expire_early():
    value = ContentValue("test:expiring", areas=("test:area",), timeout=600)
    assert value.get(lambda: Expiring("soon", 1)) == "soon"
    assert cache.get(value._key()) == "soon"
    assert cache._expire_info[cache.make_and_validate_key(value._key())] - time.time() <= 1


@pytest.mark.django_db
def test_it_drops_the_term_index_when_an_editor_saves_a_term():
    term = TermFactory(name="Лид")
    assert [entry.slug for entry in get_term_index()] == [term.slug]
    other = TermFactory(name="Сделка")
    assert {entry.slug for entry in get_term_index()} == {term.slug, other.slug}
    other.delete()
    assert [entry.slug for entry in get_term_index()] == [term.slug]


@pytest.mark.django_db
def test_it_builds_breadcrumbs_from_home_to_the_current_page():
    crumbs = breadcrumbs(("Каталог", "/catalog/"), ("Сравнение", "/ignored/"))
    assert [(c.label, c.url) for c in crumbs] == [
        ("Главная", "/"),
        ("Каталог", "/catalog/"),
        ("Сравнение", None),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "section"),
    [
        ("catalog:product-list", "Каталог"),
        ("glossary:term-list", "Глоссарий"),
        ("materials:article-list", "Материалы"),
    ],
)
def test_it_marks_the_current_section_in_the_header(client, url_name, section):
    html = client.get(reverse(url_name)).content.decode()
    nav = html.split('class="site-nav__list"')[1].split("</ul>")[0]
    assert nav.count('aria-current="page"') == 1
    assert f'aria-current="page">{section}</a>' in nav


@pytest.mark.django_db
def test_it_marks_materials_not_the_glossary_on_an_article(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    nav = html.split('class="site-nav__list"')[1].split("</ul>")[0]
    assert 'aria-current="page">Материалы</a>' in nav
    crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert 'href="/materials/">Материалы</a>' in crumbs
    assert f'<li aria-current="page">{article.title}</li>' in crumbs


@pytest.mark.django_db
def test_it_notes_a_missing_page_on_every_paginated_list(client):
    ArticleFactory.create_batch(12)
    for url in ["/materials/?page=99", "/polls/?page=abc", "/catalog/?page=7"]:
        html = client.get(url).content.decode()
        assert 'class="notes"' in html, url
