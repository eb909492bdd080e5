"""Editors export vendors and products with capabilities as CSV or XLSX and import them
back: a preview first, nothing lost on the way, history kept (catalog/admin/resources.py)."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.forms.models import model_to_dict
from django.urls import reverse

from catalog.factories import (
    CapabilityFactory,
    FactSourceFactory,
    ProductCapabilityFactory,
    ProductClassFactory,
    VendorFactory,
)
from catalog.models import Capability, FactSource, Product, ProductCapability, Vendor
from core import versions
from tests.catalog.helpers import confirm, export_file, import_file, product, rows_of, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    """Products with every kind of value the file must carry: empty and unknown facts,
    notes with separators in them, tags with a comma, a renaming chain whose successors
    sort after their predecessors."""
    crm = ProductClassFactory(slug="crm", name="CRM-система", kind="crm")
    acme = VendorFactory(slug="acme", name="Acme", country="Россия", founded_year=2001)
    funnel = CapabilityFactory(slug="funnel", name="Воронка", group="sales")
    api = CapabilityFactory(slug="api", name="API", group="platform")
    creatio = product(
        name="Creatio",
        slug="creatio",
        vendor=acme,
        product_class=crm,
        description="**Платформа**\n\nВторой абзац; с «кавычками», двоеточием: и | чертой.",
        pricing_model="per-user-month",
        price_amount=Decimal("1234.50"),
        price_currency="RUB",
        price_plan="Старт",
        pricing_url="https://creatio.example/prices",
        has_free_plan=None,
        has_trial=True,
        trial_days=14,
        russia_availability="withdrawn",
        russia_availability_changed_on=datetime.date(2022, 3, 1),
        russia_note="Новых лицензий нет",
        registry_status="no",
        data_location="abroad",
        erp_platform="",
        website="https://creatio.example/",
        tags=["b2b", "ушёл, но помним"],
    )
    bpm = product(
        name="BPMOnline",
        slug="bpmonline",
        vendor=acme,
        product_class=crm,
        successor=creatio,
        price_from=None,
        registry_status="yes",
        registry_entry="1234",
        is_published=False,
    )
    product(name="Alpha Terrasoft", slug="terrasoft", vendor=acme, product_class=crm, successor=bpm)
    ProductCapabilityFactory(product=creatio, capability=funnel, note="сделки; воронки: да")
    ProductCapabilityFactory(product=creatio, capability=api, status="unknown", note="")
    FactSourceFactory(
        product=creatio,
        fact=FactSource.Fact.PRICE,
        url="https://creatio.example/prices?a=1|2",
        checked_on=datetime.date(2026, 8, 13),
        note="по копии страницы",
    )
    FactSourceFactory(product=creatio, fact=FactSource.Fact.REGISTRY, note="")
    return Product.objects.all()


def snapshot():
    """Every imported value of every product, its capabilities, sources and tags."""
    skip = {"id", "search_vector", "search_aliases", "data_verified_by", "data_verified_on"}
    result = {}
    for item in Product.objects.select_related("vendor", "product_class", "successor"):
        fields = {k: v for k, v in model_to_dict(item).items() if k not in skip}
        fields.update(
            vendor=item.vendor.slug,
            product_class=item.product_class.slug,
            successor=item.successor and item.successor.slug,
            tags=sorted(item.tags.names()),
            capabilities=sorted(
                item.product_capabilities.values_list("capability__slug", "status", "note")
            ),
            sources=sorted(item.fact_sources.values_list("fact", "url", "checked_on", "note")),
        )
        result[item.slug] = fields
    return result


def wipe():
    ProductCapability.objects.all().delete()
    FactSource.objects.all().delete()
    Product.objects.update(successor=None)
    Product.objects.all().delete()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_imported_into_an_empty_catalog_restores_every_value(admin_client, catalog, fmt):
    before = snapshot()
    content = export_file(admin_client, fmt)
    wipe()
    preview = import_file(admin_client, content, f"products.{fmt}")
    assert rows_of(preview) == {"new": 3}
    assert snapshot() == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_imported_over_edits_puts_every_value_back(admin_client, catalog, fmt):
    before = snapshot()
    content = export_file(admin_client, fmt)
    creatio = Product.objects.get(slug="creatio")
    creatio.name, creatio.has_trial, creatio.trial_days = "Изменено", None, None
    creatio.save()
    creatio.tags.set(["другой"])
    creatio.product_capabilities.filter(capability__slug="api").delete()
    creatio.product_capabilities.update(note="")
    creatio.fact_sources.filter(fact="registry").delete()
    ProductCapabilityFactory(product=Product.objects.get(slug="bpmonline"))

    preview = import_file(admin_client, content, f"products.{fmt}")
    assert rows_of(preview) == {"update": 2, "skip": 1}
    assert snapshot() == before


def test_the_csv_opens_in_excel_and_keeps_one_capability_per_line(admin_client, catalog):
    content = export_file(admin_client, "csv")
    assert content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    text = content.decode("utf-8-sig")
    assert "funnel | confirmed | сделки; воронки: да\napi | unknown" in text
    assert '"""ушёл, но помним"", b2b"' in text
    header = text.splitlines()[0].split(",")
    assert header[:4] == ["slug", "name", "vendor", "product_class"]
    assert {"capabilities", "fact_sources", "tags", "price_from"} <= set(header)
    # a successor comes before the products it replaced, so the file imports in one pass
    assert text.index("\ncreatio,") < text.index("\nbpmonline,") < text.index("\nterrasoft,")


