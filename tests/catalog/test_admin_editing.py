"""The product form and list for editors: capabilities on one screen, drafts, class check."""

import pytest
from django.urls import reverse

from catalog.factories import CapabilityFactory, ProductCapabilityFactory, VendorFactory
from catalog.models import Product, ProductCapability
from tests.catalog.helpers import crm_criteria, product, product_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(admin_client):
    return admin_client


def _change(editor, item, **changes):
    url = reverse("admin:catalog_product_change", args=[item.pk])
    return editor.post(url, product_form(item, **changes))


def test_the_matrix_records_every_cell_and_a_cleared_mark_is_unknown(editor):
    kept, cleared, added = (CapabilityFactory(group="sales") for _ in range(3))
    item = product(capabilities=[kept, cleared])
    response = _change(
        editor,
        item,
        **{
            f"capability_{kept.pk}": "absent",
            f"capability_{kept.pk}_note": "только в тарифе «Про»",
            f"capability_{kept.pk}_basis": "docs",
            f"capability_{cleared.pk}": "",
            f"capability_{added.pk}": "confirmed",
        },
    )
    assert response.status_code == 302
    rows = dict(
        ProductCapability.objects.filter(product=item).values_list("capability_id", "status")
    )
    # Nothing sent for a cell reads as «нет данных», never as «нет».
    assert rows == {kept.pk: "absent", cleared.pk: "unknown", added.pk: "confirmed"}
    assert ProductCapability.objects.get(capability=kept).note == "только в тарифе «Про»"
    assert CapabilityFactory._meta.model.objects.filter(pk=cleared.pk).exists()  # never deleted


def test_a_source_without_a_mark_is_a_form_error(editor):
    capability = CapabilityFactory()
    item = product()
    response = _change(
        editor,
        item,
        **{f"capability_{capability.pk}_source_url": "https://example.com/docs"},
    )
    assert response.status_code == 200
    assert "У отметки «нет данных» нет источника" in response.content.decode()
    assert not item.product_capabilities.exclude(status="unknown").exists()


def test_the_matrix_groups_capabilities_as_the_site_does(editor):
    CapabilityFactory(name="Телефония", group="integration")
    CapabilityFactory(name="Воронка", group="sales")
    html = editor.get(reverse("admin:catalog_product_add")).content.decode()
    # Groups in the site's order (sales before integrations), each a captioned table.
    assert html.index("<caption>Продажи</caption>") < html.index("<caption>Интеграции</caption>")
    assert html.index("Воронка") < html.index("Телефония")


def test_a_new_product_starts_as_a_draft(editor):
    html = editor.get(reverse("admin:catalog_product_add")).content.decode()
    assert 'name="is_published"' in html and 'name="is_published" checked' not in html
    assert Product._meta.get_field("is_published").default is False


def test_staff_preview_a_draft_with_a_banner_visitors_get_404(editor):
    draft = product(is_published=False, name="Черновая CRM")
    html = editor.get(draft.get_absolute_url()).content.decode()
    assert "Черновик — видно только редакции" in html and "продукт не опубликован" in html
    assert '<meta name="robots" content="noindex">' in html
    editor.logout()
    assert editor.get(draft.get_absolute_url()).status_code == 404


def test_publish_and_unpublish_actions(editor):
    drafts = [product(is_published=False) for _ in range(2)]
    url = reverse("admin:catalog_product_changelist")
    pks = [p.pk for p in drafts]
    editor.post(url, {"action": "publish", "_selected_action": pks})
    assert Product.objects.filter(pk__in=pks, is_published=True).count() == 2
    assert editor.get(drafts[0].get_absolute_url()).status_code == 200
    editor.post(url, {"action": "unpublish", "_selected_action": pks[:1]})
    assert not Product.objects.get(pk=pks[0]).is_published


def test_the_editor_is_warned_when_capabilities_contradict_the_class(editor, crm_class):
    criteria = crm_criteria()
    item = product(product_class=crm_class, capabilities=criteria)
    # Most criteria now known to be lacking: the data say SFA, the label says CRM.
    lacking = {f"capability_{c.pk}": "absent" for c in criteria[:3]}
    response = _change(editor, item, **lacking, _continue="1")
    page = editor.get(response["Location"]).content.decode()
    assert "Проверьте класс" in page and "ближе к SFA-системе" in page
    listing = editor.get(reverse("admin:catalog_product_changelist")).content.decode()
    assert "⚠ проверить" in listing


def test_the_class_check_column_costs_a_fixed_number_of_queries(
    editor, crm_class, django_assert_max_num_queries
):
    criteria = crm_criteria()
    url = reverse("admin:catalog_product_changelist")
    for _ in range(3):
        product(product_class=crm_class, capabilities=criteria)
    editor.get(url)
    with django_assert_max_num_queries(20) as few:
        editor.get(url)
    for _ in range(20):
        ProductCapabilityFactory(product=product(product_class=crm_class), capability=criteria[0])
    with django_assert_max_num_queries(len(few.captured_queries)):
        editor.get(url)


def test_the_vendor_filter_is_a_search_box(editor):
    for name in ["Альфа Софт", "Бета Системс", "Гамма"]:
        product(vendor=VendorFactory(name=name), name=f"CRM от {name}")
    url = reverse("admin:catalog_product_changelist")
    html = editor.get(url, {"vendor_name": "бета"}).content.decode()
    assert "CRM от Бета Системс" in html and "CRM от Альфа Софт" not in html
    assert 'type="search" name="vendor_name" value="бета"' in html


def test_a_bare_domain_becomes_an_https_address(editor):
    item = product()
    response = _change(
        editor, item, website="novaya-crm.example", pricing_url="novaya-crm.example/ceny"
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.website == "https://novaya-crm.example"
    assert item.pricing_url == "https://novaya-crm.example/ceny"
