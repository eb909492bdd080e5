"""Product card, vendor page, class intro, similar products, header entry points, sitemaps."""

import datetime

import pytest
from django.conf import settings

from catalog.factories import CapabilityFactory, VendorFactory
from catalog.models import Capability, Product
from catalog.sitemaps import ProductSitemap, VendorSitemap
from core.bench import budget_queries
from glossary.models import Term
from tests.catalog.helpers import product

pytestmark = pytest.mark.django_db


def test_it_shows_the_product_card(client, crm_class, vendor, funnel, admin_user):
    pbx = CapabilityFactory(slug="pbx-integration", name="Интеграция с АТС", group="integration")
    item = product(
        name="Клиентская база",
        slug="klientskaya-baza",
        product_class=crm_class,
        vendor=vendor,
        price_from=750,
        has_trial=True,
        erp_platform="1С:Предприятие 8",
        data_verified_on=datetime.date(2026, 11, 1),
        data_verified_by=admin_user,
        tags=["малый бизнес"],
    )
    item.product_capabilities.create(capability=funnel, note="мгновенный срез")
    item.product_capabilities.create(capability=pbx, note="Asterisk")
    response = client.get("/catalog/klientskaya-baza/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        '<h1 class="product-card__title">Клиентская база</h1>',
        "Acme",
        "от 750 ₽ за пользователя в месяц",
        "1С:Предприятие 8",
        "мгновенный срез",
        "Интеграция с АТС",
        "Asterisk",
        "малый бизнес",
        "Данные проверены 1 ноября 2026.",
        f'<link rel="canonical" href="{settings.SITE_URL}/catalog/klientskaya-baza/">',
        '<meta property="og:title" content="Клиентская база">',
    ]:
        assert text in html, text
    assert [g for g, _ in response.context["capability_groups"]] == ["Продажи", "Интеграции"]


def test_it_shows_the_renaming_chain(client):
    creatio = product(name="Creatio", slug="creatio")
    bpm = product(name="bpm'online", slug="bpmonline-crm", successor=creatio)
    terrasoft = product(name="Terrasoft CRM", slug="terrasoft-crm", successor=bpm)
    html = client.get(bpm.get_absolute_url()).content.decode()
    chain = html.split('class="lineage__chain"')[1].split("</ol>")[0]
    assert chain.index("Terrasoft CRM") < chain.index("bpm&#x27;online") < chain.index("Creatio")
    html = client.get(terrasoft.get_absolute_url()).content.decode()
    assert "Сейчас продукт развивается под названием «Creatio»" in html  # the latest name
    assert "bpm&#x27;online" in html.split('class="lineage__chain"')[1]


def test_it_keeps_a_draft_rename_off_the_card(client):
    renamed = product(name="Новое имя", slug="new-name", is_published=False)
    current = product(name="Старое имя", slug="old-name", successor=renamed)
    html = client.get(current.get_absolute_url()).content.decode()
    assert "Новое имя" not in html
    assert "История названий" not in html


def test_it_ranks_similar_products_by_shared_capabilities(client):
    caps = [CapabilityFactory() for _ in range(4)]
    item = product(name="Item", capabilities=caps)
    product(name="Shares one", capabilities=caps[:1])
    product(name="Shares three", capabilities=caps[:3])
    product(name="Shares two", capabilities=caps[1:3])
    product(name="Shares none", capabilities=[CapabilityFactory()])
    product(name="Hidden twin", capabilities=caps, is_published=False)
    similar = list(Product.objects.similar_to(item))
    assert [(p.name, p.shared_count) for p in similar] == [
        ("Shares three", 3),
        ("Shares two", 2),
        ("Shares one", 1),
    ]
    response = client.get(item.get_absolute_url())
    assert [a.product.name for a in response.context["similar"]] == [
        "Shares three",
        "Shares two",
        "Shares one",
    ]
    html = response.content.decode()
    slugs = ",".join([item.slug] + [p.slug for p in similar])
    assert f'href="/catalog/compare/?products={slugs}"' in html


def test_it_shows_the_vendor_with_its_published_products(client, vendor):
    product(name="Visible", vendor=vendor)
    product(name="Draft", vendor=vendor, is_published=False)
    product(name="Someone else's", vendor=VendorFactory())
    response = client.get("/catalog/vendors/acme/")
    html = response.content.decode()
    assert response.status_code == 200
    assert [p.name for p in response.context["products"]] == ["Visible"]
    assert "Draft" not in html and "Someone else" not in html


@pytest.mark.usefixtures("page_cache_off")
def test_it_lists_a_vendors_products_as_the_catalog_does(client, vendor):
    for name in ["Beta", "alpha"]:
        product(name=name, vendor=vendor, price_from=500, tags=["b2b"])
    queries, response = budget_queries(client, "/catalog/vendors/acme/")
    assert len(queries) == 3  # vendor, products with class and vendor, their tags
    html = response.content.decode()
    assert html.count('class="card product-row"') == 2
    assert html.index("alpha") < html.index("Beta")
    assert "от 500 ₽" in html and 'class="tag">b2b<' in html
    assert '<form id="compare-form"' in html and 'form="compare-form"' in html


