"""Site search in a real Chromium: a misspelled query in the header box reaches the product."""

import pytest

from tests.browser.helpers import assert_accessible, assert_no_horizontal_overflow
from tests.catalog.helpers import product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("tab", ["phone_page", "page"])
def test_a_misspelled_query_in_the_header_box_reaches_the_product(request, tab):
    page = request.getfixturevalue(tab)
    product(name="amoCRM", slug="amocrm", summary="Облачная система для отдела продаж.")
    product(name="Битрикс24", slug="bitrix24", summary="CRM и задачи.")
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto("/")
    box = page.get_by_role("searchbox", name="Поиск по порталу")
    box.fill("amocrn")
    with page.expect_navigation():
        box.press("Enter")
    assert "/search/?q=amocrn" in page.url
    assert page.get_by_text("Возможно, вы искали").is_visible()
    assert_no_horizontal_overflow(page)
    assert_accessible(page)
    with page.expect_navigation():
        page.locator(".search-hit__title a", has_text="amoCRM").click()
    assert page.url.endswith("/catalog/amocrm/")
    assert page.locator("h1").inner_text() == "amoCRM"
    assert errors == []


@pytest.mark.parametrize("tab", ["phone_page", "page"])
def test_an_intent_card_opens_the_catalog_and_a_definition_comes_first(request, tab):
    from glossary.factories import TermFactory
    from portal.models import SearchIntent

    page = request.getfixturevalue(tab)
    product(name="Битрикс24", slug="bitrix24", summary="CRM и задачи.", has_free_plan=True)
    product(name="Платная CRM", slug="paid", summary="CRM для продаж.", has_free_plan=False)
    TermFactory(
        name="SFA-система",
        slug="sfa-sistema",
        abbreviation="SFA",
        summary="Система автоматизации продаж, не реализующая CRM-подход.",
    )
    SearchIntent.objects.create(
        phrases="бесплатная", label="Бесплатные CRM-системы", query="free_plan=1"
    )
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto("/search/?q=бесплатная+crm")
    card = page.locator(".search-answer").first
    assert "Бесплатные CRM-системы: 1" in card.inner_text()
    assert_no_horizontal_overflow(page)
    assert_accessible(page)
    with page.expect_navigation():
        card.get_by_role("link", name="Открыть каталог: Бесплатные CRM-системы").click()
    assert "free_plan=1" in page.url
    assert page.locator(".product-row__title").all_inner_texts() == ["Битрикс24"]

    box = page.get_by_role("searchbox", name="Поиск по порталу")
    box.fill("что такое sfa")
    with page.expect_navigation():
        box.press("Enter")
    first = page.locator(".search-answer").first
    assert "определение" in first.inner_text().casefold()
    assert "SFA-система" in first.inner_text()
    assert_no_horizontal_overflow(page)
    assert_accessible(page)
    with page.expect_navigation():
        first.get_by_role("link").click()
    assert page.url.endswith("/glossary/sfa-sistema/")
    assert errors == []
