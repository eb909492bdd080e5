"""Casting a vote through the POST view: PRG, refusals, one vote per voter."""

import datetime

import pytest
from django.utils import timezone

from polls.factories import ChoiceFactory, PollFactory, VoteFactory
from polls.models import Vote
from polls.voter import COOKIE_NAME, voter_hash
from tests.polls.helpers import give_voter_cookie, poll_with_choices, vote_url

pytestmark = pytest.mark.django_db


def test_it_records_a_vote_and_redirects_to_the_poll(client):
    poll, choices = poll_with_choices()
    response = client.post(vote_url(poll), {"choice": choices[1].pk})
    assert response.status_code == 302
    assert response["Location"] == poll.get_absolute_url()
    vote = Vote.objects.get()
    assert (vote.poll, vote.choice, vote.comment) == (poll, choices[1], "")
    page = client.get(response["Location"]).content.decode()
    assert "Спасибо, ваш голос учтён" in page


def test_it_redirects_back_to_a_safe_next_page_only(client):
    poll, choices = poll_with_choices()
    response = client.post(vote_url(poll), {"choice": choices[0].pk, "next": "/catalog/?q=1"})
    assert response["Location"] == "/catalog/?q=1"
    poll2, choices2 = poll_with_choices()
    response = client.post(
        vote_url(poll2), {"choice": choices2[0].pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == poll2.get_absolute_url()


@pytest.mark.parametrize("target", ["0", "catalog", "polls:poll-list", "?x=1", "catalog/"])
def test_it_ignores_a_next_that_is_not_a_path(client, target):
    # Found by tests/portal/test_fuzz.py: redirect("0") looked "0" up as a URL pattern name
    # and failed with NoReverseMatch, a 500.
    poll, choices = poll_with_choices()
    response = client.post(vote_url(poll), {"choice": choices[0].pk, "next": target})
    assert response.status_code == 302
    assert response["Location"] == poll.get_absolute_url()
    assert poll.votes.count() == 1


def test_it_keeps_one_vote_when_the_visitor_votes_again(client):
    poll, choices = poll_with_choices()
    client.post(vote_url(poll), {"choice": choices[0].pk})
    response = client.post(vote_url(poll), {"choice": choices[1].pk}, follow=True)
    html = response.content.decode()
    assert "Вы уже проголосовали" in html
    assert Vote.objects.count() == 1
    assert Vote.objects.get().choice == choices[0]
    assert "poll-result--mine" in html  # results, with the first answer highlighted


def test_it_keys_a_logged_in_user_by_id(client, django_user_model):
    user = django_user_model.objects.create_user("anna", password="x-secret-1")
    poll, choices = poll_with_choices()
    client.force_login(user)
    client.post(vote_url(poll), {"choice": choices[0].pk})
    assert Vote.objects.get().voter_hash == voter_hash(f"user:{user.pk}")
    # Another browser of the same user (no voter cookie) is still the same voter.
    client.cookies.pop(COOKIE_NAME, None)
    client.post(vote_url(poll), {"choice": choices[1].pk})
    assert Vote.objects.count() == 1


def test_it_stores_only_a_hash_of_the_voter_key(client):
    poll, choices = poll_with_choices()
    give_voter_cookie(client, "known-token-value-123")
    client.post(vote_url(poll), {"choice": choices[0].pk})
    stored = Vote.objects.get().voter_hash
    assert "known-token-value-123" not in stored
    assert stored == voter_hash("anon:known-token-value-123")
    assert len(stored) == 64


@pytest.mark.parametrize(
    "data",
    [{}, {"choice": ""}, {"choice": "abc"}, {"choice": "99999"}, {"choice": "1.5"}],
    ids=["missing", "empty", "garbage", "unknown", "float"],
)
def test_it_answers_bad_choices_with_a_400_form_error(client, data):
    poll, _choices = poll_with_choices()
    response = client.post(vote_url(poll), data)
    assert response.status_code == 400
    assert "Выберите один из вариантов" in response.content.decode()
    assert not Vote.objects.exists()


def test_it_refuses_a_choice_from_another_poll(client):
    poll, _choices = poll_with_choices()
    foreign = ChoiceFactory()
    response = client.post(vote_url(poll), {"choice": foreign.pk})
    assert response.status_code == 400
    assert "Выберите один из вариантов этого опроса" in response.content.decode()
    assert not Vote.objects.exists()


def test_it_requires_a_comment_for_the_other_choice(client):
    poll, _choices = poll_with_choices()
    other = ChoiceFactory(poll=poll, text="другое", allows_comment=True)
    response = client.post(vote_url(poll), {"choice": other.pk, "comment": "   "})
    assert response.status_code == 400
    assert "Напишите, какую задачу вы хотите решить" in response.content.decode()
    assert not Vote.objects.exists()
    client.post(vote_url(poll), {"choice": other.pk, "comment": "  интеграция с 1С  "})
    assert Vote.objects.get().comment == "интеграция с 1С"


def test_it_caps_the_comment_length(client):
    poll, _choices = poll_with_choices()
    other = ChoiceFactory(poll=poll, allows_comment=True)
    response = client.post(vote_url(poll), {"choice": other.pk, "comment": "я" * 501})
    assert response.status_code == 400
    assert not Vote.objects.exists()


def test_it_drops_a_comment_sent_with_an_ordinary_choice(client):
    poll, choices = poll_with_choices()
    client.post(vote_url(poll), {"choice": choices[0].pk, "comment": "спам " * 500})
    assert Vote.objects.get().comment == ""


@pytest.mark.parametrize(
    "when",
    [
        {"opens_at": datetime.timedelta(days=1)},
        {"opens_at": -datetime.timedelta(days=9), "closes_at": -datetime.timedelta(days=1)},
    ],
    ids=["not-yet-open", "closed"],
)
def test_it_refuses_votes_outside_the_poll_dates(client, when):
    now = timezone.now()
    poll, choices = poll_with_choices(**{name: now + delta for name, delta in when.items()})
    response = client.post(vote_url(poll), {"choice": choices[0].pk}, follow=True)
    assert "Голосование в этом опросе сейчас не идёт" in response.content.decode()
    assert not Vote.objects.exists()


def test_it_hides_an_inactive_poll_and_refuses_its_votes(client):
    poll, choices = poll_with_choices(is_published=False)
    assert client.post(vote_url(poll), {"choice": choices[0].pk}).status_code == 404
    assert client.get(poll.get_absolute_url()).status_code == 404
    assert not Vote.objects.exists()


def test_it_refuses_get_on_the_vote_url(client):
    poll = PollFactory()
    assert client.get(vote_url(poll)).status_code == 405


def test_it_counts_votes_from_the_votes_themselves(client):
    poll, choices = poll_with_choices(2, results_policy="always")
    VoteFactory.create_batch(3, choice=choices[0])
    VoteFactory(choice=choices[1])
    html = client.get(poll.get_absolute_url()).content.decode()
    assert "75&nbsp;%" in html and "25&nbsp;%" in html
    assert 'width="75"' in html
    assert "Всего голосов: <strong>4</strong>" in html
