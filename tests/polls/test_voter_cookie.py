"""The anonymous voter's cookie: signed, HttpOnly, SameSite=Lax, and useless when forged."""

import re

import pytest
from django.core import signing
from django.test import override_settings

from polls.models import Vote
from polls.voter import COOKIE_NAME, FORM_FIELD, FORM_SALT
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


def test_it_sets_no_cookie_on_shared_pages_only_where_the_vote_form_is(client):
    poll, _choices = poll_with_choices()
    assert COOKIE_NAME not in client.get("/").cookies
    page = client.get(poll.get_absolute_url())
    # The form carries the same token the cookie stores: see test_concurrency.py.
    token = page.cookies[COOKIE_NAME].value.split(":")[0]
    form_token = re.search(rf'name="{FORM_FIELD}" value="([^"]+)"', page.content.decode())[1]
    assert signing.loads(form_token, salt=FORM_SALT) == token


def test_a_voter_who_voted_gets_no_new_cookie(client):
    poll, choices = poll_with_choices()
    client.post(vote_url(poll), {"choice": choices[0].pk})
    assert COOKIE_NAME not in client.get(poll.get_absolute_url()).cookies


def test_the_form_token_counts_two_posts_of_one_form_once_without_cookies(client):
    poll, choices = poll_with_choices()
    html = client.get(poll.get_absolute_url()).content.decode()
    form_token = re.search(rf'name="{FORM_FIELD}" value="([^"]+)"', html)[1]
    for choice in choices[:2]:
        client.cookies.clear()  # the browser kept no cookie between the two posts
        client.post(vote_url(poll), {"choice": choice.pk, FORM_FIELD: form_token})
    assert Vote.objects.count() == 1


def test_a_forged_form_token_is_a_new_voter_not_the_victim(client):
    poll, choices = poll_with_choices()
    give_voter_cookie(client, "victim-token")
    client.post(vote_url(poll), {"choice": choices[0].pk})
    client.cookies.clear()
    forged = signing.dumps("victim-token", salt=FORM_SALT, key="not-the-secret-key-" * 3)
    client.post(vote_url(poll), {"choice": choices[1].pk, FORM_FIELD: forged})
    assert Vote.objects.count() == 2


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
