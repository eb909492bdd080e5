"""The site's counts agree with their number in Russian's three forms (locale/ru)."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from glossary.factories import TermFactory
from selection.prices import Cost
from tests.catalog.helpers import product


@pytest.mark.parametrize(
    ("users", "text"),
    [
        (1, "Для 1 пользователя"),
        (3, "Для 3 пользователей"),
        (11, "Для 11 пользователей"),
        (21, "Для 21 пользователя"),
        (25, "Для 25 пользователей"),
    ],
)
def test_the_wizards_cost_names_the_team_in_the_right_form(users, text):
    cost = Cost(
        users=users, seats=users, currency="RUB", monthly=Decimal(users * 500), yearly=Decimal(1)
    )
    html = render_to_string("selection/_cost.html", {"cost": cost})
    assert f"{text}:" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("count", "text"),
    [(1, "Найден 1 продукт"), (3, "Найдено 3 продукта"), (5, "Найдено 5 продуктов")],
)
def test_the_catalog_counts_its_products_in_the_right_form(client, count, text):
    for index in range(count):
        product(name=f"Продукт {index}")
    assert text in client.get("/catalog/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("count", "text"),
    [(1, "найден 1 термин."), (2, "найдено 2 термина."), (5, "найдено 5 терминов.")],
)
def test_the_glossary_filter_counts_terms_in_the_right_form(client, count, text):
    for index in range(count):
        TermFactory(name=f"Воронка {index}", summary="воронка продаж")
    assert f"По запросу «воронка» {text}" in client.get("/glossary/?q=воронка").content.decode()
