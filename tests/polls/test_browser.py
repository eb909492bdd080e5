"""Voting in the aside of the home page in a real Chromium, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from polls.models import Vote
from tests.polls.helpers import poll_with_choices

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def no_js_page(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, locale="ru-RU", java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def _vote_in_the_aside(tab, choice):
    tab.goto("/")
    block = tab.locator(".poll-block")
    assert block.get_by_role("heading", name="Наш опрос").is_visible()
    block.get_by_label(choice.text).check()
    with tab.expect_navigation():
        block.get_by_role("button", name="Ответить").click()
    expect(tab.locator(".messages")).to_contain_text("Спасибо, ваш голос учтён")
    mine = tab.locator(".poll-block .poll-result--mine")
    assert mine.count() == 1
    assert choice.text in mine.inner_text()
    assert "ваш выбор" in mine.inner_text()
    assert tab.locator(".poll-block .poll-form").count() == 0
    next_step = tab.locator(".poll-block .poll-next-step a")
    assert next_step.get_attribute("href") == choice.link_url


@pytest.mark.parametrize("with_js", [False, True], ids=["without-js", "with-js"])
def test_it_votes_in_the_aside_on_the_home_page(request, with_js, live_server):
    poll, choices = poll_with_choices(4)
    choices[2].link_url = "/materials/"
    choices[2].save()
    tab = request.getfixturevalue("page" if with_js else "no_js_page")
    errors = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    _vote_in_the_aside(tab, choices[2])
    assert Vote.objects.get(poll=poll).choice == choices[2]
    assert errors == []  # e.g. no CSP violations from the block


def test_it_shows_the_comment_box_only_for_the_other_choice(page):
    poll, choices = poll_with_choices(2)
    other = choices[1]
    other.allows_comment = True
    other.save()
    page.goto("/")
    comment = page.locator(".poll-block textarea[name=comment]")
    expect(comment).to_be_hidden()  # nothing chosen yet
    page.get_by_label(choices[0].text).check()
    expect(comment).to_be_hidden()
    page.get_by_label(other.text).check()
    expect(comment).to_be_visible()
    comment.fill("нужна интеграция с телефонией")
    with page.expect_navigation():
        page.get_by_role("button", name="Ответить").click()
    expect(page.locator(".poll-block .poll-result--mine")).to_contain_text(other.text)
    assert Vote.objects.get(poll=poll).comment == "нужна интеграция с телефонией"
