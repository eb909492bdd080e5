"""Auto-linking of glossary terms in rendered Markdown."""

import pytest
from django.core.cache import cache

from glossary.factories import TermFactory
from glossary.linking import link_terms, render_linked_markdown, term_index_cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms():
    return {
        "crm": TermFactory(name="CRM", slug="crm"),
        "crm-sistema": TermFactory(
            name="CRM-система",
            slug="crm-sistema",
            synonyms="CRM-программа, программа для работы с клиентами",
        ),
        "lid": TermFactory(name="Лид", slug="lid", synonyms="лиды, лидов"),
        "ltv": TermFactory(name="Пожизненная ценность клиента", slug="ltv", abbreviation="LTV"),
    }


def links(html):
    return html.count('class="term-link"')


def test_it_links_the_first_mention_only(terms):
    html = render_linked_markdown("Лид пришёл. Потом ещё один лид.\n\nИ третий лид.")
    assert links(html) == 1
    assert html.index('href="/glossary/lid/"') < html.index("Потом")


def test_it_matches_case_insensitively_and_keeps_the_original_spelling(terms):
    html = render_linked_markdown("Наша crm умеет всё.")
    assert '<a class="term-link" href="/glossary/crm/"' in html
    assert ">crm</a>" in html


def test_it_prefers_the_longest_match(terms):
    html = render_linked_markdown("Мы выбрали CRM-система за неделю.")
    assert 'href="/glossary/crm-sistema/"' in html
    assert ">CRM-система</a>" in html
    assert 'href="/glossary/crm/"' not in html


def test_it_matches_synonyms_and_abbreviations(terms):
    html = render_linked_markdown(
        "Нужна программа для работы с клиентами, которая считает LTV и лидов."
    )
    assert '">программа для работы с клиентами</a>' in html
    assert 'href="/glossary/ltv/"' in html
    assert '">лидов</a>' in html


def test_it_matches_whole_words_only_with_cyrillic_boundaries(terms):
    html = render_linked_markdown("Лидер рынка и CRMки, и xCRM.")
    assert links(html) == 0
    # A hyphen joins words: "CRM" is not found inside "CRM-системы" (which is the
    # inflected «CRM-система»).
    html = render_linked_markdown("Про CRM-системы.")
    assert 'href="/glossary/crm/"' not in html
    assert '">CRM-системы</a>' in html


def test_it_links_inflected_forms_without_listing_them_as_synonyms():
    TermFactory(name="Воронка продаж", slug="voronka")
    TermFactory(name="Сделка", slug="sdelka")
    html = render_linked_markdown("Этапы воронки продаж показывают, где теряются сделки.")
    assert '<a class="term-link" href="/glossary/voronka/"' in html
    assert '">воронки продаж</a>' in html
    assert '">сделки</a>' in html
    # Only words next to each other form a multi-word term.
    assert links(render_linked_markdown("Воронки нет, продаж тоже.")) == 0


def test_it_skips_links_headings_code_and_pre(terms):
    text = (
        "## Лид и CRM\n\n"
        "[про CRM](https://example.com) и `Лид` в коде\n\n"
        "    CRM в блоке кода\n\n"
        "Здесь CRM и лид уже ссылки."
    )
    html = render_linked_markdown(text)
    assert "<h2>Лид и CRM</h2>" in html
    assert "<code>Лид</code>" in html
    assert "CRM в блоке кода" in html and "<pre>" in html
    assert links(html) == 2
    last_paragraph = html[html.index("Здесь") :]
    assert 'href="/glossary/crm/"' in last_paragraph
    assert 'href="/glossary/lid/"' in last_paragraph


def test_it_never_links_a_term_to_itself(terms):
    html = render_linked_markdown("CRM-система — это CRM в программе.", exclude_slug="crm-sistema")
    assert 'href="/glossary/crm-sistema/"' not in html
    # The excluded term's text is consumed by the longest match, so "CRM" links at its own word.
    assert '">CRM</a>' in html


def test_it_counts_a_link_the_author_wrote_as_the_first_mention(terms):
    html = render_linked_markdown("[Лид](/glossary/lid/) и снова лид.")
    assert html.count('href="/glossary/lid/"') == 1
    assert 'class="term-link"' not in html


def test_it_keeps_entities_and_markup_intact(terms):
    html = render_linked_markdown("Лид &amp; **CRM** <br> a < b & c")
    assert "&amp;" in html
    assert "<strong><a" in html
    assert "a &lt; b &amp; c" in html


def test_it_ignores_unpublished_terms(terms):
    TermFactory(name="Секрет", slug="sekret", is_published=False)
    assert links(render_linked_markdown("Секрет и всё.")) == 0


def test_it_reads_the_term_index_from_the_cache(terms, django_assert_num_queries):
    render_linked_markdown("CRM")
    with django_assert_num_queries(0):
        assert links(render_linked_markdown("CRM и лид")) == 2


def test_it_invalidates_the_cache_when_a_term_is_saved(terms):
    render_linked_markdown("Сделка")
    assert cache.get(term_index_cache._key()) is not None
    TermFactory(name="Сделка", slug="sdelka")
    assert cache.get(term_index_cache._key()) is None
    assert 'href="/glossary/sdelka/"' in render_linked_markdown("Сделка")


def test_it_invalidates_the_cache_when_a_term_is_renamed_unpublished_or_deleted(terms):
    assert links(render_linked_markdown("Лид")) == 1
    lid = terms["lid"]
    lid.name, lid.synonyms = "Лидогенерация", ""
    lid.save()
    assert links(render_linked_markdown("Лид")) == 0
    assert links(render_linked_markdown("Лидогенерация")) == 1
    lid.is_published = False
    lid.save()
    assert links(render_linked_markdown("Лидогенерация")) == 0
    render_linked_markdown("CRM")
    terms["crm"].delete()
    assert links(render_linked_markdown("CRM")) == 0


def test_it_returns_the_html_unchanged_when_there_are_no_terms():
    assert str(link_terms("<p>CRM</p>")) == "<p>CRM</p>"


def test_it_escapes_term_summaries_in_link_titles():
    TermFactory(name="Сделка", slug="sdelka", summary='Сделка "с" <b>кавычками</b>')
    html = render_linked_markdown("Сделка")
    assert "<b>" not in html
    assert "&lt;b&gt;" in html


def test_it_treats_yo_and_ye_as_the_same_letter_and_keeps_the_spelling():
    TermFactory(name="Ёмкость рынка", slug="emkost")
    html = render_linked_markdown("Оценим емкость рынка.")
    assert '<a class="term-link" href="/glossary/emkost/"' in html
    assert ">емкость рынка</a>" in html
    cache.clear()
    TermFactory(name="Отчет", slug="otchet")
    assert ">Отчёт</a>" in render_linked_markdown("Отчёт готов.")
