"""Pickers that scale: autocomplete for products and terms, tag suggestions."""

import pytest
from django.urls import reverse

from glossary.factories import ArticleFactory, TermFactory
from tests.catalog.helpers import product

pytestmark = pytest.mark.django_db


def test_the_term_form_loads_no_product_list(admin_client):
    for i in range(30):
        product(name=f"Продукт для списка {i}")
    term = TermFactory()
    html = admin_client.get(reverse("admin:glossary_term_change", args=[term.pk])).content.decode()
    assert "Продукт для списка" not in html  # no <option> per product: a search box instead
    assert 'data-field-name="example_products"' in html
    assert 'data-field-name="related_terms"' in html


def test_the_example_products_autocomplete_offers_published_products_only(admin_client):
    product(name="Видимая CRM")
    product(name="Черновая CRM", is_published=False)
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "glossary",
            "model_name": "term",
            "field_name": "example_products",
            "term": "CRM",
        },
    )
    names = [row["text"] for row in response.json()["results"]]
    assert names == ["Видимая CRM"]
    # The product's own pickers (a successor) still find drafts.
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "catalog", "model_name": "product", "field_name": "successor", "term": "CRM"},
    )
    assert len(response.json()["results"]) == 2


def test_the_tag_box_suggests_tags_in_use_by_that_kind_of_content(admin_client):
    product(tags=["b2b", "ритейл"])
    ArticleFactory().tags.add("кейс")
    html = admin_client.get(reverse("admin:catalog_product_add")).content.decode()
    assert 'list="id_tags-suggestions"' in html
    assert '<option value="b2b">' in html and '<option value="ритейл">' in html
    assert '<option value="кейс">' not in html
