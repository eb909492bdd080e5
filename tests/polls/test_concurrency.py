"""Many simultaneous votes over real HTTP on real PostgreSQL: the unique constraint decides.

The live server answers each request in its own thread with its own database connection,
so these requests really race inside PostgreSQL.
"""

import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.test import override_settings

from polls.models import Vote
from polls.voter import COOKIE_NAME, FORM_FIELD, sign_token, voter_hash
from tests.polls.helpers import poll_with_choices, vote_url

pytestmark = pytest.mark.django_db(transaction=True)

CSRF_SECRET = "a" * 16 + "B" * 16  # a valid 32-character secret: cookie and form field agree
WORKERS = 20  # stay well below PostgreSQL's connection limit on a shared machine


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # we want to see the 302 and its cookies, not follow it


_opener = urllib.request.build_opener(_NoRedirect)


def _post_vote(url, choice_id, voter_token, form_token=""):
    cookies = f"csrftoken={CSRF_SECRET}"
    if voter_token:
        cookies += f"; {COOKIE_NAME}={sign_token(voter_token)}"
    fields = {"choice": choice_id, "csrfmiddlewaretoken": CSRF_SECRET, FORM_FIELD: form_token}
    body = urllib.parse.urlencode(fields)
    assert url.startswith("http://localhost:") or url.startswith("http://127.0.0.1:")
    request = urllib.request.Request(  # noqa: S310 -- the live server on this machine only
        url, data=body.encode(), method="POST", headers={"Cookie": cookies}
    )
    try:
        with _opener.open(request, timeout=60) as response:
            return response.status, response.headers.get_all("Set-Cookie") or []
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_all("Set-Cookie") or []


def _flash_messages(set_cookies):
    jar = SimpleCookie()
    for header in set_cookies:
        jar.load(header)
    if "messages" not in jar:
        return []
    return [str(m) for m in CookieStorage(HttpRequest())._decode(jar["messages"].value)]


@override_settings(POLL_VOTE_RATE_LIMIT=None)
def test_it_counts_fifty_different_voters_voting_at_once(live_server):
    poll, choices = poll_with_choices(3)
    url = live_server.url + vote_url(poll)
    tokens = [secrets.token_urlsafe(32) for _ in range(50)]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(lambda i: _post_vote(url, choices[i % 3].pk, tokens[i]), range(50)))
    assert [status for status, _cookies in results] == [302] * 50
    assert Vote.objects.filter(poll=poll).count() == 50
    assert set(Vote.objects.values_list("voter_hash", flat=True)) == {
        voter_hash(f"anon:{token}") for token in tokens
    }
    for i, choice in enumerate(choices):
        assert Vote.objects.filter(choice=choice).count() == len(range(i, 50, 3))


@override_settings(POLL_VOTE_RATE_LIMIT=None)
def test_it_keeps_exactly_one_vote_from_twenty_simultaneous_requests(live_server):
    poll, choices = poll_with_choices(3)
    url = live_server.url + vote_url(poll)
    token = secrets.token_urlsafe(32)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(lambda i: _post_vote(url, choices[i % 3].pk, token), range(20)))
    assert [status for status, _cookies in results] == [302] * 20  # no 500, no 400
    messages = [" ".join(_flash_messages(cookies)) for _status, cookies in results]
    accepted = [m for m in messages if "Спасибо, ваш голос учтён" in m]
    repeated = [m for m in messages if "Вы уже проголосовали" in m]
    assert (len(accepted), len(repeated)) == (1, 19)
    vote = Vote.objects.get(poll=poll)
    assert vote.voter_hash == voter_hash(f"anon:{token}")


@override_settings(POLL_VOTE_RATE_LIMIT=None)
def test_it_counts_one_loaded_form_once_when_posted_before_the_cookie_is_stored(live_server):
    """A double submit from a browser that has not stored the voter cookie yet: the form
    itself carries the voter (polls/voter.py), so the posts are one voter."""
    poll, choices = poll_with_choices(3)
    with urllib.request.urlopen(live_server.url + poll.get_absolute_url()) as response:  # noqa: S310
        html = response.read().decode()
    form_token = re.search(rf'name="{FORM_FIELD}" value="([^"]+)"', html)[1]
    url = live_server.url + vote_url(poll)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(
            pool.map(lambda i: _post_vote(url, choices[i % 3].pk, None, form_token), range(20))
        )
    assert [status for status, _cookies in results] == [302] * 20
    assert Vote.objects.filter(poll=poll).count() == 1


@override_settings(POLL_VOTE_RATE_LIMIT="20/m")
def test_the_rate_limit_holds_under_a_burst_from_one_address(live_server):
    """Forty simultaneous votes from one IP, each a new voter: exactly twenty pass (a
    read-then-write counter would let more through)."""
    poll, choices = poll_with_choices(3)
    url = live_server.url + vote_url(poll)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(
            pool.map(lambda i: _post_vote(url, choices[0].pk, secrets.token_urlsafe(16)), range(40))
        )
    statuses = sorted(status for status, _cookies in results)
    assert statuses == [302] * 20 + [429] * 20
    assert Vote.objects.filter(poll=poll).count() == 20
