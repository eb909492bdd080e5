"""Requests Django cannot read answer the Russian 400 page with the portal's security headers,
never a 500 (the hostile-input probe of the production settings)."""

import io
import logging
from urllib.parse import quote
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, override_settings

from catalog.factories import VendorFactory
from polls.factories import ChoiceFactory
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
@pytest.mark.parametrize("page", ["catalog", "card", "vendor", "compare", "glossary", "search"])
def test_too_many_query_fields_answer_the_russian_400_page(client, pages, page):
    # The card and the vendor page never read their query: they answer the same 400 as the
    # pages that do (core.middleware.RejectUnreadableInputMiddleware).
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


def one_line_logged(caplog):
    """The log of one refused request: a single warning, no traceback anywhere."""
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(records) == 1, [(r.name, r.getMessage()) for r in records]
    assert records[0].exc_info is None and records[0].exc_text is None
    return records[0].getMessage()


@override_settings(DEBUG=False)
def test_too_many_query_fields_log_one_line_not_a_traceback(client, pages, caplog):
    caplog.set_level(logging.INFO)
    assert_russian_400(client.get(pages["catalog"] + TOO_MANY_FIELDS))
    line = one_line_logged(caplog)
    assert line.startswith("Bad request refused: GET /catalog/: The number of GET/POST")


@override_settings(DEBUG=False)
def test_too_many_form_fields_log_one_line_and_count_no_vote(caplog):
    poll, choices = poll_with_choices()
    client, token = csrf_client(poll)
    body = f"csrfmiddlewaretoken={token}&choice={choices[0].pk}" + "&x=1" * 1000
    caplog.set_level(logging.INFO)
    response = client.post(vote_url(poll), body, content_type="application/x-www-form-urlencoded")
    assert_russian_400(response)
    assert one_line_logged(caplog).startswith(f"Bad request refused: POST {vote_url(poll)}: ")
    assert not poll.votes.exists()


@override_settings(DEBUG=False)
def test_a_body_in_another_charset_logs_one_line(caplog):
    poll, choices = poll_with_choices()
    client, token = csrf_client(poll)
    caplog.set_level(logging.INFO)
    response = client.post(
        vote_url(poll),
        f"csrfmiddlewaretoken={token}&choice={choices[0].pk}",
        content_type="application/x-www-form-urlencoded; charset=utf-16",
    )
    assert_russian_400(response)
    assert one_line_logged(caplog).endswith("The form body is not declared as UTF-8.")


def multipart(boundary, fields):
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    return "".join(parts) + f"--{boundary}--\r\n"


@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    ("content_type", "encode"),
    [
        ("application/x-www-form-urlencoded; charset=utf-16", "urlencoded"),
        ("application/x-www-form-urlencoded; charset=latin-1", "urlencoded"),
        ("application/x-www-form-urlencoded; charset=no-such-charset", "urlencoded"),
        ("multipart/form-data; boundary=BB; charset=utf-16", "multipart"),
        ("multipart/form-data; boundary=BB; charset=idna", "multipart"),
        ("multipart/form-data; boundary=BB; charset=no-such-charset", "multipart"),
        ("multipart/form-data", "multipart"),  # no boundary
        ("multipart/form-data; boundary=", "multipart"),
    ],
)
def test_a_vote_body_that_cannot_be_read_answers_400(content_type, encode):
    poll, choices = poll_with_choices()
    client, token = csrf_client(poll)
    fields = {"csrfmiddlewaretoken": token, "choice": choices[0].pk}
    if encode == "multipart":
        body = multipart("BB", fields)
    else:
        body = "&".join(f"{name}={value}" for name, value in fields.items())
    response = client.generic("POST", vote_url(poll), body.encode(), content_type=content_type)
    assert_russian_400(response)
    assert not poll.votes.exists()


@override_settings(DEBUG=False)
@pytest.mark.parametrize("comment", [b"%FF%FE", b"\xff\xfe", b"%ED%A0%80"])  # last: a surrogate
def test_a_vote_body_with_bytes_that_are_not_utf8_answers_400(comment):
    poll, _choices = poll_with_choices()
    other = ChoiceFactory(poll=poll, allows_comment=True)
    client, token = csrf_client(poll)
    body = f"csrfmiddlewaretoken={token}&choice={other.pk}&comment=".encode() + comment
    response = client.generic(
        "POST", vote_url(poll), body, content_type="application/x-www-form-urlencoded"
    )
    assert_russian_400(response)
    assert not poll.votes.exists()


@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=UTF-8",  # as jQuery sends it
        "multipart/form-data; boundary=BB",
        "multipart/form-data; boundary=BB; charset=utf-8",
    ],
)
def test_a_vote_in_utf8_is_still_counted(content_type):
    poll, choices = poll_with_choices()
    client, token = csrf_client(poll)
    fields = {"csrfmiddlewaretoken": token, "choice": choices[0].pk, "next": "/glossary/?q=ж"}
    if content_type.startswith("multipart"):
        body = multipart("BB", fields).encode()
    else:
        body = "&".join(f"{name}={quote(str(value))}" for name, value in fields.items())
    response = client.generic("POST", vote_url(poll), body, content_type=content_type)
    assert response.status_code == 302
    assert response["Location"] == "/glossary/?q=%D0%B6"
    assert poll.votes.count() == 1


def through_wsgi(method, path, query="", body=b"", content_type="", cookie=""):
    """One request through config.wsgi.application, the server's entry point, whose request
    class the test client does not use. Like the test client, it keeps the test's database
    connection open across the request."""
    from config.wsgi import application

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_COOKIE": cookie,
        "wsgi.input": io.BytesIO(body),
    }
    setup_testing_defaults(environ)
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=int(status.split()[0]), headers=dict(headers))

    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        content = b"".join(application(environ, start_response))
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    return started["status"], started["headers"], content.decode()


@override_settings(DEBUG=False)
@pytest.mark.parametrize("charset", ["rot13", "base64", "zlib_codec", "punycode", "undefined"])
def test_a_charset_that_is_no_text_encoding_is_ignored_on_a_get(charset):
    # Django used to fail while building the request: a bare 500 on any URL.
    status, _headers, html = through_wsgi(
        "GET", "/glossary/", "q=%D0%B0", content_type=f"text/plain; charset={charset}"
    )
    assert status == 200
    assert 'value="а"' in html  # the query is still read as UTF-8


@override_settings(DEBUG=False)
@pytest.mark.parametrize("charset", ["rot13", "base64", "utf-16", "windows-1251"])
def test_a_vote_declared_in_another_charset_answers_400_through_wsgi(charset):
    poll, choices = poll_with_choices()
    _client, token = csrf_client(poll)
    status, headers, html = through_wsgi(
        "POST",
        vote_url(poll),
        body=f"csrfmiddlewaretoken={token}&choice={choices[0].pk}".encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
        cookie=f"csrftoken={token}",
    )
    assert (status, "Неверный запрос" in html) == (400, True)
    assert set(SECURITY_HEADERS) <= set(headers)
    assert not poll.votes.exists()


@override_settings(DEBUG=False)
def test_too_many_query_fields_with_a_charset_answer_400_through_wsgi(pages):
    status, headers, html = through_wsgi(
        "GET", pages["card"], TOO_MANY_FIELDS[1:], content_type="text/plain; charset=utf-8"
    )
    assert (status, "Неверный запрос" in html) == (400, True)
    assert set(SECURITY_HEADERS) <= set(headers)
