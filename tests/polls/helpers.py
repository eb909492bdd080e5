import datetime

from django.urls import reverse
from django.utils import timezone

from polls.factories import ChoiceFactory, PollFactory
from polls.voter import COOKIE_NAME, sign_token


def give_voter_cookie(client, token):
    client.cookies[COOKIE_NAME] = sign_token(token)


def vote_url(poll):
    return reverse("polls:vote", kwargs={"slug": poll.slug})


def messages_text(response):
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def poll_with_choices(n=3, **kwargs):
    poll = PollFactory(**kwargs)
    return poll, [ChoiceFactory(poll=poll, order=i) for i in range(n)]


def closed_poll_with_choices(n=3, **kwargs):
    now = timezone.now()
    kwargs.setdefault("opens_at", now - datetime.timedelta(days=30))
    kwargs.setdefault("closes_at", now - datetime.timedelta(days=1))
    return poll_with_choices(n, **kwargs)
