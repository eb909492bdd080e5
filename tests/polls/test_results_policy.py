"""What a visitor sees on /polls/<slug>/: the form or the results, per the results policy."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from polls.factories import VoteFactory
from polls.models import Poll
from tests.polls.helpers import (
    closed_poll_with_choices,
    give_voter_cookie,
    poll_with_choices,
    vote_url,
)

pytestmark = pytest.mark.django_db
RESULTS = 'class="poll-results"'
FORM = 'class="poll-form"'


def _page(client, poll):
    response = client.get(poll.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_after_vote_shows_the_form_first_then_results(client):
    poll, choices = poll_with_choices(results_policy=Poll.ResultsPolicy.AFTER_VOTE)
    VoteFactory(choice=choices[0])
    html = _page(client, poll)
    assert FORM in html and RESULTS not in html
    client.post(vote_url(poll), {"choice": choices[1].pk})
    html = _page(client, poll)
    assert FORM not in html and RESULTS in html
    assert "Всего голосов: <strong>2</strong>" in html


def test_always_shows_results_next_to_the_form(client):
    poll, choices = poll_with_choices(results_policy=Poll.ResultsPolicy.ALWAYS)
    VoteFactory(choice=choices[0])
    html = _page(client, poll)
    assert FORM in html and RESULTS in html


def test_after_close_hides_results_until_the_poll_closes(client):
    poll, choices = poll_with_choices(results_policy=Poll.ResultsPolicy.AFTER_CLOSE)
    give_voter_cookie(client, "voter-1")
    client.post(vote_url(poll), {"choice": choices[0].pk})
    html = _page(client, poll)
    assert RESULTS not in html
    assert "Результаты появятся после закрытия опроса" in html
    poll.closes_at = timezone.now() - datetime.timedelta(seconds=1)
    poll.save()
    html = _page(client, poll)
    assert RESULTS in html and "poll-result--mine" in html


def test_a_closed_poll_shows_results_to_everyone_and_no_form(client):
    poll, choices = closed_poll_with_choices(results_policy=Poll.ResultsPolicy.AFTER_VOTE)
    VoteFactory(choice=choices[2])
    html = _page(client, poll)
    assert FORM not in html and RESULTS in html
    assert "Голосование закрыто" in html


def test_a_poll_not_yet_open_shows_its_start_and_no_form(client):
    poll, _choices = poll_with_choices(opens_at=timezone.now() + datetime.timedelta(days=2))
    html = _page(client, poll)
    assert FORM not in html
    assert "Голосование начнётся" in html


def test_it_highlights_the_visitors_own_choice_and_the_next_step(client):
    poll, choices = poll_with_choices()
    choices[2].link_url, choices[2].link_label = "/glossary/sfa-sistema/", "Что такое SFA"
    choices[2].save()
    client.post(vote_url(poll), {"choice": choices[2].pk})
    html = _page(client, poll)
    assert html.count("poll-result--mine") == 1
    mine = html.index("poll-result--mine")
    assert choices[2].text in html[mine : mine + 300]
    assert 'href="/glossary/sfa-sistema/"' in html and "Что такое SFA" in html


@override_settings(PORTAL_NAME="Тестовый портал")
def test_it_puts_the_portal_name_into_the_question(client):
    poll, _choices = poll_with_choices(question="Что решить на портале «{portal}»?")
    html = _page(client, poll)
    assert "Что решить на портале «Тестовый портал»?" in html
    assert "{portal}" not in html


@pytest.mark.usefixtures("page_cache_off")
def test_the_archive_lists_closed_polls_with_results(client, django_assert_max_num_queries):
    closed, choices = closed_poll_with_choices(2)
    VoteFactory.create_batch(3, choice=choices[1])
    for _ in range(4):
        poll, more = closed_poll_with_choices(3)
        VoteFactory(choice=more[0])
    running, _running_choices = poll_with_choices()
    hidden, _hidden_choices = closed_poll_with_choices(is_published=False)
    # page count, polls, choices, counts; the current poll (a cache miss): 3
    with django_assert_max_num_queries(7):
        response = client.get("/polls/")
    html = response.content.decode()
    assert closed.display_question in html
    assert "100&nbsp;%" in html and "(3)" in html
    assert hidden.display_question not in html
    assert f'href="{running.get_absolute_url()}"' in html  # the current poll is linked


def test_the_archive_is_fine_without_polls(client):
    response = client.get("/polls/")
    assert response.status_code == 200
    assert "Завершённых опросов пока нет" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "99"])
def test_the_archive_shows_a_real_page_for_bad_page_numbers(client, page):
    closed, _choices = closed_poll_with_choices(2)
    response = client.get("/polls/", {"page": page})
    assert response.status_code == 200
    assert closed.display_question in response.content.decode()


def test_an_unknown_poll_is_a_404(client):
    assert client.get("/polls/no-such-poll/").status_code == 404
