"""Voting from the aside of the home page in a real Chromium, with and without JavaScript
(without it the aside's choice is confirmed on the poll's page)."""

import pytest
from playwright.sync_api import expect

from polls.models import Vote
from tests.browser.helpers import browser_tab
from tests.polls.helpers import poll_with_choices

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def no_js_page(chromium, live_server):
    with browser_tab(chromium, live_server.url, java_script_enabled=False) as tab:
        yield tab


def _vote_in_the_aside_with_js(tab, choice):
    tab.goto("/")
    block = tab.locator(".poll-block")
    assert block.get_by_role("heading", name="Наш опрос").is_visible()
    # polls.js swaps in this visitor's own form (with the CSRF and voter tokens).
    expect(tab.locator("[data-poll-block-loaded] form[method=post]")).to_have_count(1)
    block.get_by_label(choice.text).check()
    with tab.expect_navigation():
        block.get_by_role("button", name="Ответить").click()
    assert tab.url.endswith("/")  # back where the visitor voted
    expect(tab.locator(".messages")).to_contain_text("Спасибо, ваш голос учтён")
    return tab.locator(".poll-block")


def _vote_in_the_aside_without_js(tab, poll, choice):
    tab.goto("/")
    block = tab.locator(".poll-block")
    block.get_by_label(choice.text).check()
    with tab.expect_navigation():
        block.get_by_role("button", name="Ответить").click()
    # The poll's page, with the choice already picked: one more click confirms it.
    assert tab.url.startswith(tab.url.split("/polls/")[0] + poll.get_absolute_url())
    expect(tab.get_by_label(choice.text)).to_be_checked()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Ответить").click()
    expect(tab.locator(".messages")).to_contain_text("Спасибо, ваш голос учтён")
    return tab.locator(".poll-page__body")


@pytest.mark.parametrize("with_js", [False, True], ids=["without-js", "with-js"])
def test_it_votes_from_the_aside_on_the_home_page(request, with_js, live_server):
    poll, choices = poll_with_choices(4)
    choices[2].link_url = "/materials/"
    choices[2].save()
    tab = request.getfixturevalue("page" if with_js else "no_js_page")
    errors = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    if with_js:
        results = _vote_in_the_aside_with_js(tab, choices[2])
    else:
        results = _vote_in_the_aside_without_js(tab, poll, choices[2])
    mine = results.locator(".poll-result--mine")
    expect(mine).to_have_count(1)
    assert choices[2].text in mine.inner_text() and "ваш выбор" in mine.inner_text()
    assert results.locator(".poll-form").count() == 0
    assert results.locator(".poll-next-step a").get_attribute("href") == "/materials/"
    assert Vote.objects.get(poll=poll).choice == choices[2]
    assert errors == []  # e.g. no CSP violations from the block


def test_it_shows_the_comment_box_only_for_the_other_choice(page):
    poll, choices = poll_with_choices(2)
    other = choices[1]
    other.allows_comment = True
    other.save()
    page.goto("/")
    expect(page.locator("[data-poll-block-loaded]")).to_have_count(1)
    comment = page.locator("[data-poll-block-loaded] textarea[name=comment]")
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
