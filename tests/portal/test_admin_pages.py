"""A 403 inside the admin stays in the admin; the public 403 page is unchanged; the portal's
icon answers at /favicon.ico and is linked from public and admin pages."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse

from core.roles import EDITORS, sync_roles
from portal.admin_views import permission_denied

pytestmark = pytest.mark.django_db

ICON_LINK = '<link rel="icon" href="/favicon.ico" sizes="32x32">'


@pytest.fixture
def editor(django_user_model):
    sync_roles()
    user = django_user_model.objects.create_user("editor", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client = Client()
    client.force_login(user)
    return client


def test_a_refusal_inside_the_admin_is_an_admin_page_leading_back(editor):
    response = editor.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 403
    html = response.content.decode()
    assert '<div id="site-name">' in html  # the admin's own frame
    assert "<h1>Доступ запрещён</h1>" in html
    assert "У вас нет прав на эту страницу редакции." in html
    assert f'<a href="{reverse("admin:index")}">Вернуться на главную страницу редакции</a>' in html
    assert "«Редакторы» или «Модераторы опросов»" in html
    assert ICON_LINK in html
    assert 'class="error-page' not in html


def test_a_refusal_elsewhere_keeps_the_public_403_page():
    request = RequestFactory().get("/catalog/")
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    html = response.content.decode()
    assert 'class="error-page' in html and "У вас нет прав на эту страницу." in html
    assert 'id="site-name"' not in html


def test_the_favicon_is_a_real_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:4] == b"\x00\x00\x01\x00"  # ICO header
    assert int.from_bytes(body[4:6], "little") == 3  # 16, 32 and 48 px


def test_public_and_admin_pages_link_the_icon(client, admin_client):
    for html in (
        client.get("/").content.decode(),
        client.get(reverse("admin:login")).content.decode(),
        admin_client.get(reverse("admin:index")).content.decode(),
        admin_client.get(reverse("admin:polls_poll_add")).content.decode(),
    ):
        assert ICON_LINK in html
        assert 'href="/static/img/favicon.svg"' in html
