"""Editors manage the catalog in Django admin."""

import re

import pytest
from django.urls import reverse

from catalog.factories import CapabilityFactory
from catalog.models import Product
from tests.catalog.helpers import product

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(admin_client):
    return admin_client


@pytest.mark.parametrize("model", ["vendor", "productclass", "capability", "product"])
def test_it_shows_changelists_and_add_forms(editor, model, crm_class, vendor, funnel):
    product(product_class=crm_class, vendor=vendor, capabilities=[funnel])
    assert editor.get(reverse(f"admin:catalog_{model}_changelist")).status_code == 200
    assert editor.get(reverse(f"admin:catalog_{model}_changelist"), {"q": "a"}).status_code == 200
    assert editor.get(reverse(f"admin:catalog_{model}_add")).status_code == 200


def test_it_filters_the_product_changelist(editor, crm_class):
    product(name="Published CRM", product_class=crm_class)
    product(name="Draft CRM", product_class=crm_class, is_published=False)
    response = editor.get(reverse("admin:catalog_product_changelist"), {"is_published__exact": "0"})
    assert [p.name for p in response.context["cl"].result_list] == ["Draft CRM"]


def test_it_shows_the_change_form_with_the_capability_matrix_and_view_on_site(editor, funnel):
    item = product(capabilities=[funnel])
    response = editor.get(reverse("admin:catalog_product_change", args=[item.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'name="capability_{funnel.pk}_note"' in html
    assert re.search(rf'name="capability_{funnel.pk}" value="confirmed"[^>]*checked', html)
    assert "viewsitelink" in html
    assert "data-autocomplete-light-url" in html or "admin-autocomplete" in html


def test_it_saves_a_product_with_a_capability_and_tags(editor, crm_class, vendor):
    capability = CapabilityFactory(slug="complaint-handling")
    data = {
        "name": "Новая CRM",
        "slug": "novaya-crm",
        "vendor": vendor.pk,
        "product_class": crm_class.pk,
        "summary": "Кратко",
        "description": "",
        "deployment": "both",
        "pricing_model": "per-user-month",
        "price_amount": "990",
        "price_currency": "RUB",
        "russia_availability": "available",
        "registry_status": "unknown",
        "data_location": "russia",
        "erp_platform": "",
        "website": "",
        "tags": "b2b, ритейл",
        "successor": "",
        "is_published": "on",
        "data_verified_on": "2026-11-20",  # not a form field: only the admin action sets it
        "fact_sources-TOTAL_FORMS": "1",
        "fact_sources-INITIAL_FORMS": "0",
        "fact_sources-0-fact": "price",
        "fact_sources-0-url": "https://novaya-crm.example/prices",
        "fact_sources-0-checked_on": "2026-11-20",
        "price_plans-TOTAL_FORMS": "0",
        "price_plans-INITIAL_FORMS": "0",
        "lifecycle": "active",
        f"capability_{capability.pk}": "confirmed",
        f"capability_{capability.pk}_note": "через обращения",
    }
    response = editor.post(reverse("admin:catalog_product_add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    saved = Product.objects.get(slug="novaya-crm")
    assert saved.price_from == 990  # derived from the rouble price per user per month
    assert saved.data_verified_on is None
    assert list(saved.fact_sources.values_list("fact", "url")) == [
        ("price", "https://novaya-crm.example/prices")
    ]
    assert list(saved.product_capabilities.values_list("capability__slug", "note")) == [
        ("complaint-handling", "через обращения")
    ]
    assert sorted(saved.tags.names()) == ["b2b", "ритейл"]


def test_it_autocompletes_vendors(editor, vendor):
    response = editor.get(
        reverse("admin:autocomplete"),
        {"app_label": "catalog", "model_name": "product", "field_name": "vendor", "term": "ac"},
    )
    assert response.status_code == 200
    assert response.json()["results"][0]["text"] == "Acme"


def test_it_refuses_a_product_slug_taken_by_a_catalog_section(editor, crm_class, vendor):
    response = editor.post(
        reverse("admin:catalog_product_add"),
        {
            "name": "Compare",
            "slug": "compare",
            "vendor": vendor.pk,
            "product_class": crm_class.pk,
            "summary": "s",
            "deployment": "cloud",
            "russia_availability": "unknown",
            "registry_status": "unknown",
            "data_location": "unknown",
            "fact_sources-TOTAL_FORMS": "0",
            "fact_sources-INITIAL_FORMS": "0",
            "product_capabilities-TOTAL_FORMS": "0",
            "product_capabilities-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "занят разделом каталога" in response.content.decode()
    assert not Product.objects.filter(slug="compare").exists()
