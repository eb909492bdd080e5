"""Site search (/search/): Russian morphology, weighting, typos, transliteration, keyboard
layout, drafts, hostile queries, the zero-result log and the query budget."""

import pytest
from django.urls import reverse

from catalog.factories import VendorFactory
from core.bench import budget_queries
from core.search import MARK_END, MARK_START, aliases, snippet_html, variants
from glossary.factories import ArticleFactory, TermFactory
from glossary.models import Article
from portal.models import SearchMiss
from tests.catalog.helpers import product

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal_content():
    amo = VendorFactory(name="amoCRM (АО «амоЦРМ»)", slug="amo")
    product(
        name="amoCRM",
        slug="amocrm",
        vendor=amo,
        summary="Облачная система для отдела продаж с воронкой сделок.",
        tags=["SaaS"],
    )
    product(
        name="Битрикс24",
        slug="bitrix24",
        vendor=VendorFactory(name="1С-Битрикс", slug="bitrix"),
        summary="CRM, задачи и телефония для компании.",
    )
    product(
        name="Salesforce Sales Cloud",
        slug="salesforce",
        summary="Облачная CRM для продаж.",
        description="Прогнозы и автоматизация.",
    )
    product(name="Черновик CRM", slug="draft-crm", is_published=False, summary="Воронка продаж.")
    TermFactory(
        name="Воронка продаж",
        slug="voronka",
        synonyms="воронка сделок, sales funnel",
        summary="Как сделки проходят этапы продажи.",
        definition="Воронка показывает этапы сделки.",
    )
    TermFactory(
        name="Лид",
        slug="lid",
        summary="Потенциальный клиент.",
        definition="Лид ещё не стал сделкой; его ведут по воронке продаж до договора.",
    )
    TermFactory(name="Скрытый термин", slug="hidden", is_published=False, summary="Воронка.")
    ArticleFactory(
        title="Воронка продаж на практике",
        slug="voronka-article",
        lead="Два вида воронки.",
        body="Мгновенный срез и историческая конверсия.",
    )
    ArticleFactory(title="Черновик о воронке", slug="draft", status=Article.Status.DRAFT)


def search(client, query, **params):
    response = client.get(reverse("search"), {"q": query, **params})
    assert response.status_code == 200
    return response


def found(response, kind):
    group = next(g for g in response.context["groups"] if g.kind.key == kind)
    return [hit.title for hit in group.hits]


def test_it_understands_russian_word_forms(client, portal_content):
    response = search(client, "воронки")
    assert found(response, "terms")[0] == "Воронка продаж"
    assert "Воронка продаж на практике" in found(response, "articles")
    assert "amoCRM" in found(response, "products")  # "с воронкой сделок" in the summary


def test_it_ranks_a_name_above_a_mention_in_the_text(client, portal_content):
    # "Лид" mentions the funnel in its definition (weight C); the funnel term has it in its
    # name (A).
    assert found(search(client, "воронка продаж"), "terms") == ["Воронка продаж", "Лид"]


@pytest.mark.parametrize(
    ("query", "kind", "expected"),
    [
        ("amocrn", "products", "amoCRM"),  # typo
        ("битрикс 24", "products", "Битрикс24"),
        ("битрикс", "products", "Битрикс24"),
        ("салесфорс", "products", "Salesforce Sales Cloud"),  # Russian spelling of a Latin name
        ("ворнка продаж", "terms", "Воронка продаж"),  # a letter missing
        ("bitrix24", "products", "Битрикс24"),  # transliteration
        ("амоцрм", "products", "amoCRM"),
        ("амо срм", "products", "amoCRM"),
        ("фьщскь", "products", "amoCRM"),  # amocrm typed with the Russian layout on
        ("djhjyrf", "terms", "Воронка продаж"),  # воронка typed with the Latin layout on
    ],
)
def test_it_finds_what_was_meant(client, portal_content, query, kind, expected):
    assert found(search(client, query), kind)[0] == expected


def test_it_suggests_what_was_probably_meant_when_the_query_matched_only_loosely(
    client, portal_content
):
    response = search(client, "фьщскь")
    assert response.context["suggestion"] == "amoCRM"
    assert "Возможно, вы искали" in response.content.decode()
    assert search(client, "воронки").context["suggestion"] is None  # found as typed


def test_it_never_shows_drafts_or_unpublished_rows(client, portal_content):
    response = search(client, "черновик воронка скрытый")
    titles = [hit.title for group in response.context["groups"] for hit in group.hits]
    assert "Черновик CRM" not in titles
    assert "Черновик о воронке" not in titles
    assert "Скрытый термин" not in titles
    html = search(client, "воронка").content.decode()
    assert "Черновик" not in html and "Скрытый" not in html


def test_it_groups_by_kind_with_counts_and_shows_one_kind_on_its_own(client, portal_content):
    response = search(client, "воронка")
    totals = {g.kind.key: g.total for g in response.context["groups"]}
    assert totals == {"products": 1, "terms": 2, "articles": 1}
    only = search(client, "воронка", kind="terms")
    assert [g.kind.key for g in only.context["groups"]] == ["terms"]