def test_it_introduces_a_single_class_with_its_description_and_glossary_term(client, crm_class):
    crm_class.description = "CRM реализует **клиентоориентированную** стратегию."
    crm_class.save()
    Term.objects.create(
        name="CRM-система", slug="crm-sistema", summary="s", definition="d", product_class=crm_class
    )
    Term.objects.create(
        name="Черновик",
        slug="draft",
        summary="s",
        definition="d",
        product_class=crm_class,
        is_published=False,
    )
    response = client.get("/catalog/?class=crm")
    html = response.content.decode()
    assert "<strong>клиентоориентированную</strong>" in html
    assert "CRM-система" in html.split("class-intro__terms")[1]
    assert "Черновик" not in html
    assert "class-intro" not in client.get("/catalog/").content.decode()


def test_it_keeps_the_filters_in_pagination_links(client, crm_class):
    for i in range(25):
        product(name=f"P{i:02d}", product_class=crm_class)
    response = client.get("/catalog/?class=crm&sort=price")
    assert 'href="?class=crm&amp;sort=price&amp;page=2"' in response.content.decode()
    assert len(response.context["page_obj"]) == 20


def test_it_puts_the_catalog_in_the_header_nav_and_home_page(client):
    html = client.get("/").content.decode()
    # The header box searches the whole portal (/search/), which finds products too.
    assert '<form class="site-search" role="search" method="get" action="/search/">' in html
    assert '<label class="visually-hidden" for="site-search-q">' in html
    assert 'href="/catalog/"' in html.split("site-nav__list")[1]
    assert '<ul class="section-links">' in html
    catalog_html = client.get("/catalog/").content.decode()
    assert 'href="/catalog/" aria-current="page"' in catalog_html


def test_it_lists_published_products_and_their_vendors_in_the_sitemap(vendor):
    visible = product(vendor=vendor)
    product(is_published=False, vendor=VendorFactory(slug="only-drafts"))
    assert list(ProductSitemap().items()) == [visible]
    assert list(VendorSitemap().items()) == [vendor]
    assert ProductSitemap().location(visible) == visible.get_absolute_url()


def test_it_does_not_let_inline_code_into_templates(client, crm_class):
    item = product(
        product_class=crm_class, capabilities=[CapabilityFactory(group=Capability.Group.SALES)]
    )
    for url in ["/catalog/", item.get_absolute_url(), "/catalog/compare/"]:
        html = client.get(url).content.decode()
        assert " style=" not in html and "<script>" not in html and " onclick=" not in html


def test_it_refuses_a_renaming_loop():
    from django.core.exceptions import ValidationError

    first = product(name="Первый", slug="first")
    second = product(name="Второй", slug="second", successor=first)
    first.successor = first
    with pytest.raises(ValidationError):
        first.full_clean()
    first.successor = second
    with pytest.raises(ValidationError):
        first.full_clean()


def test_it_links_a_capability_to_its_published_glossary_term(client):
    from glossary.factories import TermFactory

    term = TermFactory(name="Воронка продаж", slug="voronka-prodazh")
    hidden = TermFactory(name="Скрытый", slug="hidden-term", is_published=False)
    funnel = CapabilityFactory(name="Воронка — срез", term=term)
    secret = CapabilityFactory(name="Тайная функция", term=hidden)
    item = product(name="Item", capabilities=[funnel, secret])
    html = client.get(item.get_absolute_url()).content.decode()
    assert f'href="{term.get_absolute_url()}"' in html
    assert hidden.get_absolute_url() not in html
    assert "Тайная функция" in html


def test_it_shows_the_vendors_head_office_country_and_founding_year(client):
    VendorFactory(slug="pd", name="Pipedrive", country="США", founded_year=2010)
    html = client.get("/catalog/vendors/pd/").content.decode()
    assert '<span title="страна головного офиса">США</span> · основан в 2010 году' in html


def test_it_offers_alternatives_of_the_same_class_first_with_what_each_has_and_lacks(
    client, crm_class, sfa_class
):
    # One group, so the card lists them in the order made (the factory's groups go round
    # a list shared by every test: another test run first would change the order).
    funnel, pbx, api, mobile = (
        CapabilityFactory(name=name, group=Capability.Group.SALES)
        for name in ["Воронка", "АТС", "API", "Мобильное приложение"]
    )
    item = product(name="Item", product_class=crm_class, capabilities=[funnel, pbx, api])
    product(
        name="Other class, shares three", product_class=sfa_class, capabilities=[funnel, pbx, api]
    )
    product(name="Same class, shares one", product_class=crm_class, capabilities=[funnel, mobile])
    response = client.get(item.get_absolute_url())
    alternatives = response.context["similar"]
    assert [a.product.name for a in alternatives] == [
        "Same class, shares one",
        "Other class, shares three",
    ]
    assert (alternatives[0].gains, alternatives[0].losses) == (
        ["Мобильное приложение"],
        ["АТС", "API"],
    )
    html = response.content.decode()
    assert "<strong>Есть сверх того:</strong> Мобильное приложение" in html
    assert "<strong>Нет:</strong> АТС, API" in html
