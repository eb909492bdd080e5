"""An edit replaces the cached pages that show what was edited, and only those."""

import datetime
from decimal import Decimal

import pytest

from catalog.factories import CapabilityFactory
from catalog.models import ExchangeRate, PricePlan
from core import versions
from core.page_cache import page_areas
from glossary.factories import ArticleFactory, TermFactory
from polls.models import Poll
from tests.catalog.helpers import product
from tests.polls.helpers import closed_poll_with_choices, poll_with_choices
from tests.portal.test_page_cache import served

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    """One row of each kind, and the main pages that show them."""
    item = product(name="Каталожная CRM")
    term = TermFactory(name="Термин без продуктов")
    article = ArticleFactory(title="Материал о внедрении")
    closed_poll_with_choices()
    return {
        "product": item,
        "term": term,
        "article": article,
        "catalog": ["/catalog/", item.get_absolute_url(), "/selection/"],
        "glossary": ["/glossary/", "/materials/"],
        # A term's page shows catalog rows too (its class, its example products).
        "term_page": [term.get_absolute_url()],
        "article_page": [article.get_absolute_url()],
        "polls": ["/polls/"],
        "everything": ["/", "/search/?q=crm"],
    }


def warm(client, urls):
    for url in urls:
        served(client, url)
        assert served(client, url)[0] == "hit", url


def states(client, urls):
    return {url: served(client, url)[0] for url in urls}


def test_a_product_edit_keeps_the_glossary_materials_and_polls_cached(client, site):
    kept = site["glossary"] + site["article_page"] + site["polls"]
    replaced = site["catalog"] + site["everything"] + site["term_page"]
    warm(client, kept + replaced)
    site["product"].name = "Переименованная CRM"
    site["product"].save()
    assert states(client, kept) == dict.fromkeys(kept, "hit")
    assert states(client, replaced) == dict.fromkeys(replaced, "miss")
    assert "Переименованная CRM" in served(client, site["product"].get_absolute_url())[1]


def test_a_term_page_shows_its_example_products_after_their_edit(client, site):
    term = TermFactory(name="Термин с примером")
    term.example_products.add(site["product"])
    assert "Каталожная CRM" in served(client, term.get_absolute_url())[1]
    site["product"].name = "Пример после правки"
    site["product"].save()
    state, html = served(client, term.get_absolute_url())
    assert state == "miss" and "Пример после правки" in html


def test_an_article_edit_keeps_the_catalog_and_polls_cached(client, site):
    kept = site["catalog"] + site["polls"]
    warm(client, kept + site["article_page"])
    site["article"].title = "Материал после правки"
    site["article"].save()
    assert states(client, kept) == dict.fromkeys(kept, "hit")
    state, html = served(client, site["article"].get_absolute_url())
    assert state == "miss" and "Материал после правки" in html


def test_a_term_edit_reaches_the_catalog_pages_that_link_it(client, site):
    """A capability's term is a link on the card while the term is published."""
    term = TermFactory(name="Телефония", slug="telephony-term")
    capability = CapabilityFactory(name="IP-телефония", term=term)
    item = product(name="CRM с телефонией", capabilities=[capability])
    card = item.get_absolute_url()
    assert term.get_absolute_url() in served(client, card)[1]
    term.set_published(False)
    term.save()
    state, html = served(client, card)
    assert state == "miss" and term.get_absolute_url() not in html


def test_a_change_of_the_current_poll_reaches_every_page(client, site):
    """The aside of every page shows the current poll."""
    poll, _choices = poll_with_choices(question="Какую задачу решаете?")
    urls = site["catalog"] + site["glossary"] + site["term_page"] + site["polls"]
    warm(client, urls)
    Poll.objects.filter(pk=poll.pk).first().save()
    assert states(client, urls) == dict.fromkeys(urls, "miss")


def test_a_view_that_names_no_areas_shows_everything():
    assert page_areas("/") == (versions.EVERYTHING,)
    assert page_areas("/no-such-page/") == (versions.EVERYTHING,)
    assert page_areas("/catalog/") == ("catalog", "glossary:terms", "polls:current")
    assert page_areas("/materials/") == ("glossary", "polls:current")


def test_a_bump_of_everything_reaches_pages_keyed_by_one_area(client, site):
    """bump() without areas (a write no signal reports) must not leave app pages cached."""
    urls = site["catalog"] + site["glossary"] + site["polls"]
    warm(client, urls)
    versions.bump()
    assert states(client, urls) == dict.fromkeys(urls, "miss")


def test_price_plans_and_exchange_rates_reach_the_pages_that_show_prices(client, site):
    today = datetime.date.today()
    card = site["product"].get_absolute_url()
    served(client, card)
    PricePlan.objects.create(
        product=site["product"],
        name="Тариф после кэша",
        amount=Decimal("990"),
        currency="RUB",
        source_url="https://example.com/prices",
        checked_on=today,
    )
    state, html = served(client, card)
    assert state == "miss" and "Тариф после кэша" in html
    wizard = "/selection/?users=5&budget=1000"
    warm(client, [wizard])
    ExchangeRate.objects.create(
        currency="USD", rub_per_unit=Decimal("80"), on_date=today, source_url="https://cbr.ru/"
    )
    assert served(client, wizard)[0] == "miss"
