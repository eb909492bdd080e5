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

    # 1. The task: arrow keys move within the radio group; the script makes its presets wishes.
    tab_to(page, "el.name === 'task'")
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=task]:checked").get_attribute("value") == "sales"
    assert page.locator("select[name=c-funnel-snapshot]").input_value() == "nice"
    # 2. The team, the budget and the deployment.
    tab_to(page, "el.name === 'users'")
    page.keyboard.type("5")
    tab_to(page, "el.name === 'budget'")
    page.keyboard.type("1000")
    tab_to(page, "el.name === 'deployment'")
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=deployment]:checked").get_attribute("value") == "cloud"
    # 3. Integrations are folded away: open the group, then wish for PBX integration.
    tab_to(page, "el.tagName === 'SUMMARY' && el.textContent.trim() === 'Интеграции'")
    page.keyboard.press("Enter")
    tab_to(page, "el.name === 'c-pbx-integration'")
    page.keyboard.press("ArrowDown")
    assert page.locator("select[name=c-pbx-integration]").input_value() == "nice"
    tab_to(page, "el.type === 'submit'")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The shareable address is the short one: one list of wishes.
    assert "nice=pbx-integration" in page.url and "users=5" in page.url
    assert "c-pbx-integration" not in page.url
    # The answer comes first, the questions fold below it.
    result = page.locator("#selection-result").bounding_box()
    questions = page.locator("#selection-questions").bounding_box()
    assert result["y"] < questions["y"]
    titles = page.locator(".selection-match__title").all_inner_texts()
    # Both SFAs with PBX within budget on top; the SFA without PBX, within budget, above
    # the CRM with PBX at 2.5 times the budget.
    assert titles == [
        "Лёгкая SFA",
        "Вторая SFA",
        "Третья SFA",
        "Тяжёлая CRM с очень длинным названием продукта",
    ]
    first = " ".join(page.locator(".selection-match").first.inner_text().split())
    assert "известно 100 % требований" in first  # split() also folds the no-break spaces
    assert "выполнено Интеграция с АТС" in first
    assert "от 2 000 ₽ в месяц" in first
    assert_no_horizontal_overflow(page)
    assert_accessible(page)

    tab_to(page, "el.textContent.trim() === 'Сравнить первые 3'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/catalog/compare/?products=light-sfa,second-sfa,third-sfa" in page.url
    assert page.locator(".compare-table thead th").count() == 4
    assert_no_horizontal_overflow(page)
    assert_accessible(page)
    assert errors == []
