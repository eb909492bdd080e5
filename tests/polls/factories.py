import datetime
import secrets

import factory
from django.utils import timezone

from polls.models import Choice, Poll, Vote
from polls.voter import voter_hash


class PollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Poll

    question = factory.Sequence(lambda n: f"Вопрос номер {n} на портале «{{portal}}»?")
    slug = factory.Sequence(lambda n: f"opros-{n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = None
    is_active = True
    results_policy = Poll.ResultsPolicy.AFTER_VOTE


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    poll = factory.SubFactory(PollFactory)
    text = factory.Sequence(lambda n: f"вариант {n}")
    order = factory.Sequence(lambda n: n)
    link_url = "/catalog/"


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    poll = factory.LazyAttribute(lambda vote: vote.choice.poll)
    choice = factory.SubFactory(ChoiceFactory)
    voter_hash = factory.LazyFunction(lambda: voter_hash(f"anon:{secrets.token_urlsafe(32)}"))


def poll_with_choices(n=3, **kwargs):
    poll = PollFactory(**kwargs)
    return poll, [ChoiceFactory(poll=poll, order=i) for i in range(n)]


def closed_poll_with_choices(n=3, **kwargs):
    now = timezone.now()
    kwargs.setdefault("opens_at", now - datetime.timedelta(days=30))
    kwargs.setdefault("closes_at", now - datetime.timedelta(days=1))
    return poll_with_choices(n, **kwargs)