def test_a_reimported_export_is_reported_unchanged_and_changes_nothing(admin_client, catalog):
    content = export_file(admin_client, "xlsx")
    history_before = Product.history.count() + ProductCapability.history.count()
    preview = upload(admin_client, content, "products.xlsx")
    assert rows_of(preview) == {"skip": 3}
    html = preview.content.decode()
    assert html.count("без изменений") >= 3
    assert "Будет создано: 0, обновлено: 0, без изменений: 3, с ошибками: 0" in html
    confirm(admin_client, preview)
    assert Product.history.count() + ProductCapability.history.count() == history_before


def test_the_preview_names_new_updated_unchanged_and_invalid_rows(admin_client, catalog):
    content = export_file(admin_client, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    rows["creatio"][header.index("name")].value = "Creatio 8"
    rows["terrasoft"][header.index("vendor")].value = "no-such-vendor"
    new = [cell.value for cell in rows["bpmonline"]]
    new[0], new[header.index("successor")] = "new-crm", ""
    sheet.append(new)
    buffer = io.BytesIO()
    book.save(buffer)

    preview = upload(admin_client, buffer.getvalue(), "products.xlsx")
    assert rows_of(preview) == {"new": 1, "update": 1, "skip": 1, "invalid": 1}
    html = preview.content.decode()
    assert "Будет создано: 1, обновлено: 1, без изменений: 1, с ошибками: 1" in html
    assert "Нет разработчика с адресом «no-such-vendor»: сначала импортируйте его." in html
    assert "Ничего не изменено" in html
    assert preview.context.get("confirm_form") is None  # a bad row blocks the whole file
    assert not Product.objects.filter(slug="new-crm").exists()
    assert Product.objects.get(slug="creatio").name == "Creatio"


def test_a_row_gone_bad_before_confirmation_rolls_back_the_whole_file(admin_client, catalog):
    content = export_file(admin_client, "csv").decode("utf-8-sig")
    content = content.replace("Creatio,", "Creatio 8,", 1)
    preview = upload(admin_client, content.encode(), "products.csv")
    assert rows_of(preview) == {"update": 1, "skip": 2}
    # someone removes a capability the file refers to between preview and confirmation
    ProductCapability.objects.filter(capability__slug="api").delete()
    Capability.objects.filter(slug="api").delete()
    response = confirm(admin_client, preview)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:catalog_product_import")
    assert Product.objects.get(slug="creatio").name == "Creatio"
    messages = [str(m) for m in admin_client.get(response["Location"]).context["messages"]]
    assert any("Импорт отменён, ничего не изменено" in m for m in messages)


def test_an_import_leaves_history_for_the_editor_and_refreshes_pages_and_search(
    admin_client, admin_user, catalog
):
    content = export_file(admin_client, "csv").decode("utf-8-sig")
    content = content.replace("Creatio,", "Зеленоглазое такси,", 1)
    content = content.replace("api | unknown", "api | confirmed | теперь есть")
    version = versions.current(versions.EVERYTHING)
    import_file(admin_client, content.encode(), "каталог.csv")

    creatio = Product.objects.get(slug="creatio")
    latest = creatio.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        admin_user,
        "Импорт из файла «каталог.csv»",
    )
    capability = ProductCapability.objects.get(product=creatio, capability__slug="api")
    assert capability.history.first().history_user == admin_user
    assert capability.history.first().history_change_reason == "Импорт из файла «каталог.csv»"
    assert versions.current(versions.EVERYTHING) != version
    assert list(Product.objects.search("зеленоглазое")) == [creatio]


def test_vendors_go_out_and_come_back_the_same(admin_client):
    VendorFactory(slug="acme", name="Acme", description="Строка 1\nСтрока 2", founded_year=1999)
    VendorFactory(slug="bitrix", name="1С-Битрикс", country="", website="")
    before = list(Vendor.objects.values().order_by("slug"))
    content = export_file(admin_client, "xlsx", model="vendor")
    Vendor.objects.all().delete()
    preview = import_file(admin_client, content, "vendors.xlsx", model="vendor")
    assert rows_of(preview) == {"new": 2}
    after = list(Vendor.objects.values().order_by("slug"))
    assert [{**v, "id": 0} for v in after] == [{**v, "id": 0} for v in before]


def test_only_editors_who_may_add_and_change_can_import(client, django_user_model, catalog):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_product"))
    client.force_login(viewer)
    changelist = client.get(reverse("admin:catalog_product_changelist")).content.decode()
    assert "/admin/catalog/product/export/" in changelist
    assert "/admin/catalog/product/import/" not in changelist
    assert client.get(reverse("admin:catalog_product_import")).status_code == 403
    assert export_file(client, "csv")  # viewing is enough to export

    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_product", "change_product"])
    )
    assert client.get(reverse("admin:catalog_product_import")).status_code == 200

    nobody = django_user_model.objects.create_user("nobody", is_staff=True)
    client.force_login(nobody)
    assert client.get(reverse("admin:catalog_product_export")).status_code == 403


def test_the_export_costs_the_same_queries_for_more_products(
    admin_client, catalog, django_assert_max_num_queries
):
    for _ in range(20):
        item = product(tags=["x"])
        ProductCapabilityFactory(product=item)
        FactSourceFactory(product=item)
    with django_assert_max_num_queries(16):
        export_file(admin_client, "csv")
