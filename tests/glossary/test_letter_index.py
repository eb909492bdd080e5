"""The А–Я letter index: Latin terms first as "A–Z", then all 33 Cyrillic letters."""

import re

import pytest
from django.urls import reverse

from glossary.factories import TermFactory
from glossary.letters import CYRILLIC_ALPHABET, LATIN_SECTION, build_sections, section_of, sort_key

NAMES = ["Воронка продаж", "SFA-система", "CRM", "api", "Ёмкость рынка", "Елка", "Жизненный цикл"]


def test_it_files_latin_and_digit_initials_under_a_z():
    assert section_of("CRM") == LATIN_SECTION
    assert section_of("api") == LATIN_SECTION
    assert section_of("1С:CRM") == LATIN_SECTION
    assert section_of("воронка") == "В"
    assert section_of("Ёмкость") == "Ё"


def test_it_sorts_latin_terms_before_cyrillic_and_yo_between_ye_and_zhe():
    ordered = sorted(NAMES, key=sort_key)
    assert ordered == [
        "api",
        "CRM",
        "SFA-система",
        "Воронка продаж",
        "Елка",
        "Ёмкость рынка",
        "Жизненный цикл",
    ]


def test_it_sorts_yo_inside_a_word_after_ye():
    assert sorted(["ёж", "жук", "еда"], key=sort_key) == ["еда", "ёж", "жук"]


def test_it_keeps_all_33_letters_and_marks_empty_ones():
    class T:
        def __init__(self, name):
            self.name = name

    sections = build_sections([T(name) for name in NAMES])
    assert [s.letter for s in sections] == [LATIN_SECTION, *CYRILLIC_ALPHABET]
    assert len(CYRILLIC_ALPHABET) == 33
    by_letter = {s.letter: s for s in sections}
    assert [t.name for t in by_letter[LATIN_SECTION].terms] == ["api", "CRM", "SFA-система"]
    assert [t.name for t in by_letter["Ё"].terms] == ["Ёмкость рынка"]
    assert by_letter["А"].is_empty and not by_letter["В"].is_empty


@pytest.mark.django_db
def test_it_renders_the_index_with_disabled_letters_and_sections_in_order(client):
    for position, name in enumerate(NAMES):
        TermFactory(name=name, slug=f"t-{position}", summary=f"Кратко: {name}")
    TermFactory(name="Черновой термин", slug="draft", is_published=False)
    response = client.get(reverse("glossary:term-list"))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('class="letter-index"')
    index = html[start : html.index("</nav>", start)]
    links = re.findall(r'<a class="letter-index__item" href="#([^"]+)"', index)
    assert links == ["letter-latin", "letter-В", "letter-Е", "letter-Ё", "letter-Ж"]
    disabled = re.findall(r'letter-index__item--disabled" aria-disabled="true"[^>]*>(.)<', index)
    assert len(disabled) == 34 - len(links)
    assert "А" in disabled and "Ч" in disabled  # the unpublished term does not light up Ч
    # Section order on the page: CRM and SFA (A–Z) come before "Воронка продаж".
    positions = [html.index(f">{name}</a>") for name in ["CRM", "SFA-система", "Воронка продаж"]]
    assert positions == sorted(positions)
    assert "Кратко: Воронка продаж" in html
    assert "Черновой термин" not in html


@pytest.mark.django_db
def test_it_filters_terms_by_the_query_without_javascript(client):
    TermFactory(name="Воронка продаж", synonyms="pipeline")
    TermFactory(name="Лид", summary="Потенциальный клиент")
    TermFactory(name="CRM")
    url = reverse("glossary:term-list")
    html = client.get(url, {"q": "PIPEline"}).content.decode()
    assert ">Воронка продаж</a>" in html and ">Лид</a>" not in html and ">CRM</a>" not in html
    html = client.get(url, {"q": "клиент"}).content.decode()
    assert ">Лид</a>" in html and ">Воронка продаж</a>" not in html
    html = client.get(url, {"q": "нет такого"}).content.decode()
    assert "Ничего не нашлось" in html
    assert 'value="нет такого"' in html


@pytest.mark.django_db
def test_it_survives_odd_queries(client):
    TermFactory(name="CRM")
    url = reverse("glossary:term-list")
    for query in ["%", "_", "'; drop table", "x" * 5000, "<script>", "\x00"]:
        response = client.get(url, {"q": query})
        assert response.status_code == 200, query


@pytest.mark.django_db
def test_a_long_glossary_is_paged_and_the_index_links_to_the_right_page(client, monkeypatch):
    from glossary.views import TermListView

    monkeypatch.setattr(TermListView, "paginate_by", 3)
    for name in NAMES:
        TermFactory(name=name)
    first = client.get(reverse("glossary:term-list")).content.decode()
    assert "api" in first and "SFA-система" in first and "Воронка продаж" not in first
    # A–Z is here; В, Е, Ё and Ж start on pages 2 and 3.
    assert 'href="#letter-latin"' in first
    assert 'href="?page=2#letter-В"' in first
    assert 'href="?page=3#letter-Ж"' in first
    second = client.get(reverse("glossary:term-list"), {"page": 2}).content.decode()
    assert "Воронка продаж" in second and 'href="#letter-В"' in second
    assert 'href="?page=1#letter-latin"' in second
    assert 'rel="next"' in second and 'rel="prev"' in second


@pytest.mark.django_db
def test_a_filtered_glossary_keeps_its_query_in_the_page_links(client, monkeypatch):
    from glossary.views import TermListView

    monkeypatch.setattr(TermListView, "paginate_by", 1)
    for name in ["Воронка продаж", "Воронка лидов"]:
        TermFactory(name=name, summary="про воронку")
    html = client.get(reverse("glossary:term-list"), {"q": "воронка"}).content.decode()
    assert "?q=%D0%B2%D0%BE%D1%80%D0%BE%D0%BD%D0%BA%D0%B0&amp;page=2" in html


@pytest.mark.django_db
def test_every_page_of_a_300_term_glossary_stays_under_100_kb(client):
    for i in range(300):
        TermFactory(name=f"Термин {i:03d}", summary="Краткое определение термина " * 6)
    for page in (1, 2, 3):
        response = client.get(reverse("glossary:term-list"), {"page": page})
        assert len(response.content) < 100 * 1024, page
