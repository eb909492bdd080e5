"""The catalog in a real Chromium: facet checkboxes apply at once; the card fits a phone."""

import pytest

from catalog.factories import CapabilityFactory, ProductClassFactory, VendorFactory
from catalog.models import Capability
from tests.catalog.helpers import product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def small_catalog():
    crm = ProductClassFactory(slug="crm", name="CRM-система", kind="crm")
    funnel = CapabilityFactory(slug="funnel-snapshot", name="Воронка продаж", group="sales")
    api = CapabilityFactory(slug="open-api", name="Открытый API", group=Capability.Group.PLATFORM)
    vendor = VendorFactory(name="Очень Длинное Название Компании-Разработчика", slug="long")
    product(
        name="Alpha CRM",
        slug="alpha",
        product_class=crm,
        vendor=vendor,
        capabilities=[funnel, api],
        summary="Система управления взаимоотношениями с клиентами для среднего бизнеса",
        tags=["b2b"],
    )
    product(name="Beta CRM", slug="beta", product_class=crm, capabilities=[funnel])
    product(name="Gamma CRM", slug="gamma", product_class=crm)


def test_it_filters_when_a_facet_checkbox_is_clicked(page, small_catalog):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto("/catalog/")
    assert page.locator(".product-row").count() == 3
    with page.expect_navigation():
        page.get_by_label("Открытый API").check()
    assert "capability=open-api" in page.url
    assert "class=" not in page.url  # empty controls stay out of the shareable URL
    assert page.locator(".product-row__title").all_inner_texts() == ["Alpha CRM"]
    assert page.locator(".chip").first.inner_text().startswith("Возможности: Открытый API")
    with page.expect_navigation():
        page.locator(".chip").first.click()
    assert page.locator(".product-row").count() == 3
    assert errors == []


def test_it_fits_the_product_card_and_list_on_a_360px_phone(phone_page, small_catalog):
    for url in ["/catalog/alpha/", "/catalog/", "/catalog/compare/?products=alpha,beta,gamma"]:
        phone_page.goto(url)
        overflow = phone_page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, url
    phone_page.goto("/catalog/alpha/")
    assert phone_page.locator("h1").inner_text() == "Alpha CRM"
