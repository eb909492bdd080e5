"""The admin speaks correct Russian about our models: cases, plural forms, readable rows."""

import re

import pytest
from django.urls import reverse

from catalog.models import Capability
from glossary.factories import TermFactory
from tests.catalog.helpers import product

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("count", "text"), [(1, "1 продукт"), (3, "3 продукта"), (5, "5 продуктов")]
)
def test_the_list_counts_in_the_right_form(admin_client, count, text):
    for _ in range(count):
        product()
    html = admin_client.get(reverse("admin:catalog_product_changelist")).content.decode()
    assert text in html


def test_model_names_fit_the_admins_sentences(admin_client):
    html = admin_client.get(reverse("admin:catalog_vendor_add")).content.decode()
    assert "Добавить профиль разработчика" in html
    html = admin_client.get(reverse("admin:catalog_vendor_changelist")).content.decode()
    assert "Выберите профиль разработчика для изменения" in html


def test_messages_say_what_happened_whatever_the_names_gender(admin_client):
    response = admin_client.post(
        reverse("admin:catalog_capability_add"),
        {"name": "Телефония", "slug": "telefoniya", "group": "integration", "order": "1"},
        follow=True,
    )
    assert Capability.objects.filter(slug="telefoniya").exists()
    html = response.content.decode()
    assert re.search(r"Добавлено: возможность «<a [^>]+>Телефония</a>»\.", html)


def test_a_bulk_delete_counts_in_the_right_form(admin_client):
    items = [product() for _ in range(3)]
    response = admin_client.post(
        reverse("admin:catalog_product_changelist"),
        {"action": "delete_selected", "_selected_action": [p.pk for p in items], "post": "yes"},
        follow=True,
    )
    assert "Удалено: 3 продукта." in response.content.decode()


def test_the_delete_page_names_link_rows_readably(admin_client):
    item = product(name="Связанная CRM")
    TermFactory(name="Воронка продаж").example_products.add(item)
    url = reverse("admin:catalog_product_delete", args=[item.pk])
    html = admin_client.get(url).content.decode()
    assert "Связь термина с продуктом: Воронка продаж — Связанная CRM" in html
    assert "object (" not in html
