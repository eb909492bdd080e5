"""Per-IP rate limit on vote POSTs, counted in PostgreSQL: 429 in Russian with Retry-After,
a per-minute and an hourly window, configurable."""

import datetime
import ipaddress

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings
from django.utils import timezone

from core import rate_limit
from core.models import RateCounter
from polls.models import Vote
from tests.polls.helpers import poll_with_choices, vote_url

pytestmark = pytest.mark.django_db


@override_settings(POLL_VOTE_RATE_LIMIT="3/m")
def test_it_answers_429_in_russian_past_the_limit(client):
    poll, choices = poll_with_choices()
    statuses = []
    for _ in range(4):
        client.cookies.clear()  # a fresh "voter" each time: only the IP is limited
        statuses.append(client.post(vote_url(poll), {"choice": choices[0].pk}).status_code)
    assert statuses == [302, 302, 302, 429]
    response = client.post(vote_url(poll), {"choice": choices[0].pk})
    assert response.status_code == 429
    assert "Слишком много попыток проголосовать" in response.content.decode()
    assert 1 <= int(response["Retry-After"]) <= 60  # until the minute's window ends
    assert response["X-Frame-Options"] == "DENY"
    assert Vote.objects.count() == 3


@override_settings(POLL_VOTE_RATE_LIMIT="2/m")
def test_it_counts_each_ip_separately(client):
    poll, choices = poll_with_choices()
    for _ in range(2):
        client.cookies.clear()
        client.post(vote_url(poll), {"choice": choices[0].pk}, REMOTE_ADDR="10.0.0.1")
    client.cookies.clear()
    blocked = client.post(vote_url(poll), {"choice": choices[0].pk}, REMOTE_ADDR="10.0.0.1")
    other = client.post(vote_url(poll), {"choice": choices[0].pk}, REMOTE_ADDR="10.0.0.2")
    assert (blocked.status_code, other.status_code) == (429, 302)


@override_settings(POLL_VOTE_RATE_LIMIT="1/m")
def test_it_does_not_limit_page_views(client):
    poll, choices = poll_with_choices()
    client.post(vote_url(poll), {"choice": choices[0].pk})
    for _ in range(3):
        assert client.get(poll.get_absolute_url()).status_code == 200


@override_settings(POLL_VOTE_RATE_LIMIT="")
def test_an_empty_setting_turns_the_limit_off(client):
    poll, choices = poll_with_choices()
    for _ in range(25):
        client.cookies.clear()
        assert client.post(vote_url(poll), {"choice": choices[0].pk}).status_code == 302


@override_settings(POLL_VOTE_RATE_LIMIT="3/m")
def test_the_count_survives_an_emptied_cache(client):
    """Counted in the database, not a worker's memory or the cache: all workers share it."""
    from django.core.cache import cache

    poll, choices = poll_with_choices()
    for _ in range(3):
        client.cookies.clear()
        client.post(vote_url(poll), {"choice": choices[0].pk})
    cache.clear()
    client.cookies.clear()
    assert client.post(vote_url(poll), {"choice": choices[0].pk}).status_code == 429


def _request(ip="10.1.1.1", **headers):
    return RequestFactory().post("/", REMOTE_ADDR=ip, **headers)


BALANCER = "10.20.0.1"


@override_settings(CLIENT_IP_META_KEY="HTTP_X_REAL_IP")
def test_behind_the_balancer_each_visitor_is_counted_by_their_own_address(settings):
    settings.FORWARDED_ALLOW_IPS = [ipaddress.ip_network(BALANCER)]
    first = _request(BALANCER, HTTP_X_REAL_IP="203.0.113.7")
    second = _request(BALANCER, HTTP_X_REAL_IP="198.51.100.4")
    assert rate_limit.client_address(first) == "203.0.113.7"
    assert rate_limit.hit("t", first, "1/m") is None
    assert rate_limit.hit("t", first, "1/m") is not None
    assert rate_limit.hit("t", second, "1/m") is None  # not the balancer's count


@override_settings(CLIENT_IP_META_KEY="HTTP_X_REAL_IP")
def test_x_real_ip_is_believed_only_from_the_balancer(settings):
    settings.FORWARDED_ALLOW_IPS = [ipaddress.ip_network("10.20.0.0/30")]
    # Someone who reaches gunicorn without the balancer cannot pick the address counted.
    direct = _request("10.9.9.9", HTTP_X_REAL_IP="203.0.113.7")
    assert rate_limit.client_address(direct) == "10.9.9.9"
    assert rate_limit.client_address(_request("10.20.0.2", HTTP_X_REAL_IP="1.2.3.4")) == "1.2.3.4"
    settings.FORWARDED_ALLOW_IPS = None  # "*": any peer
    assert rate_limit.client_address(direct) == "203.0.113.7"


def test_the_hourly_cap_holds_across_minutes():
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    waits = [
        rate_limit.hit("t", _request(), "2/m,5/h", now=start + datetime.timedelta(minutes=i))
        for i in range(7)
    ]
    assert waits[:5] == [None] * 5  # one a minute stays under 2/m
    assert waits[5] == 3600 - 5 * 60  # the hour's sixth: wait for the next hour
    assert waits[6] == 3600 - 6 * 60


def test_it_waits_for_the_minute_when_only_the_minute_is_exceeded():
    now = timezone.now().replace(second=20, microsecond=0)
    waits = [rate_limit.hit("t", _request(), "2/m,100/h", now=now) for _ in range(3)]
    assert waits == [None, None, 40]


def test_ipv6_clients_are_counted_by_their_64_block():
    rule = "1/m"
    assert rate_limit.hit("t", _request("2001:db8::1"), rule) is None
    assert rate_limit.hit("t", _request("2001:db8::ffff"), rule) is not None
    assert rate_limit.hit("t", _request("2001:db8:0:1::1"), rule) is None


def test_old_windows_are_cleaned_up(monkeypatch):
    monkeypatch.setattr(rate_limit, "CLEANUP_CHANCE", 1.0)
    long_ago = timezone.now() - datetime.timedelta(days=3)
    rate_limit.hit("t", _request(), "5/m", now=long_ago)
    assert RateCounter.objects.count() == 1
    rate_limit.hit("t", _request(), "5/m")
    assert RateCounter.objects.count() == 1  # only today's window is left


@pytest.mark.parametrize("rule", ["20", "20/s", "x/m", "20/m,30/m"])
def test_a_malformed_rule_is_a_configuration_error(rule):
    with pytest.raises(ImproperlyConfigured):
        rate_limit.parse(rule)
