"""Redis (REDIS_URL) may be lost without harm: every page keeps answering, built uncached,
an edit made meanwhile is not undone by pages cached before it, and caching resumes when
Redis answers again (core/versions.py, core/page_cache.py)."""

import logging
import socket

import pytest
import redis
from django.core.cache.backends.locmem import LocMemCache

from core import versions
from core.page_cache import HEADER
from glossary.factories import TermFactory
from polls.selectors import get_current_poll
from tests.catalog.helpers import product
from tests.conftest import LOCAL_CACHE
from tests.polls.helpers import poll_with_choices

pytestmark = pytest.mark.django_db


class FlakyCache(LocMemCache):
    """Local memory that fails like an unreachable Redis while `down` is set; what it held
    before stays (a network partition, or a Redis that kept its data)."""

    down = False

    def _check(self):
        if FlakyCache.down:
            raise redis.exceptions.ConnectionError("Connection refused (test)")

    def get(self, *args, **kwargs):
        self._check()
        return super().get(*args, **kwargs)

    def get_many(self, *args, **kwargs):
        self._check()
        return super().get_many(*args, **kwargs)

    def set(self, *args, **kwargs):
        self._check()
        return super().set(*args, **kwargs)

    def set_many(self, *args, **kwargs):
        self._check()
        return super().set_many(*args, **kwargs)

    def add(self, *args, **kwargs):
        self._check()
        return super().add(*args, **kwargs)


@pytest.fixture(autouse=True)
def _fresh_state(monkeypatch):
    monkeypatch.setattr(versions, "_state", {"down": False, "retry_at": 0.0, "pending": set()})
    monkeypatch.setattr(versions, "RETRY_SECONDS", 0)
    FlakyCache.down = False
    yield
    FlakyCache.down = False


@pytest.fixture
def flaky(settings):
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.FlakyCache"}}
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def unreachable_redis(settings):
    """The real Redis client against a port nobody listens on (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.PAGE_CACHE_SECONDS = 600
    yield
    settings.CACHES = LOCAL_CACHE  # so that the cache can be emptied after the test


def test_every_page_answers_uncached_while_redis_is_unreachable(client, unreachable_redis):
    item = product(slug="acme-crm", name="Acme CRM")
    TermFactory(slug="crm", name="CRM")
    poll_with_choices(question="Что вы ищете?")
    for url in ["/", "/catalog/", item.get_absolute_url(), "/glossary/", "/glossary/crm/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert HEADER not in response, url  # built, not stored
    assert "Что вы ищете?" in client.get("/").content.decode()  # the current poll, computed


def test_an_edit_while_redis_is_unreachable_succeeds(unreachable_redis, caplog):
    caplog.set_level(logging.WARNING)
    item = product(name="До правки")
    item.name = "После правки"
    item.save()  # the version bump cannot reach Redis: the save still succeeds
    assert versions.EVERYTHING in versions._state["pending"]
    # One line per outage and process, not one per request.
    outage_lines = [r for r in caplog.records if "unavailable" in r.getMessage()]
    assert len(outage_lines) == 1 and outage_lines[0].exc_info is None


def test_values_are_computed_while_the_cache_is_down_and_cached_after(flaky):
    poll, _choices = poll_with_choices(question="Текущий опрос")
    FlakyCache.down = True
    assert get_current_poll()[0] == poll
    FlakyCache.down = False
    assert get_current_poll()[0] == poll
    assert get_current_poll()[0] == poll


def test_caching_resumes_and_no_page_from_before_an_edit_is_served_after(client, flaky):
    item = product(slug="acme-crm", name="Старое имя")
    url = item.get_absolute_url()
    assert client.get(url)[HEADER] == "miss"
    assert client.get(url)[HEADER] == "hit"

    FlakyCache.down = True  # Redis unreachable, its entries kept
    item.name = "Новое имя"
    item.save()
    response = client.get(url)
    assert response.status_code == 200 and HEADER not in response
    assert "Новое имя" in response.content.decode()

    FlakyCache.down = False  # back, still holding the page stored before the edit
    response = client.get(url)
    assert "Новое имя" in response.content.decode(), "a page from before the edit"
    assert response[HEADER] == "miss"
    assert client.get(url)[HEADER] == "hit"
    assert not versions._state["pending"]
