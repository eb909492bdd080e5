"""Site-wide pages: home, 404, 500, robots.txt, security headers."""

import pytest
from django.test import Client, override_settings

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


def test_it_serves_robots_txt_with_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


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
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Не удалось отправить форму" in response.content.decode()
