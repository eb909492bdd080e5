"""The glossary in a real Chromium: letter index, the filter box, funnel on a phone."""

from urllib.parse import unquote

import pytest

from glossary.factories import TermFactory
from glossary.models import Term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def horizontal_overflow(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_it_jumps_by_letter_and_filters_with_the_site_search(page):
    TermFactory(name="CRM", slug="crm")
    TermFactory(name="Воронка продаж", slug="voronka", synonyms="pipeline")
    TermFactory(name="Лид", slug="lid")
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto("/glossary/")

    page.locator(".letter-index").get_by_role("link", name="Л", exact=True).click()
    assert unquote(page.url).endswith("#letter-Л")
    assert page.locator("#letter-Л").is_visible()
    assert page.locator(".letter-index [aria-disabled=true]", has_text="Щ").count() == 1

    # The filter box asks the site search's engine (a synonym is found, typos forgiven).
    page.get_by_label("Найти термин").fill("pipelne")
    with page.expect_navigation():
        page.get_by_label("Найти термин").press("Enter")
    assert page.get_by_role("link", name="Воронка продаж").is_visible()
    assert page.get_by_role("link", name="Лид", exact=True).is_hidden()
    assert page.locator("#letter-latin").is_hidden()
    page.get_by_role("link", name="Сбросить").click()
    assert page.get_by_role("link", name="Лид", exact=True).is_visible()
    assert errors == []


def test_it_shows_the_funnel_and_its_tables_on_a_360px_phone(phone_page):
    TermFactory(
        name="Воронка продаж", slug="voronka-prodazh", illustration=Term.Illustration.SALES_FUNNEL
    )
    phone_page.goto("/glossary/voronka-prodazh/")
    charts = phone_page.locator("svg.funnel__svg")
    assert charts.count() == 2
    for index in range(2):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box["width"] > 200 and box["x"] >= 0 and box["x"] + box["width"] <= 360
    tables = phone_page.locator("table.funnel__table")
    assert tables.count() == 2 and tables.first.is_visible()
    # the tables fit their boxes, too: nothing hides behind a scrollbar
    clipped = phone_page.evaluate(
        "() => Array.from(document.querySelectorAll('.funnel__table-wrap'))"
        ".map(e => e.scrollWidth - e.clientWidth)"
    )
    assert clipped == [0, 0]
    assert horizontal_overflow(phone_page) <= 0
