"""The "Наш опрос" block in every page's aside: the same for every visitor (cacheable) and
query-free once the poll is cached; the visitor's own part comes from /polls/<slug>/block/."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from polls.factories import ChoiceFactory
from polls.voter import COOKIE_NAME
from tests.polls.helpers import poll_with_choices, vote_url

pytestmark = pytest.mark.django_db

# The 404 page renders the whole layout, aside included, with no queries of its own:
# what it costs is what the block costs.
BARE_PAGE = "/no-such-page/"


def block_url(poll):
    return reverse("polls:block", kwargs={"slug": poll.slug})


def test_it_shows_the_current_poll_the_same_for_every_visitor_on_every_page(client):
    poll, choices = poll_with_choices()
    for url in ["/", "/polls/", "/no-such-page/"]:
        response = client.get(url)
        html = response.content.decode()
        assert "Наш опрос" in html, url
        # Without JavaScript the choice is confirmed on the poll's page ...
        assert f'method="get" action="{poll.get_absolute_url()}"' in html
        assert all(f'value="{choice.pk}"' in html for choice in choices)
        # ... with it, polls.js loads the visitor's own part from here.
        assert f'data-poll-block="{block_url(poll)}"' in html
        # Nothing of this visitor's: the page can be shared.
        assert "csrfmiddlewaretoken" not in html and 'name="voter"' not in html
        assert not response.cookies, url
        assert "Cookie" not in response.get("Vary", "")
        assert 'href="/polls/"' in html  # the archive link


def test_it_renders_nothing_without_a_poll(client):
    html = client.get("/").content.decode()
    assert "Наш опрос" not in html


def test_it_uses_the_newest_open_poll(client):
    old, _ = poll_with_choices(question="Старый опрос")
    new, _ = poll_with_choices(question="Новый опрос", opens_at=old.opens_at.replace(year=2099))
    html = client.get("/").content.decode()
    assert "Старый опрос" in html and "Новый опрос" not in html  # 2099 is not open yet
    new.opens_at = old.opens_at + datetime.timedelta(seconds=1)
    new.save()  # the signal drops the cached poll
    html = client.get("/").content.decode()
    assert "Новый опрос" in html


@pytest.mark.usefixtures("page_cache_off")
def test_it_costs_no_queries_once_the_poll_is_cached(client, django_assert_max_num_queries):
    poll, choices = poll_with_choices(5)
    client.post(vote_url(poll), {"choice": choices[0].pk})  # even for a visitor who voted
    with django_assert_max_num_queries(3):  # cold: poll, choices, next start
        client.get(BARE_PAGE)
    with django_assert_max_num_queries(0):
        client.get(BARE_PAGE)


def test_its_own_part_offers_the_form_with_this_visitors_tokens(client):
    poll, choices = poll_with_choices()
    response = client.get(block_url(poll), {"next": "/catalog/?class=crm"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'action="{vote_url(poll)}"' in html and 'method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html and 'name="voter"' in html
    assert 'name="next" value="/catalog/?class=crm"' in html
    assert {"csrftoken", COOKIE_NAME} <= set(response.cookies)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "<html" not in html  # a fragment, not a page


def test_its_own_part_refuses_a_next_page_elsewhere(client):
    poll, _choices = poll_with_choices()
    html = client.get(block_url(poll), {"next": "https://evil.example/"}).content.decode()
    assert 'name="next" value="/"' in html


def test_its_own_part_is_404_for_a_hidden_poll(client):
    poll, _choices = poll_with_choices(is_published=False)
    assert client.get(block_url(poll)).status_code == 404


def test_one_visitors_answer_never_reaches_another(client):
    poll, choices = poll_with_choices(results_policy="after_vote")
    voter, stranger = Client(), Client()
    voter.post(vote_url(poll), {"choice": choices[1].pk, "next": "/"})
    for url in ["/", "/polls/", poll.get_absolute_url(), block_url(poll)]:
        mine = voter.get(url).content.decode()
        theirs = stranger.get(url).content.decode()
        assert "ваш выбор" not in theirs and "Вы ответили" not in theirs, url
        if url in (poll.get_absolute_url(), block_url(poll)):
            assert "ваш выбор" in mine, url
    # The stranger's own form has their own tokens, not the voter's.
    assert stranger.cookies["csrftoken"].value != voter.cookies.get("csrftoken", "")


def test_it_drops_the_cached_poll_when_a_choice_changes(client):
    poll, choices = poll_with_choices()
    client.get("/")
    ChoiceFactory(poll=poll, text="совсем новый вариант")
    assert "совсем новый вариант" in client.get("/").content.decode()
    choices[0].delete()
    assert choices[0].text not in client.get("/").content.decode()


def test_its_own_part_shows_results_and_the_next_step_after_voting(client):
    poll, choices = poll_with_choices()
    choices[1].link_url = "/materials/"
    choices[1].save()
    response = client.post(vote_url(poll), {"choice": choices[1].pk, "next": "/"}, follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "Спасибо, ваш голос учтён" in response.content.decode()
    block = client.get(block_url(poll)).content.decode()
    assert "poll-result--mine" in block and 'href="/materials/"' in block
    assert 'class="poll-form"' not in block


def test_it_does_not_repeat_the_poll_on_its_own_page(client):
    poll, _choices = poll_with_choices()
    html = client.get(poll.get_absolute_url()).content.decode()
    assert "Наш опрос" not in html
    assert html.count('class="poll-form"') == 1


def test_the_poll_page_checks_the_choice_picked_in_the_aside(client):
    poll, choices = poll_with_choices()
    html = client.get(poll.get_absolute_url(), {"choice": choices[2].pk}).content.decode()
    checked = re.findall(r'value="(\d+)" required[^>]*checked', html)
    assert checked == [str(choices[2].pk)]
    html = client.get(poll.get_absolute_url(), {"choice": "junk"}).content.decode()
    assert "checked" not in html


def test_a_broken_polls_table_does_not_break_the_page(client, monkeypatch):
    from django.db import ProgrammingError

    def broken():
        raise ProgrammingError('relation "polls_poll" does not exist')

    monkeypatch.setattr("polls.templatetags.poll_tags.get_current_poll", broken)
    response = client.get("/")
    assert response.status_code == 200
    assert "Наш опрос" not in response.content.decode()
