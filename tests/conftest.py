import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would then refuse
# the ORM calls the test itself makes. The loop never touches the database.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Production keeps the cache in PostgreSQL (or Redis); tests use local memory so that query
# budgets count what a view asks of the database, not cache reads. Tests of the shared cache
# itself switch back with `database_cache` below.
LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def _clear_cache(settings):
    """Each test starts with an empty cache, so cached reads never leak between tests."""
    from django.core.cache import cache

    settings.CACHES = LOCAL_CACHE
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _still_rate_limit_clock(monkeypatch):
    """Rate limits count per clock minute and hour (core/rate_limit.py). A test that sends
    a few requests and expects the next to be refused would see the count restart if it
    straddled a minute's end, which a slow machine makes likely; the limiter's clock stands
    still in the middle of a minute for the whole test instead."""
    import types

    from django.utils import timezone

    from core import rate_limit

    moment = timezone.now().replace(second=30, microsecond=0)
    monkeypatch.setattr(rate_limit, "timezone", types.SimpleNamespace(now=lambda: moment))


@pytest.fixture
def database_cache(settings):
    """The production cache: the portal_cache table in PostgreSQL."""
    from django.core.cache import cache

    from config import settings as project_settings

    settings.CACHES = project_settings.CACHES
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM_PATH):
        pytest.fail(f"Chromium not found at {CHROMIUM_PATH}: run scripts/ensure_chromium.sh")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser tab (own cookies) whose relative URLs go to the live test server."""
    from tests.browser.helpers import browser_tab

    with browser_tab(chromium, live_server.url, viewport={"width": 1280, "height": 900}) as tab:
        yield tab


@pytest.fixture
def phone_page(chromium, live_server):
    """A narrow phone-sized tab (360 px), for layout checks."""
    from tests.browser.helpers import browser_tab

    phone = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
    with browser_tab(chromium, live_server.url, **phone) as tab:
        yield tab


@pytest.fixture
def page_cache_off(settings):
    """Query budgets measure what a view asks of the database, not the cached page."""
    settings.PAGE_CACHE_SECONDS = 0
