"""factory-boy factories for the polls: one per model, for the tests and synthetic data."""

import datetime
import secrets

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from polls.models import Choice, Poll, Vote
from polls.voter import voter_hash


class PollFactory(DjangoModelFactory):
    question = factory.Sequence(lambda n: f"Вопрос номер {n} на портале «{{portal}}»?")
    slug = factory.Sequence(lambda n: f"opros-{n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = None
    is_published = True
    results_policy = Poll.ResultsPolicy.AFTER_VOTE

    class Meta:
        model = Poll


class ChoiceFactory(DjangoModelFactory):
    poll = factory.SubFactory(PollFactory)
    text = factory.Sequence(lambda n: f"вариант {n}")
    order = factory.Sequence(lambda n: n)
    link_url = "/catalog/"

    class Meta:
        model = Choice


class VoteFactory(DjangoModelFactory):
    poll = factory.LazyAttribute(lambda vote: vote.choice.poll)
    choice = factory.SubFactory(ChoiceFactory)
    voter_hash = factory.LazyFunction(lambda: voter_hash(f"anon:{secrets.token_urlsafe(32)}"))

    class Meta:
        model = Vote
