"""The selection wizard in a real Chromium, answered with the keyboard alone."""

import pytest

from catalog.factories import CapabilityFactory
from catalog.models import Deployment, RussiaAvailability
from tests.browser.helpers import assert_accessible, assert_no_horizontal_overflow, tab_to
from tests.catalog.helpers import crm_criteria, product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def market(crm_class, sfa_class):
    criteria = crm_criteria()
    funnel = CapabilityFactory(
        slug="funnel-snapshot", name="Воронка продаж", group="sales", task_presets=["sales"]
    )
    pbx = CapabilityFactory(slug="pbx-integration", name="Интеграция с АТС", group="integration")
    available = {"russia_availability": RussiaAvailability.AVAILABLE}
    for name, slug, cls, caps, price in [
        ("Лёгкая SFA", "light-sfa", sfa_class, [funnel, pbx], 400),
        ("Вторая SFA", "second-sfa", sfa_class, [funnel, pbx], 600),
        ("Третья SFA", "third-sfa", sfa_class, [funnel], 300),
        (
            "Тяжёлая CRM с очень длинным названием продукта",
            "heavy-crm",
            crm_class,
            [funnel, pbx, *criteria],
            2500,
        ),
    ]:
        product(
            name=name,
            slug=slug,
            product_class=cls,
            capabilities=caps,
            price_from=price,
            deployment=Deployment.CLOUD,
            **available,
        )


@pytest.mark.parametrize("tab", ["phone_page", "page"])
def test_a_sales_team_answers_by_keyboard_and_compares_the_first_three(request, market, tab):
    page = request.getfixturevalue(tab)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto("/selection/")
    assert_accessible(page)
    assert_no_horizontal_overflow(page)

    # 1. The task: arrow keys move within the radio group; the script ticks its presets.
    tab_to(page, "el.name === 'task'")
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=task]:checked").get_attribute("value") == "sales"
    assert page.locator("input[name=nice][value=funnel-snapshot]").is_checked()
    # 2. The team and the deployment.
    tab_to(page, "el.name === 'users'")
    page.keyboard.type("5")
    tab_to(page, "el.name === 'deployment'")
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=deployment]:checked").get_attribute("value") == "cloud"
    # 4. PBX integration is nice to have.
    tab_to(page, "el.name === 'integrations' && el.value === 'pbx-integration'")
    page.keyboard.press("Space")
    tab_to(page, "el.type === 'submit'")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "integrations=pbx-integration" in page.url and "users=5" in page.url
    titles = page.locator(".selection-match__title").all_inner_texts()
    # SFA-class SaaS with PBX on top; the CRM with PBX beats the SFA without it.
    assert titles == [
        "Лёгкая SFA",
        "Вторая SFA",
        "Тяжёлая CRM с очень длинным названием продукта",
        "Третья SFA",
    ]
    first = " ".join(page.locator(".selection-match").first.inner_text().split())
    assert "100 % соответствия" in first  # split() also folds the no-break spaces
    assert "выполнено Интеграция с АТС" in first
    assert "от 2 000 ₽ в месяц" in first
    assert_no_horizontal_overflow(page)
    assert_accessible(page)

    tab_to(page, "el.textContent.trim() === 'Сравнить первые три'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/catalog/compare/?products=light-sfa,second-sfa,heavy-crm" in page.url
    assert page.locator(".compare-table thead th").count() == 4
    assert_no_horizontal_overflow(page)
    assert_accessible(page)
    assert errors == []
