"""The anonymous voter's cookie: signed, HttpOnly, SameSite=Lax, and useless when forged."""

import pytest
from django.test import override_settings

from polls.models import Vote
from polls.voter import COOKIE_NAME
from tests.polls.helpers import give_voter_cookie, poll_with_choices, vote_url

pytestmark = pytest.mark.django_db


def test_it_sets_a_signed_httponly_lax_cookie_on_the_first_vote(client):
    poll, choices = poll_with_choices()
    response = client.post(vote_url(poll), {"choice": choices[0].pk})
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert not cookie["secure"]
    assert int(cookie["max-age"]) >= 365 * 24 * 3600
    token, _sep, signature = cookie.value.partition(":")
    assert len(token) >= 40 and signature  # token_urlsafe(32) plus a signature


@override_settings(SESSION_COOKIE_SECURE=True)
def test_it_marks_the_cookie_secure_when_sessions_are(client):
    poll, choices = poll_with_choices()
    response = client.post(vote_url(poll), {"choice": choices[0].pk})
    assert response.cookies[COOKIE_NAME]["secure"] is True


def test_it_does_not_set_a_cookie_on_plain_page_views(client):
    poll, _choices = poll_with_choices()
    assert COOKIE_NAME not in client.get("/").cookies
    assert COOKIE_NAME not in client.get(poll.get_absolute_url()).cookies


def test_it_keeps_the_same_key_for_the_next_poll(client):
    poll, choices = poll_with_choices()
    client.post(vote_url(poll), {"choice": choices[0].pk})
    first_cookie = client.cookies[COOKIE_NAME].value
    poll2, choices2 = poll_with_choices()
    response = client.post(vote_url(poll2), {"choice": choices2[0].pk})
    assert COOKIE_NAME not in response.cookies  # no new token: the old one is still valid
    assert client.cookies[COOKIE_NAME].value == first_cookie
    hashes = set(Vote.objects.values_list("voter_hash", flat=True))
    assert len(hashes) == 1


def test_it_treats_a_tampered_cookie_as_a_new_voter_not_the_victim(client):
    poll, choices = poll_with_choices()
    give_voter_cookie(client, "victim-token")
    client.post(vote_url(poll), {"choice": choices[0].pk})
    victim_vote = Vote.objects.get()
    # An attacker who knows the victim's token but not SECRET_KEY forges the signature.
    client.cookies[COOKIE_NAME] = "victim-token:forged-signature"
    response = client.post(vote_url(poll), {"choice": choices[1].pk})
    assert response.status_code == 302
    assert response.cookies[COOKIE_NAME].value.split(":")[0] != "victim-token"
    assert Vote.objects.count() == 2
    victim_vote.refresh_from_db()
    assert victim_vote.choice == choices[0]
