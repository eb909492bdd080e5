"""Requests Django cannot read answer the Russian 400 page with the portal's security headers,
never a 500 (the hostile-input probe of the production settings)."""

import pytest
from django.test import Client, override_settings

from catalog.factories import VendorFactory
from tests.catalog.helpers import product
from tests.polls.helpers import poll_with_choices, vote_url

pytestmark = pytest.mark.django_db

# One field more than DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000) allows: Django's TooManyFieldsSent.
TOO_MANY_FIELDS = "?" + "&" * 1001
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
)


def reads_the_query(request):
    """A context processor that reads request.GET, as the header's search box once did."""
    return {"fuzz_query": request.GET.get("q", "")}


@pytest.fixture
def pages():
    """The paths of the probe: catalog list, card, vendor, comparison, glossary, search."""
    vendor = VendorFactory(slug="acme")
    first = product(slug="alpha", vendor=vendor)
    second = product(slug="beta", vendor=vendor)
    return {
        "catalog": "/catalog/",
        "card": first.get_absolute_url(),
        "vendor": vendor.get_absolute_url(),
        "compare": f"/catalog/compare/?products={first.slug},{second.slug}&",
        "glossary": "/glossary/",
        "search": "/search/",
    }


def assert_russian_400(response):
    assert response.status_code == 400
    assert "Неверный запрос" in response.content.decode()
    for header in SECURITY_HEADERS:
        assert response.has_header(header), header


def csrf_client(poll):
    """A client that enforces CSRF, as production does, and its valid form token."""
    client = Client(enforce_csrf_checks=True)
    client.get(poll.get_absolute_url())
    return client, client.cookies["csrftoken"].value


@override_settings(DEBUG=False)
@pytest.mark.parametrize("page", ["catalog", "compare", "glossary", "search"])
def test_too_many_query_fields_answer_the_russian_400_page(client, pages, page):
    assert_russian_400(client.get(pages[page] + TOO_MANY_FIELDS))


@override_settings(DEBUG=False)
@pytest.mark.parametrize("page", ["catalog", "card", "vendor", "compare", "glossary", "search"])
def test_the_400_page_never_reads_the_unreadable_query_again(client, pages, page, settings):
    # The cause of the production 500: drawing the error page read request.GET once more.
    engine = settings.TEMPLATES[0]
    processors = [*engine["OPTIONS"]["context_processors"], f"{__name__}.reads_the_query"]
    templates = [{**engine, "OPTIONS": {**engine["OPTIONS"], "context_processors": processors}}]
    with override_settings(TEMPLATES=templates):
        assert_russian_400(client.get(pages[page] + TOO_MANY_FIELDS))


@override_settings(DEBUG=False)
def test_a_vote_in_utf16_answers_the_russian_400_page():
    poll, choices = poll_with_choices()
    client, token = csrf_client(poll)
    body = f"csrfmiddlewaretoken={token}&choice={choices[0].pk}"
    response = client.post(
        vote_url(poll), body, content_type="application/x-www-form-urlencoded; charset=utf-16"
    )
    assert_russian_400(response)
    assert not poll.votes.exists()
