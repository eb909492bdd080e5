"""The term page: definition, synonyms, catalog link, example products, the funnel picture."""

import pytest

from catalog.factories import ProductClassFactory, ProductFactory
from glossary.factories import TermFactory
from glossary.models import Term

pytestmark = pytest.mark.django_db


def test_it_shows_the_definition_synonyms_and_abbreviation(client):
    TermFactory(name="Лид", slug="lid")
    term = TermFactory(
        name="CRM-система",
        abbreviation="CRM",
        synonyms="CRM-программа, программа для работы с клиентами",
        definition="**CRM-система** работает с каждым лид и с CRM-система снова.",
    )
    html = client.get(term.get_absolute_url()).content.decode()
    assert '<h1 class="term__title">CRM-система</h1>' in html
    assert "CRM-программа, программа для работы с клиентами" in html
    assert "<strong>CRM-система</strong>" in html
    assert 'href="/glossary/lid/"' in html  # auto-linked
    assert f'class="term-link" href="{term.get_absolute_url()}"' not in html  # never itself


def test_it_links_to_the_catalog_class_and_example_products(client):
    crm_class = ProductClassFactory(name="CRM", slug="crm")
    product = ProductFactory(name="amoCRM", slug="amocrm", product_class=crm_class)
    hidden = ProductFactory(name="Снятый продукт", is_published=False)
    term = TermFactory(name="CRM-система", product_class=crm_class)
    term.example_products.add(product, hidden)
    html = client.get(term.get_absolute_url()).content.decode()
    assert 'href="/catalog/?class=crm"' in html
    assert "Перейти в каталог" in html
    assert 'href="/catalog/amocrm/"' in html
    assert "Снятый продукт" not in html


def test_it_has_no_catalog_link_without_a_product_class(client):
    html = client.get(TermFactory().get_absolute_url()).content.decode()
    assert "Перейти в каталог" not in html


def test_it_draws_the_funnel_only_on_the_funnel_term(client):
    funnel = TermFactory(
        name="Воронка продаж", slug="voronka-prodazh", illustration=Term.Illustration.SALES_FUNNEL
    )
    other = TermFactory(name="Лид")
    html = client.get(funnel.get_absolute_url()).content.decode()
    assert html.count('<svg class="funnel__svg"') == 2
    assert html.count('role="img"') == 2
    assert '<title id="funnel-snapshot-title">' in html
    assert '<desc id="funnel-history-desc">' in html
    assert html.count('<table class="funnel__table">') == 2
    assert "Переговоры: 25" in html and "↓ 42 %" in html
    assert "style=" not in html
    assert "funnel__svg" not in client.get(other.get_absolute_url()).content.decode()


def test_it_answers_404_for_an_unknown_term(client):
    assert client.get("/glossary/no-such-term/").status_code == 404


def test_it_keeps_the_funnel_when_an_editor_renames_the_slug(client):
    funnel = TermFactory(
        name="Воронка продаж", slug="voronka", illustration=Term.Illustration.SALES_FUNNEL
    )
    html = client.get(funnel.get_absolute_url()).content.decode()
    assert html.count('<svg class="funnel__svg"') == 2
