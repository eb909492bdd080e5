from django.urls import reverse

from polls.voter import COOKIE_NAME, sign_token


def give_voter_cookie(client, token):
    client.cookies[COOKIE_NAME] = sign_token(token)


def vote_url(poll):
    return reverse("polls:vote", kwargs={"slug": poll.slug})


def messages_text(response):
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""
