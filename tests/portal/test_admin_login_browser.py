"""The admin login in a real Chromium: wrong passwords end in the Russian lockout page."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.browser.helpers import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_repeated_wrong_passwords_end_in_the_lockout_message(page, settings):
    settings.AXES_FAILURE_LIMIT = 3
    get_user_model().objects.create_superuser("chief", password="верный-пароль-2026")
    page.goto(reverse("admin:login"))
    for attempt in range(3):
        page.get_by_label("Имя пользователя").fill("chief")
        page.get_by_label("Пароль").fill(f"не тот {attempt}")
        with page.expect_navigation():
            page.get_by_role("button", name="Войти").click()
        if attempt < 2:
            assert page.locator("#login-form").is_visible()
            assert page.locator(".errornote").is_visible()  # Django's "wrong password"
    note = page.locator(".errornote")
    assert note.inner_text() == (
        "Слишком много неудачных попыток входа: вход с этим именем пользователя или "
        "с вашего адреса заблокирован."
    )
    assert page.get_by_text("Попробуйте снова через 15 мин.").is_visible()
    assert page.locator("#login-form").count() == 0
    assert_accessible(page)
    page.get_by_role("link", name="Ко входу").click()
    page.get_by_label("Имя пользователя").fill("chief")
    page.get_by_label("Пароль").fill("верный-пароль-2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Войти").click()
    assert page.locator(".errornote").inner_text().startswith("Слишком много неудачных")
