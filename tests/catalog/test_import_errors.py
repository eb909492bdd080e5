"""Bad import files and rows: the editor reads what is wrong, in Russian, and nothing in
the catalog changes (catalog/admin/resources.py, core/admin_import.py)."""

import pytest
import tablib

from catalog.admin.resources import ProductResource
from catalog.factories import CapabilityFactory, ProductCapabilityFactory
from catalog.models import Product
from core.admin_import import MAX_IMPORT_BYTES
from tests.catalog.helpers import import_file, product, rows_of, upload

pytestmark = pytest.mark.django_db

HEADER = "slug,name,vendor,product_class,summary,capabilities\n"


@pytest.fixture
def known(crm_class, vendor, funnel):
    """A vendor «acme», a class «crm», a capability «funnel-snapshot» and a product «old»."""
    return product(slug="old", name="Старый", vendor=vendor, product_class=crm_class)


def row(slug="new", name="Новый", vendor="acme", product_class="crm", capabilities=""):
    return f'{slug},{name},{vendor},{product_class},Кратко,"{capabilities}"\n'


def errors_of(preview):
    """Every row error message of a preview, as "row: message"."""
    result = preview.context["result"]
    messages = [
        f"{invalid.number}: {message}"
        for invalid in result.invalid_rows
        for field_errors in invalid.field_specific_errors.values()
        for message in field_errors
    ]
    messages += [f"{number}: {e.error}" for number, errors in result.row_errors() for e in errors]
    return messages


def form_errors(preview):
    return [str(e) for errors in preview.context["form"].errors.values() for e in errors]


def assert_refused(preview, *expected):
    html = preview.content.decode()
    for text in expected:
        assert text in html
    assert preview.context.get("confirm_form") is None
    assert list(Product.objects.values_list("slug", flat=True)) == ["old"]


@pytest.mark.parametrize(
    "bad_row, message",
    [
        (row(vendor="nobody"), "Нет разработчика с адресом «nobody»: сначала импортируйте его."),
        (row(product_class="erp"), "Нет класса продуктов с адресом «erp»."),
        (row(capabilities="funnel-snapshot\nteleport"), "Нет возможности с адресом «teleport»."),
        (
            row(capabilities="funnel-snapshot | maybe"),
            "У возможности «funnel-snapshot» статус «maybe»: допустимы confirmed (есть), "
            "absent (нет) и unknown (нет данных).",
        ),
        (row(slug="old"), "«old» уже есть в строке 1 этого файла: у каждой записи одна строка."),
        (row(name=""), "Это поле не может быть пустым."),
    ],
)
def test_a_bad_row_is_named_and_blocks_the_file(admin_client, known, bad_row, message):
    content = HEADER + row(slug="old", name="Переименован") + row(slug="ok") + bad_row
    preview = upload(admin_client, content.encode())
    assert any(message in error for error in errors_of(preview)), errors_of(preview)
    assert_refused(preview, "Файл не импортирован: исправьте строки с ошибками")
    assert Product.objects.get(slug="old").name == "Старый"


def test_a_file_with_any_invalid_row_changes_nothing_even_without_a_preview(known):
    dataset = tablib.Dataset().load(
        HEADER + row(slug="old", name="Переименован") + row(slug="ok") + row(vendor="nobody"),
        format="csv",
    )
    result = ProductResource().import_data(dataset, dry_run=False)
    assert result.has_validation_errors()
    assert list(Product.objects.values_list("slug", "name")) == [("old", "Старый")]


def test_a_windows_1251_csv_with_semicolons_from_russian_excel_is_read(admin_client, known):
    content = (
        "slug;name;vendor;product_class;summary\nnovaya;Новая CRM;acme;crm;Для отдела продаж\n"
    )
    import_file(admin_client, content.encode("cp1251"))
    created = Product.objects.get(slug="novaya")
    assert (created.name, created.summary) == ("Новая CRM", "Для отдела продаж")


def test_a_file_with_some_columns_changes_only_those(admin_client, known, funnel):
    ProductCapabilityFactory(product=known, capability=funnel, note="есть")
    known.tags.add("b2b")
    preview = import_file(admin_client, "slug,name\nold,Новое имя\n".encode())
    assert rows_of(preview) == {"update": 1}
    known.refresh_from_db()
    assert known.name == "Новое имя"
    assert list(known.product_capabilities.values_list("note", flat=True)) == ["есть"]
    assert list(known.tags.names()) == ["b2b"]


def test_an_empty_capabilities_cell_removes_them(admin_client, known, funnel):
    CapabilityFactory(slug="api")
    ProductCapabilityFactory(product=known, capability=funnel)
    import_file(admin_client, b'slug,capabilities\nold,""\n')
    assert not known.product_capabilities.exists()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("catalog.pdf", b"%PDF-1.4", "Загрузите таблицу в формате CSV или XLSX"),
        ("catalog.txt", HEADER.encode(), "Загрузите таблицу в формате CSV или XLSX"),
        ("catalog.xlsx", b"not a zip at all", "Файл не читается в выбранном формате"),
        ("catalog.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "Это не текстовый CSV-файл"),
        ("catalog.csv", b"name,summary\nX,Y\n", "В первой строке файла нет столбца «slug»"),
    ],
)
def test_a_file_that_is_not_a_catalog_table_is_refused(admin_client, known, name, content, message):
    preview = upload(admin_client, content, name)
    assert preview.status_code == 200
    assert_refused(preview, message)


def test_the_format_must_match_the_file(admin_client, known):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    response = admin_client.post(
        reverse("admin:catalog_product_import"),
        {"resource": "0", "format": "1", "import_file": SimpleUploadedFile("a.csv", b"slug\n")},
    )
    assert "Формат не совпадает с расширением файла." in form_errors(response)


def test_a_10_mb_file_is_refused_before_it_is_read(admin_client, known):
    line = row(slug="x", name="Я" * 100)
    content = (HEADER + line * (10 * 1024 * 1024 // len(line.encode()) + 1)).encode()
    assert len(content) >= 10 * 1024 * 1024 > MAX_IMPORT_BYTES
    preview = upload(admin_client, content)
    assert form_errors(preview) == ["Файл больше 5 МБ: разделите его на несколько файлов."]
    assert_refused(preview)
