"""Bad input on the catalog never fails: 200 with the filter ignored and a visible note."""

import pytest

from tests.catalog.helpers import product

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_products(crm_class, funnel):
    return [
        product(name="Alpha", product_class=crm_class, capabilities=[funnel]),
        product(name="Beta"),
    ]


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ("class=nope", "Фильтр «Класс» не применён: значение «nope» не подходит."),
        ("vendor=nope", "Фильтр «Разработчик» не применён: значение «nope» не подходит."),
        ("capability=nope", "Не найдено и не учтено в фильтре «Возможности»: «nope»."),
        ("tag=nope", "Не найдено и не учтено в фильтре «Теги»: «nope»."),
        ("price_max=abc", "Фильтр «Цена до, ₽» не применён: значение «abc» не подходит."),
        ("price_max=-5", "Фильтр «Цена до, ₽» не применён: значение «-5» не подходит."),
        ("deployment=mars", "Фильтр «Развёртывание» не применён: значение «mars» не подходит."),
        ("sort=random", "Фильтр «Сортировка» не применён: значение «random» не подходит."),
        ("free_plan=yes", "Фильтр «Бесплатный тариф» не применён: значение «yes» не подходит."),
        ("page=abc", "Страницы «abc» нет: показана страница 1."),
        ("page=999999", "Страницы «999999» нет: показана страница 1."),
        ("q=" + "ж" * 500, "Поисковый запрос слишком длинный: учтены первые 100 символов."),
        ("sort=name&sort=price", "Параметр «Сортировка» указан несколько раз"),
    ],
)
def test_it_ignores_a_bad_parameter_with_a_note(client, two_products, query, note):
    response = client.get(f"/catalog/?{query}")
    html = response.content.decode()
    assert response.status_code == 200
    assert note in html
    assert 'class="notes"' in html


def test_it_keeps_the_known_capabilities_when_one_is_unknown(client, two_products):
    response = client.get("/catalog/?capability=nope&capability=funnel-snapshot")
    assert [p.name for p in response.context["page_obj"]] == ["Alpha"]
    assert "«nope»" in response.content.decode()


def test_it_shows_everything_when_the_class_is_unknown(client, two_products):
    response = client.get("/catalog/?class=nope")
    assert [p.name for p in response.context["page_obj"]] == ["Alpha", "Beta"]
    assert response.context["chips"] == []


def test_it_uses_the_last_of_repeated_single_values(client, two_products, vendor):
    product(name="Acme product", vendor=vendor)
    response = client.get("/catalog/?vendor=nope&vendor=acme")
    assert [p.name for p in response.context["page_obj"]] == ["Acme product"]
    assert "указан несколько раз" in response.content.decode()


def test_it_shows_the_last_page_for_a_page_past_the_end(client, two_products, settings):
    for i in range(25):
        product(name=f"Extra {i:02d}")
    response = client.get("/catalog/?page=999999")
    assert response.status_code == 200
    assert response.context["page_obj"].number == 2


def test_it_answers_with_no_note_for_good_input(client, two_products):
    response = client.get("/catalog/?class=crm")
    assert response.status_code == 200
    assert response.context["notes"] == []
    assert 'class="notes"' not in response.content.decode()


def test_it_survives_null_bytes_and_odd_characters(client, two_products):
    response = client.get("/catalog/", {"q": "a\x00b", "class": "<script>", "capability": "%"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<body>")[1].split("site.js")[0]


def test_it_answers_404_for_a_missing_or_unpublished_product(client):
    hidden = product(is_published=False)
    assert client.get("/catalog/no-such-product/").status_code == 404
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get("/catalog/vendors/no-such-vendor/").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"tag": "\x00"},
        {"tag": "a\x00b"},
        {"capability": "\x00"},
        {"capability": ["a\x00b", "funnel-snapshot"]},
    ],
)
def test_it_survives_null_bytes_in_repeatable_slugs(client, two_products, query):
    response = client.get("/catalog/", query)
    assert response.status_code == 200


def test_it_survives_null_bytes_in_the_compared_products(client, two_products):
    slugs = [p.slug for p in two_products]
    response = client.get("/catalog/compare/", {"products": f"{slugs[0]}\x00,{slugs[1]}"})
    assert response.status_code == 200
    assert "Alpha" in response.content.decode()


def test_it_treats_an_article_tag_as_unknown_in_the_catalog(client, two_products):
    from glossary.factories import ArticleFactory

    ArticleFactory(tags=["только-статьи"])
    response = client.get("/catalog/", {"tag": "только-статьи"})
    assert "Не найдено и не учтено в фильтре «Теги»" in response.content.decode()
    assert response.context["paginator"].count == 2


COMPARE_GARBAGE = [
    "",
    "\x00",
    "a" * 5000,
    ",,,,",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "99999999999999999999",
    "%ZZ",
]


@pytest.mark.parametrize("name", ["products", "diff", "format"])
@pytest.mark.parametrize("value", COMPARE_GARBAGE)
def test_it_compares_whatever_the_parameters_hold(client, two_products, name, value):
    params = {"products": ",".join(p.slug for p in two_products), name: value}
    response = client.get("/catalog/compare/", params)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_it_compares_with_slugs_repeated_200_times_and_raw_bad_encodings(client, two_products):
    slugs = [p.slug for p in two_products]
    query = "&".join(f"products={slugs[i % 2]}" for i in range(200))
    response = client.get(f"/catalog/compare/?{query}&products=nope")
    assert response.status_code == 200
    assert "Указаны несколько раз" in response.content.decode()
    for raw in ["products=%ff%fe", "products=%00", "products=%E0%A4%A", "diff=%2", "%%%"]:
        assert client.get(f"/catalog/compare/?{raw}").status_code == 200, raw
