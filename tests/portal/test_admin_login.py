"""The admin's login: django-axes locks a user name and an address separately after repeated
failures (an address trying many names is locked too, which stops password spraying),
lockouts are seen and lifted in the admin, and the admin lives at ADMIN_URL."""

import datetime
import importlib

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import clear_url_caches, reverse

from portal.checks import check_admin_url

pytestmark = pytest.mark.django_db

PASSWORD = "верный-пароль-2026"
LOCKED = "Слишком много неудачных попыток входа"


@pytest.fixture(autouse=True)
def _login_settings(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_superuser("chief", password=PASSWORD)


def log_in(username, password, address="10.0.0.1", client=None):
    client = client or Client()
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def logged_in(response):
    return response.status_code == 302 and response["Location"] == reverse("admin:index")


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/admin/", "javascript:alert(1)", ""]
)
def test_an_unsafe_next_lands_on_the_admins_index(chief, target):
    response = Client().post(
        reverse("admin:login"), {"username": "chief", "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_a_user_name_is_locked_after_the_limit_from_any_address(chief):
    assert log_in("chief", "не тот", "10.0.0.1").status_code == 200  # the form again
    log_in("chief", "не тот", "10.0.0.2")
    locked = log_in("chief", "не тот", "10.0.0.3")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert LOCKED in html and "через 15 мин." in html
    assert 'id="login-form"' not in html
    assert locked["Retry-After"] == "900"
    assert not logged_in(log_in("chief", PASSWORD, "10.0.0.4"))  # the right password too
    get_user_model().objects.create_superuser("deputy", password=PASSWORD)
    assert logged_in(log_in("deputy", PASSWORD, "10.0.0.4"))  # the address is not locked


def test_an_address_is_locked_after_the_limit_for_any_user_name(chief):
    for name in ["ivan", "petr", "olga"]:
        log_in(name, "подбор", "10.9.9.9")
    assert LOCKED in log_in("chief", PASSWORD, "10.9.9.9").content.decode()
    assert logged_in(log_in("chief", PASSWORD, "10.0.0.8"))  # the user name is not locked


def test_a_lockout_ends_after_the_cool_off(chief):
    for _ in range(3):
        log_in("chief", "не тот")
    AccessAttempt.objects.update(attempt_time=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert logged_in(log_in("chief", PASSWORD))


def test_a_successful_login_forgets_earlier_failures(chief):
    for _ in range(2):
        log_in("chief", "не тот")
    assert logged_in(log_in("chief", PASSWORD))
    for _ in range(2):
        log_in("chief", "не тот")
    assert logged_in(log_in("chief", PASSWORD))


def test_authenticate_needs_the_request_and_honours_the_lockout(chief):
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1")
    assert authenticate(request=request, username="chief", password=PASSWORD) == chief
    for _ in range(3):
        log_in("chief", "не тот")
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1")
    assert authenticate(request=request, username="chief", password=PASSWORD) is None


def test_a_superuser_sees_lockouts_in_russian_and_lifts_them(chief, django_user_model):
    editor = django_user_model.objects.create_superuser("editor", password=PASSWORD)
    for _ in range(3):
        log_in("editor", "не тот", "10.1.1.1")
    admin = Client()
    admin.force_login(chief)
    index = admin.get(reverse("admin:index")).content.decode()
    assert "Защита входа" in index
    assert reverse("admin:axes_accesslog_changelist") in index  # successful logins
    assert "axes/accessfailurelog" not in index  # never filled: not shown
    url = reverse("admin:axes_accessattempt_changelist")
    page = admin.get(url, {"locked": "yes"}).content.decode()
    assert "заблокированы имя и адрес" in page and "editor" in page
    response = admin.post(
        url,
        {"action": "unlock", "_selected_action": [AccessAttempt.objects.get().pk]},
        follow=True,
    )
    assert "Блокировка снята" in response.content.decode()
    assert not AccessAttempt.objects.exists()
    assert logged_in(log_in(editor.username, PASSWORD, "10.1.1.1"))


def test_axes_reset_unlocks_from_the_command_line(chief):
    for _ in range(3):
        log_in("chief", "не тот")
    call_command("axes_reset", verbosity=0)
    assert logged_in(log_in("chief", PASSWORD))


def test_public_pages_stay_cached_for_a_locked_out_address(chief, client):
    for _ in range(3):
        log_in("chief", "не тот", "127.0.0.1")
    first, second = client.get("/"), client.get("/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert not second.cookies and "Cookie" not in second.get("Vary", "")


@pytest.fixture
def admin_at(settings):
    """Moves the admin to another ADMIN_URL for one test (the URLconf is built at import)."""
    import config.urls

    def move(path):
        settings.ADMIN_URL = path
        importlib.reload(config.urls)
        clear_url_caches()

    yield move
    settings.ADMIN_URL = "admin/"
    importlib.reload(config.urls)
    clear_url_caches()


def test_the_admin_lives_at_admin_url(admin_at, client, chief):
    admin_at("office-7f3a/")
    assert reverse("admin:index") == "/office-7f3a/"
    assert client.get("/admin/").status_code == 404
    response = client.get("/office-7f3a/")
    assert response.status_code == 302
    assert response["Location"].startswith("/office-7f3a/login/")
    assert logged_in(log_in("chief", PASSWORD))
    # A path of one's own is not advertised to robots.
    robots = client.get("/robots.txt").content.decode()
    assert "office-7f3a" not in robots and "/admin/" not in robots
    assert check_admin_url(None) == []


def test_the_admin_url_may_not_hide_behind_the_sites_pages(admin_at):
    admin_at("catalog/")
    assert [error.id for error in check_admin_url(None)] == ["portal.E001"]
