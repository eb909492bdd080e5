"""An editor's day in a real Chromium: a draft product with capabilities, preview, publish."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from catalog.factories import CapabilityFactory, ProductClassFactory, VendorFactory
from catalog.models import Capability, Product
from core.roles import EDITORS, sync_roles
from tests.browser.helpers import assert_accessible, browser_tab

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "редактор-пароль-2026"


@pytest.fixture
def editor():
    sync_roles()  # a transactional test starts from an empty database: no groups yet
    user = get_user_model().objects.create_user("olga", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def taxonomy():
    crm = ProductClassFactory(slug="crm", name="CRM-система", kind="crm")
    VendorFactory(slug="acme", name="Акме Софт")
    # As many capabilities as the real catalog has, in every group.
    for i in range(41):
        CapabilityFactory(name=f"Возможность {i:02d}", group=Capability.Group.values[i % 7])
    return crm


def test_an_editor_drafts_previews_and_publishes_a_product(page, editor, taxonomy):
    page.goto(reverse("admin:login"))
    page.get_by_label("Имя пользователя").fill("olga")
    page.get_by_label("Пароль").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Войти").click()

    page.goto(reverse("admin:catalog_product_add"))
    page.locator("#id_name").fill("Новая CRM редакции")
    _pick_autocomplete(page, "vendor", "Акме")
    page.locator("#id_product_class").select_option(label="CRM-система")
    page.locator("#id_summary").fill("CRM для проверки редакции")
    # The capability matrix: grouped like the site, all of it on one 1,280 × 900 screen.
    matrix = page.locator(".capability-matrix")
    box = matrix.bounding_box()
    assert box["height"] <= 900, box
    first, second = Capability.objects.order_by("pk")[:2]
    # One source for the column, a mark per row; the second row's note in its fold.
    page.locator("#id_column_basis").select_option("docs")
    page.locator("#id_column_source_url").fill("https://acme.example/docs")
    page.locator(f"input[name=capability_{first.pk}][value=confirmed]").check()
    page.locator(f"input[name=capability_{second.pk}][value=absent]").check()
    note = page.locator(f"#id_capability_{second.pk}_note")
    page.locator("tr", has=note).locator("summary").click()
    note.fill("только в тарифе «Про»")
    assert not page.locator("#id_is_published").is_checked()  # a draft until published
    with page.expect_navigation():
        page.get_by_role("button", name="Сохранить и продолжить редактирование").click()
    expect(page.locator(".messagelist")).to_contain_text("Добавлено: продукт")
    product = Product.objects.get(name="Новая CRM редакции")
    assert not product.is_published
    known = product.product_capabilities.exclude(status="unknown")
    assert set(known.values_list("capability__name", "status", "basis", "source_url")) == {
        (first.name, "confirmed", "docs", "https://acme.example/docs"),
        (second.name, "absent", "docs", "https://acme.example/docs"),
    }
    assert known.get(capability=second).note == "только в тарифе «Про»"
    # Every other cell is recorded as нет данных, never left out as if it were "нет".
    assert product.product_capabilities.filter(status="unknown").count() == 39
    # An empty autocomplete box is named by its field's label (static/js/admin-a11y.js),
    # whenever select2 starts; axe would otherwise find it nameless.
    successor_box = page.locator(".field-successor .select2-selection")
    expect(successor_box).to_have_attribute("aria-labelledby", "id_successor-label")
    assert_accessible(page)

    # Preview: the editor sees the draft with a banner; the catalog does not list it yet.
    page.goto(product.get_absolute_url())
    expect(page.locator(".draft-banner")).to_contain_text("Черновик — видно только редакции")
    page.goto("/catalog/?q=редакции")
    expect(page.locator("main")).not_to_contain_text("Новая CRM редакции")

    # Publish from the list, then a visitor finds it in the catalog.
    page.goto(reverse("admin:catalog_product_changelist"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.locator(f'input[name="_selected_action"][value="{product.pk}"]').check()
    page.locator("select[name=action]").select_option("publish")
    with page.expect_navigation():
        page.get_by_role("button", name="Выполнить").click()
    expect(page.locator(".messagelist")).to_contain_text("Опубликован 1 продукт")
    with browser_tab(page.context.browser, page.url.split("/admin")[0]) as visitor:
        visitor.goto("/catalog/?q=редакции")
        expect(visitor.get_by_role("link", name="Новая CRM редакции")).to_be_visible()


def _pick_autocomplete(page, field, text):
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_every_content_list_fits_1280_px(page, taxonomy):
    from glossary.factories import ArticleFactory, TermFactory
    from polls.factories import PollFactory
    from tests.catalog.helpers import product

    get_user_model().objects.create_superuser("chief", password=PASSWORD)
    for i in range(5):
        product(name=f"Очень длинное название продукта для проверки ширины списка {i}")
        TermFactory(summary="Длинное краткое определение термина, " * 6)
        ArticleFactory()
        PollFactory()
    page.goto(reverse("admin:login"))
    page.get_by_label("Имя пользователя").fill("chief")
    page.get_by_label("Пароль").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Войти").click()
    for name in [
        "catalog_product",
        "catalog_vendor",
        "catalog_capability",
        "catalog_productclass",
        "glossary_term",
        "glossary_article",
        "polls_poll",
        "polls_vote",
    ]:
        page.goto(reverse(f"admin:{name}_changelist"))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280, f"{name}: {width}px"
