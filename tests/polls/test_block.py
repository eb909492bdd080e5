"""The "Наш опрос" block in every page's aside: cached poll, a fixed query budget."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from polls.factories import ChoiceFactory, VoteFactory
from polls.models import Poll
from tests.polls.helpers import give_voter_cookie, poll_with_choices, vote_url

pytestmark = pytest.mark.django_db

# The 404 page renders the whole layout, aside included, with no queries of its own:
# what it costs is what the block costs.
BARE_PAGE = "/no-such-page/"


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code in (200, 404)
    return len(ctx.captured_queries), response.content.decode()


def test_it_shows_the_current_poll_with_a_csrf_protected_form_on_every_page(client):
    poll, choices = poll_with_choices()
    for url in ["/", "/polls/", "/no-such-page/"]:
        response = client.get(url)
        html = response.content.decode()
        assert "Наш опрос" in html, url
        assert f'action="{vote_url(poll)}"' in html
        assert 'name="csrfmiddlewaretoken"' in html
        assert f'name="next" value="{url}"' in html
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


def test_it_costs_no_poll_queries_once_cached(client, django_assert_max_num_queries):
    poll_with_choices(5)
    client.get(BARE_PAGE)  # warms the cache
    # A visitor without a vote: the cached poll only, no query at all for the block.
    with django_assert_max_num_queries(0):
        client.get(BARE_PAGE)


def test_its_query_count_does_not_grow_with_choices(client):
    counts = []
    for n in (1, 5):
        Poll.objects.all().delete()
        poll, choices = poll_with_choices(n, results_policy="always")
        for choice in choices:
            VoteFactory(choice=choice)
        give_voter_cookie(client, f"voter-{n}")
        client.post(vote_url(poll), {"choice": choices[0].pk})
        client.get(BARE_PAGE)  # warm the cache
        counts.append(_queries_for(client, BARE_PAGE)[0])
    assert counts[0] == counts[1]
    assert counts[0] <= 2  # the visitor's vote + the counts; the poll itself is cached


def test_the_block_has_a_small_budget_cold_and_warm(client, django_assert_max_num_queries):
    poll, choices = poll_with_choices(6)
    client.post(vote_url(poll), {"choice": choices[0].pk})
    with django_assert_max_num_queries(5):  # cold: poll, choices, next start, own vote, counts
        client.get(BARE_PAGE)
    with django_assert_max_num_queries(2):
        client.get(BARE_PAGE)


def test_it_drops_the_cached_poll_when_a_choice_changes(client):
    poll, choices = poll_with_choices()
    client.get("/")
    ChoiceFactory(poll=poll, text="совсем новый вариант")
    assert "совсем новый вариант" in client.get("/").content.decode()
    choices[0].delete()
    assert choices[0].text not in client.get("/").content.decode()


def test_it_shows_results_and_the_next_step_in_the_block_after_voting(client):
    poll, choices = poll_with_choices()
    choices[1].link_url = "/materials/"
    choices[1].save()
    response = client.post(vote_url(poll), {"choice": choices[1].pk, "next": "/"}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [("/", 302)]
    block = html[html.index("Наш опрос") :]
    assert "poll-result--mine" in block and 'href="/materials/"' in block
    assert 'class="poll-form"' not in block


def test_it_does_not_repeat_the_poll_on_its_own_page(client):
    poll, _choices = poll_with_choices()
    html = client.get(poll.get_absolute_url()).content.decode()
    assert "Наш опрос" not in html
    assert html.count('class="poll-form"') == 1


def test_a_broken_polls_table_does_not_break_the_page(client, monkeypatch):
    from django.db import ProgrammingError

    def broken():
        raise ProgrammingError('relation "polls_poll" does not exist')

    monkeypatch.setattr("polls.templatetags.poll_tags.get_current_poll", broken)
    response = client.get("/")
    assert response.status_code == 200
    assert "Наш опрос" not in response.content.decode()