def test_it_highlights_the_matched_words_and_escapes_the_rest(client, portal_content):
    TermFactory(
        name="Опасный термин",
        slug="xss",
        summary="<script>alert(1)</script> про воронку",
        definition="Текст.",
    )
    html = search(client, "воронку").content.decode()
    assert "<mark>воронку</mark>" in html
    assert "<script>alert(1)</script>" not in html
    # Whatever the database returns is escaped before the markers become <mark>.
    assert snippet_html(f"<b>x</b> {MARK_START}слово{MARK_END} **жирно**") == (
        "&lt;b&gt;x&lt;/b&gt; <mark>слово</mark> жирно"
    )


HOSTILE = [
    "",
    "   ",
    "a",
    "я" * 1500,
    "&|!:*()'\"\\",
    "воронка & | ! : *",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "воронка\x00продаж",
    "%",
    "((((((((((",
    "!!!!",
    "a:* & b:*",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_it_answers_any_query_with_a_normal_page(client, portal_content, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


def test_it_survives_invalid_percent_encodings(client, portal_content):
    for raw in ["q=%ff%fe", "q=%E0%A4%A", "q=%2", "q=%00%00", "q=abc&kind=%ff", "q=ab&page=%"]:
        assert client.get(f"/search/?{raw}").status_code == 200, raw


def test_it_says_when_a_query_is_too_short_or_too_long(client, portal_content):
    assert "Введите хотя бы 2 символа" in search(client, "я").content.decode()
    html = search(client, "воронка " * 50).content.decode()
    assert "Запрос слишком длинный: учтены первые 100 символов." in html


def test_it_counts_queries_that_found_nothing_without_storing_who_asked(client, portal_content):
    search(client, "  Бухгалтерия   ДЛЯ Кошек ")
    search(client, "бухгалтерия для кошек")
    search(client, "воронка")  # found: not counted
    assert list(SearchMiss.objects.values_list("query", "count")) == [("бухгалтерия для кошек", 2)]
    fields = {f.name for f in SearchMiss._meta.get_fields()}
    assert fields == {"id", "query", "count", "first_seen", "last_seen"}


def test_the_catalog_filter_uses_the_same_engine(client, portal_content):
    response = client.get("/catalog/?q=фьщскь")
    assert [p.name for p in response.context["page_obj"].object_list] == ["amoCRM"]
    response = client.get("/catalog/?q=воронки")
    catalog = {p.name for p in response.context["page_obj"].object_list}
    assert catalog == set(found(search(client, "воронки"), "products"))


def test_the_header_box_searches_the_whole_portal(client, portal_content):
    html = client.get("/").content.decode()
    assert '<form class="site-search" role="search" method="get" action="/search/">' in html
    html = search(client, "воронка").content.decode()
    assert 'id="site-search-q" type="search" name="q"' in html
    assert 'value="воронка"' in html


def test_it_keeps_the_index_current_when_editors_save(client, portal_content):
    item = product(name="Новинка", slug="novinka", summary="Ничего особенного.")
    assert found(search(client, "новинка"), "products") == ["Новинка"]
    item.name = "Переименованная система"
    item.save()
    assert found(search(client, "переименованная"), "products") == ["Переименованная система"]
    item.tags.add("импортозамещение")
    assert found(search(client, "импортозамещение"), "products") == ["Переименованная система"]
    item.vendor.name = "Уникальный разработчик"
    item.vendor.save()
    assert found(search(client, "уникальный разработчик"), "products") == [
        "Переименованная система"
    ]


def test_it_spells_names_every_way_a_visitor_may_type_them():
    assert "амоцрм" in aliases("amoCRM").split()
    assert "амосрм" in aliases("amoCRM").split()
    assert "bitriks24" in aliases("Битрикс24").split()
    assert variants("фьщскь")[1] == "amocrm"
    assert "воронка" in variants("djhjyrf")


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize("extra", [0, 40])
def test_it_searches_in_a_fixed_number_of_queries(client, portal_content, extra):
    for index in range(extra):
        product(name=f"Воронка {index}", summary="воронка продаж")
        TermFactory(name=f"Воронка {index}", summary="воронка")
        ArticleFactory(title=f"О воронке {index}")
    queries, _response = budget_queries(client, "/search/?q=воронка продаж")
    # the exact term («Воронка продаж» is the best match), the intents, which words occur
    # (an aggregate per kind), and per kind the ranked page with its total, then the
    # snippets of the shown rows
    assert len(queries) == 1 + 1 + 3 + 6


def test_editors_see_the_misses_most_frequent_first(admin_client):
    SearchMiss.objects.create(query="редкий", count=1)
    SearchMiss.objects.create(query="частый", count=7)
    response = admin_client.get(reverse("admin:portal_searchmiss_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Поиски без результатов" in html
    assert html.index("частый") < html.index("редкий")
    assert admin_client.get(reverse("admin:portal_searchmiss_add")).status_code == 403
