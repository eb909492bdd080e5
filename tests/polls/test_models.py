"""Database-level rules: one vote per voter, dates in order, the demo fixture loads (no votes)."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import timezone

from polls.factories import ChoiceFactory, PollFactory, VoteFactory
from polls.models import Choice, Poll, Vote
from polls.services import AlreadyVoted, InvalidChoice, cast_vote
from tests.polls.helpers import poll_with_choices

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_vote_from_one_voter():
    vote = VoteFactory()
    with pytest.raises(IntegrityError, match="polls_vote_one_per_voter"):
        Vote.objects.create(poll=vote.poll, choice=vote.choice, voter_hash=vote.voter_hash)


def test_the_database_refuses_a_poll_that_closes_before_it_opens():
    now = timezone.now()
    with pytest.raises(IntegrityError, match="polls_poll_closes_after_opens"):
        PollFactory(opens_at=now, closes_at=now - datetime.timedelta(hours=1))


def test_the_service_refuses_a_foreign_choice_and_a_repeat():
    poll, choices = poll_with_choices()
    with pytest.raises(InvalidChoice):
        cast_vote(poll=poll, choice=ChoiceFactory(), voter_hash="a" * 64)
    cast_vote(poll=poll, choice=choices[0], voter_hash="a" * 64)
    with pytest.raises(AlreadyVoted):
        cast_vote(poll=poll, choice=choices[1], voter_hash="a" * 64)
    assert Vote.objects.count() == 1


def test_votes_keep_their_poll_and_choice_from_being_deleted():
    vote = VoteFactory()
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        vote.choice.delete()
    with pytest.raises(ProtectedError):
        vote.poll.delete()
    vote.delete()
    vote.poll.delete()  # without votes it goes, choices with it
    assert not Choice.objects.exists()


def test_the_demo_fixture_loads_with_the_sources_poll(settings):
    settings.PORTAL_NAME = "Практика CRM"
    call_command("loaddata", "fixtures/polls.json", verbosity=0)
    current = Poll.objects.open().get()
    assert current.display_question == (
        "Выберите, пожалуйста, пункт, наиболее точно описывающий задачу, которую Вы бы хотели "
        "решить на портале «Практика CRM»"
    )
    first = current.choices.order_by("order").first()
    assert first.text == "подобрать CRM-систему для своей компании"
    assert (first.link_url, first.link_label) == ("/selection/", "Перейти к подбору CRM-системы")
    assert Choice.objects.get(poll=current, allows_comment=True).text.startswith("другое")
    # Demo data has no invented results: the archive of closed polls starts empty.
    assert not Poll.objects.closed().exists()
    assert not Vote.objects.exists()


def test_no_vote_ships_in_the_fixtures():
    """Votes are visitors' answers; a fixture that ships some presents invented results."""
    fixtures = sorted((Path(__file__).resolve().parents[2] / "fixtures").glob("*.json"))
    assert fixtures
    for path in fixtures:
        models = {obj["model"] for obj in json.loads(path.read_text(encoding="utf-8"))}
        assert "polls.vote" not in models, path.name


@pytest.mark.django_db(transaction=True)
def test_a_choice_deleted_mid_vote_is_refused_not_a_500():
    poll, choices = poll_with_choices()
    stale = choices[0]
    Choice.objects.filter(pk=stale.pk).delete()  # an editor removes it meanwhile
    with pytest.raises(InvalidChoice):
        cast_vote(poll=poll, choice=stale, voter_hash="b" * 64)
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    ("votes", "expected"),
    [([9, 6, 4, 2], [43, 29, 19, 9]), ([1, 1, 1], [34, 33, 33]), ([0, 0], [0, 0]), ([5], [100])],
)
def test_percents_add_up_to_one_hundred(votes, expected):
    from polls.selectors import whole_percents

    assert whole_percents(votes) == expected
