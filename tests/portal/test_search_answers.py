"""What /search/ puts above its results: intent cards from editors' data, the best match
first (definition, product, comparison, alternatives, material), and a useful miss."""

import pytest
from django.urls import reverse

from catalog.models import Lifecycle, RussiaAvailability
from glossary.factories import ArticleFactory, TermFactory
from portal.models import SearchIntent, SearchMiss
from tests.catalog.helpers import product

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(crm_class, sfa_class, funnel):
    product(name="amoCRM", slug="amocrm", product_class=sfa_class, capabilities=[funnel])
    product(
        name="Битрикс24",
        slug="bitrix24",
        product_class=crm_class,
        capabilities=[funnel],
        has_free_plan=True,
        summary="CRM и задачи для компании.",
    )
    product(
        name="Мегаплан",
        slug="megaplan",
        capabilities=[funnel],
        has_free_plan=True,
        summary="Задачи и продажи.",
    )
    product(
        name="Старая CRM",
        slug="old-crm",
        summary="CRM для отдела продаж.",
        russia_availability=RussiaAvailability.WITHDRAWN,
    )
    product(
        name="Забытая CRM",
        slug="forgotten-crm",
        summary="CRM для отдела продаж.",
        lifecycle=Lifecycle.DISCONTINUED,
    )
    TermFactory(
        name="SFA-система",
        slug="sfa-sistema",
        abbreviation="SFA",
        synonyms="система автоматизации продаж",
        summary="Система автоматизации продаж без CRM-подхода.",
    )
    ArticleFactory(title="Как выбрать CRM-систему: пошаговый план", slug="kak-vybrat")
    SearchIntent.objects.create(
        phrases="бесплатная\nбесплатно", label="Бесплатные CRM-системы", query="free_plan=1"
    )
    SearchIntent.objects.create(
        phrases="торговые представители",
        label="Подбор для торговых представителей",
        target=SearchIntent.Target.WIZARD,
        query="task=field",
    )


def page(client, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    return response


def keys(response):
    return [answer.key for answer in response.context["answers"]]


def test_an_intent_opens_the_catalog_with_its_filter_and_counts_it(client, content):
    response = page(client, "бесплатная crm")
    (answer,) = response.context["answers"]
    assert (answer.title, answer.count) == ("Бесплатные CRM-системы", 2)
    assert answer.url == "/catalog/?free_plan=1"
    html = response.content.decode()
    assert "Бесплатные CRM-системы: 2" in html and 'href="/catalog/?free_plan=1"' in html


def test_the_words_an_intent_leaves_search_within_it(client, content):
    (answer,) = page(client, "бесплатные задачи").context["answers"]
    assert answer.url == "/catalog/?free_plan=1&q=%D0%B7%D0%B0%D0%B4%D0%B0%D1%87%D0%B8"
    assert answer.count == 2  # both free products mention задачи


def test_an_intent_may_open_the_wizard_with_its_answers(client, content):
    response = page(client, "crm для торговых представителей")
    assert keys(response) == ["wizard:task=field"]
    assert "Открыть подбор" in response.content.decode()


def test_an_editor_adds_an_intent_and_search_answers_with_it(client, content):
    assert keys(page(client, "облачная crm")) == []
    SearchIntent.objects.create(phrases="облачная", label="Облачные", query="deployment=cloud")
    assert keys(page(client, "облачная crm")) == ["catalog:deployment=cloud"]


def test_a_term_named_with_what_is_comes_first(client, content):
    assert keys(page(client, "что такое sfa")) == ["term:sfa-sistema"]
    assert keys(page(client, "sfa")) == ["term:sfa-sistema"]


def test_a_product_named_comes_first_and_alternatives_and_comparisons_follow_the_wording(
    client, content
):
    assert keys(page(client, "амоцрм")) == ["product:amocrm"]
    assert keys(page(client, "аналог amocrm")) == ["alternatives:amocrm"]
    assert keys(page(client, "амо или битрикс24")) == ["compare:amocrm,bitrix24"]
    response = page(client, "bitrix24 vs amocrm")
    assert 'href="/catalog/compare/?products=bitrix24,amocrm"' in response.content.decode()
    assert keys(page(client, "мегаплан тарифы")) == ["product:megaplan"]


def test_a_question_is_answered_by_the_material(client, content):
    assert keys(page(client, "как выбрать crm"))[0] == "article:kak-vybrat"


def test_a_partial_match_says_which_words_were_not_found(client, content):
    response = page(client, "мегаплан абракадабра")
    assert response.context["missing_words"] == ["абракадабра"]
    assert "Не найдено: «абракадабра»" in response.content.decode()


def test_gone_and_discontinued_products_rank_last_and_carry_a_badge(client, content):
    response = page(client, "crm для отдела продаж")
    products = next(g for g in response.context["groups"] if g.kind.key == "products")
    names = [hit.title for hit in products.hits]
    assert set(names[-2:]) == {"Старая CRM", "Забытая CRM"}
    html = response.content.decode()
    assert "ушёл из России" in html and "больше не развивается" in html


def test_a_query_mostly_unknown_is_a_miss_that_says_what_to_do(client, content):
    response = page(client, "купить слона задачи абракадабра")
    assert response.context["groups"] == []
    assert response.context["found_words"] == ["задачи"]
    html = response.content.decode()
    assert 'href="?q=%D0%B7%D0%B0%D0%B4%D0%B0%D1%87%D0%B8"' in html
    assert 'href="/selection/"' in html and 'href="/glossary/"' in html
    assert SearchMiss.objects.filter(query="купить слона задачи абракадабра").exists()


def test_a_miss_offers_the_closest_names(client, content):
    response = page(client, "qwertyuiop")
    assert response.context["miss"]
    assert "подобрать CRM по задачам и бюджету" in response.content.decode()


@pytest.mark.parametrize(
    ("target", "query", "error"),
    [
        ("catalog", "free=1", "Страница не знает параметра «free»."),
        ("catalog", "deployment=moon", "значение «moon» не подходит"),
        ("wizard", "free_plan=1", "Страница не знает параметра «free_plan»."),
        ("catalog", "", "Обязательное поле."),
    ],
)
def test_the_admin_refuses_parameters_the_page_would_not_read(admin_client, target, query, error):
    data = {"label": "Карточка", "phrases": "слово", "target": target, "query": query}
    data["order"] = "0"
    response = admin_client.post(reverse("admin:portal_searchintent_add"), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not SearchIntent.objects.exists()


def test_the_admin_saves_a_valid_intent(admin_client, funnel):
    data = {
        "label": "С воронкой",
        "phrases": "воронка",
        "target": "catalog",
        "query": "capability=funnel-snapshot",
        "order": "0",
        "is_published": "on",
    }
    response = admin_client.post(reverse("admin:portal_searchintent_add"), data)
    assert response.status_code == 302
    assert SearchIntent.objects.get().query == "capability=funnel-snapshot"


def test_a_card_whose_words_empty_its_list_opens_the_filter_alone(client, content):
    (answer,) = page(client, "бесплатная абракадабра").context["answers"]
    assert (answer.url, answer.count) == ("/catalog/?free_plan=1", 2)


def test_a_card_whose_filter_holds_nothing_is_not_shown(client, content):
    SearchIntent.objects.create(phrases="реестр", label="В реестре", query="registry=yes")
    assert keys(page(client, "crm в реестре")) == []
