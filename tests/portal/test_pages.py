"""Site-wide pages: home, 404, 500, robots.txt, security headers."""

from unittest import mock

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_shows_the_home_page_in_russian(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert "Практика CRM" in html
    assert 'href="#content"' in html  # skip link


@override_settings(PORTAL_NAME="Тестовый портал")
def test_it_takes_the_portal_name_from_settings(client):
    html = client.get("/").content.decode()
    assert "Тестовый портал" in html
    assert "Практика CRM" not in html


def test_it_answers_unknown_pages_with_a_russian_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_it_renders_a_russian_500_page(rf):
    from portal.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Что-то пошло не так" in response.content.decode()


@pytest.mark.parametrize(
    "error", [OperationalError("connection refused"), InterfaceError("connection already closed")]
)
@pytest.mark.parametrize("url", ["/", "/catalog/", "/glossary/", "/polls/"])
def test_it_answers_503_with_retry_after_when_the_database_is_lost(client, settings, url, error):
    """A lost database is "temporarily unavailable", not a server error; scripts/fault_db.py
    does the same against a really stopped PostgreSQL."""
    settings.DEBUG = False
    client.raise_request_exception = False
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=error):
        response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Портал временно недоступен" in html and "Traceback" not in html
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_other_errors_stay_500(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    with mock.patch("portal.views.HomeView.get_context_data", side_effect=ValueError("bug")):
        response = client.get("/")
    assert response.status_code == 500
    assert "Что-то пошло не так" in response.content.decode()


def test_it_serves_robots_txt_with_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body


def test_it_sends_strict_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_it_protects_posts_with_csrf_and_explains_the_refusal_in_russian():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("admin:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Не удалось отправить форму" in response.content.decode()
