"""Per-IP rate limit on vote POSTs: 429 with a Russian message, configurable."""

import pytest
from django.test import override_settings

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
