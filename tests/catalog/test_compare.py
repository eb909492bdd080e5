"""Side-by-side comparison of 2 to 4 products."""

import pytest

from catalog.compare import parse_product_slugs
from catalog.models import Deployment
from core.bench import budget_queries
from tests.catalog.helpers import product

pytestmark = pytest.mark.django_db


@pytest.fixture
def trio(crm_class, sfa_class, funnel, api):
    return [
        product(name="Alpha", slug="alpha", product_class=crm_class, capabilities=[funnel, api]),
        product(
            name="Beta",
            slug="beta",
            product_class=sfa_class,
            capabilities=[funnel],
            absent=[api],
            deployment=Deployment.ON_PREMISE,
            price_from=None,
        ),
        product(name="Gamma", slug="gamma", capabilities=[funnel]),
    ]


def test_it_reads_comma_separated_and_repeated_slugs_without_duplicates():
    assert parse_product_slugs(["a, b,,A", "c"]) == (
        ["a", "b", "c"],
        ["Указаны несколько раз и учтены один раз: «a»."],
    )
    assert parse_product_slugs(["a,b", "c"]) == (["a", "b", "c"], [])
    slugs, notes = parse_product_slugs(["a,b,c,d,e"])
    assert slugs == ["a", "b", "c", "d"]
    assert notes == ["Сравнить можно не больше 4 продуктов: показаны первые 4."]


def test_it_stops_reading_a_huge_list_early():
    slugs, notes = parse_product_slugs([",".join(f"p{i}" for i in range(100_000))])
    assert slugs == ["p0", "p1", "p2", "p3"]
    assert notes


def test_it_compares_products_side_by_side_and_highlights_differences(client, trio):
    response = client.get("/catalog/compare/?products=beta,alpha")
    html = response.content.decode()
    assert response.status_code == 200
    assert [p.slug for p in response.context["products"]] == ["beta", "alpha"]
    rows = {row.capability.slug: row for _, rows in response.context["groups"] for row in rows}
    assert rows["funnel-snapshot"].differs is False
    assert rows["open-api"].differs is True
    assert rows["open-api"].notes == [None, ""]
    facts = {row.label: row for row in response.context["facts"]}
    assert facts["Класс"].values == ["SFA-система", "CRM-система"]
    assert facts["Класс"].differs and facts["Развёртывание"].differs
    assert not facts["Бесплатный тариф"].differs
    # class, deployment, price and the open-api row
    assert html.count('class="compare-table__diff"') == 4
    assert "Коробка (на своём сервере)" in html and "нет данных" in html
    assert "SFA-система" in html and "CRM-система" in html


def test_it_accepts_the_checkbox_form_from_the_list(client, trio):
    response = client.get("/catalog/compare/?products=alpha&products=gamma")
    assert [p.slug for p in response.context["products"]] == ["alpha", "gamma"]


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ("", "Для сравнения нужно от 2 до 4 продуктов."),
        ("?products=alpha", "Для сравнения нужно от 2 до 4 продуктов."),
        ("?products=alpha,nope", "Не найдены в каталоге и пропущены: «nope»."),
        ("?products=alpha,beta,gamma,x,y", "Сравнить можно не больше 4 продуктов"),
    ],
)
def test_it_explains_a_bad_selection(client, trio, query, note):
    response = client.get(f"/catalog/compare/{query}")
    assert response.status_code == 200
    assert note in response.content.decode()


def test_it_skips_unknown_and_unpublished_slugs_but_compares_the_rest(client, trio):
    product(slug="draft", is_published=False)
    response = client.get("/catalog/compare/?products=alpha,draft,nope,beta")
    assert [p.slug for p in response.context["products"]] == ["alpha", "beta"]
    assert "«draft», «nope»" in response.content.decode()


def test_it_offers_compare_checkboxes_in_the_list(client, trio):
    html = client.get("/catalog/").content.decode()
    assert (
        '<form id="compare-form" class="compare-bar" method="get" action="/catalog/compare/">'
        in html
    )
    assert 'name="products" value="alpha" form="compare-form"' in html


@pytest.mark.usefixtures("page_cache_off")
def test_it_compares_in_a_fixed_number_of_queries(client, trio):
    queries, _response = budget_queries(client, "/catalog/compare/?products=alpha,beta,gamma")
    assert len(queries) == 3


def test_it_keeps_only_the_differing_rows_without_javascript(client, trio):
    response = client.get("/catalog/compare/?products=alpha,beta&diff=1")
    facts = [row.label for row in response.context["facts"]]
    assert facts == ["Класс", "Развёртывание", "Цена"]
    rows = [row.capability.slug for _, rows in response.context["groups"] for row in rows]
    assert rows == ["open-api"]  # both have the funnel: the row is gone
    html = response.content.decode()
    assert 'href="?products=alpha%2Cbeta">Показать все строки</a>' in html


def test_it_downloads_the_table_as_csv_that_excel_reads(client, trio):
    response = client.get("/catalog/compare/?products=alpha,beta&format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="sravnenie-alpha-beta.csv"'
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffПараметр;Alpha;Beta\r\n")
    assert "Класс;CRM-система;SFA-система\r\n" in body
    assert "Открытый API;есть;нет\r\n" in body
    assert "Открытый API;есть;нет данных\r\n" in client.get(
        "/catalog/compare/?products=alpha,gamma&format=csv"
    ).content.decode("utf-8")  # Gamma's cell was never recorded: not "нет"
    assert client.get("/catalog/compare/?products=alpha&format=csv")["Content-Type"].startswith(
        "text/html"
    )  # nothing to download: the page explains why


def test_it_names_repeated_slugs(client, trio):
    html = client.get("/catalog/compare/?products=alpha,beta,alpha,ALPHA").content.decode()
    assert "Указаны несколько раз и учтены один раз: «alpha»." in html
