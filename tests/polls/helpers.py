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


def poll_admin_form(
    question="Что вы ищете на портале «{portal}»?", choices=("CRM", "SFA"), **fields
):
    """POST data of the admin's poll form (add or change) with new inline choices."""
    opens_at = timezone.localtime(fields.pop("opens_at", timezone.now()))
    closes_at = fields.pop("closes_at", None)
    data = {
        "question": question,
        "slug": "",
        "description": "",
        "opens_at_0": opens_at.strftime("%Y-%m-%d"),
        "opens_at_1": opens_at.strftime("%H:%M:%S"),
        "closes_at_0": "",
        "closes_at_1": "",
        "is_published": "on",
        "results_policy": "after_vote",
        "choices-TOTAL_FORMS": str(len(choices)),
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
    }
    if closes_at is not None:
        closes_at = timezone.localtime(closes_at)
        data["closes_at_0"] = closes_at.strftime("%Y-%m-%d")
        data["closes_at_1"] = closes_at.strftime("%H:%M:%S")
    for i, text in enumerate(choices):
        data.update({f"choices-{i}-order": str(i), f"choices-{i}-text": text})
    data.update(fields)
    if not data["is_published"]:
        del data["is_published"]
    return data
