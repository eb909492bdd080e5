"""Editors: change list with live counts, CSV export without voter keys, closing a poll."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from polls.factories import VoteFactory
from polls.models import Poll, Vote
from tests.polls.helpers import poll_with_choices, vote_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(admin_user):
    editor = Client()
    editor.force_login(admin_user)
    return editor


def test_the_changelist_shows_counts_and_percents_without_n_plus_1(
    admin_client_, django_assert_max_num_queries
):
    poll, choices = poll_with_choices(2, question="Первый опрос")
    VoteFactory.create_batch(3, choice=choices[0])
    VoteFactory(choice=choices[1])
    for _ in range(5):
        _p, more = poll_with_choices(3)
        VoteFactory(choice=more[1])
    url = reverse("admin:polls_poll_changelist")
    with django_assert_max_num_queries(12):
        response = admin_client_.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"{choices[0].text}: 3 (75 %)" in html
    assert f"{choices[1].text}: 1 (25 %)" in html


def test_the_csv_export_has_choice_comment_date_and_no_voter_data(admin_client_, client):
    poll, choices = poll_with_choices()
    other = choices[2]
    other.allows_comment = True
    other.save()
    client.post(vote_url(poll), {"choice": choices[0].pk})
    client.cookies.clear()
    client.post(vote_url(poll), {"choice": other.pk, "comment": "=HYPERLINK(1) нужна телефония"})
    hashes = list(Vote.objects.values_list("voter_hash", flat=True))
    response = admin_client_.post(
        reverse("admin:polls_poll_changelist"),
        {"action": "export_votes_csv", "_selected_action": [poll.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["Опрос", "Вариант", "Комментарий", "Дата"]
    assert {row[1] for row in rows[1:]} == {choices[0].text, other.text}
    assert [row[2] for row in rows[1:] if row[2]] == ["'=HYPERLINK(1) нужна телефония"]
    assert all(h not in body for h in hashes)
    assert "poll_voter" not in body


def test_the_close_action_ends_voting_and_the_block(admin_client_, client):
    poll, choices = poll_with_choices()
    client.get("/")  # caches the open poll
    response = admin_client_.post(
        reverse("admin:polls_poll_changelist"),
        {"action": "close_polls", "_selected_action": [poll.pk]},
        follow=True,
    )
    assert "Закрыт 1 опрос" in response.content.decode()
    poll.refresh_from_db()
    assert poll.closes_at <= timezone.now()
    assert "Наш опрос" not in client.get("/").content.decode()
    client.post(vote_url(poll), {"choice": choices[0].pk})
    assert not Vote.objects.exists()


def test_the_close_action_can_close_a_scheduled_poll(admin_client_):
    poll, _ = poll_with_choices(opens_at=timezone.now() + timezone.timedelta(days=3))
    admin_client_.post(
        reverse("admin:polls_poll_changelist"),
        {"action": "close_polls", "_selected_action": [poll.pk]},
    )
    poll.refresh_from_db()
    assert poll.opens_at <= poll.closes_at <= timezone.now()


def test_votes_are_read_only_and_hide_the_voter_hash(admin_client_):
    vote = VoteFactory(comment="комментарий посетителя")
    changelist = admin_client_.get(reverse("admin:polls_vote_changelist")).content.decode()
    assert "комментарий посетителя" in changelist
    assert vote.voter_hash not in changelist
    detail = admin_client_.get(reverse("admin:polls_vote_change", args=[vote.pk]))
    assert detail.status_code == 200
    assert vote.voter_hash not in detail.content.decode()
    assert admin_client_.get(reverse("admin:polls_vote_add")).status_code == 403
    admin_client_.post(reverse("admin:polls_vote_change", args=[vote.pk]), {"comment": "подделка"})
    vote.refresh_from_db()
    assert vote.comment == "комментарий посетителя"


def test_the_poll_search_and_filters_work(admin_client_):
    poll_with_choices(question="Про телефонию")
    poll_with_choices(question="Про склад", is_published=False)
    url = reverse("admin:polls_poll_changelist")
    html = admin_client_.get(url, {"q": "телефон"}).content.decode()
    assert "Про телефонию" in html and "Про склад" not in html
    html = admin_client_.get(url, {"status": "open"}).content.decode()
    assert "Про телефонию" in html and "Про склад" not in html
    assert Poll.objects.count() == 2


def test_the_csv_export_needs_the_right_to_view_votes(client, django_user_model):
    from django.contrib.auth.models import Permission

    poll, choices = poll_with_choices()
    VoteFactory(choice=choices[0], comment="секретный комментарий")
    staff = django_user_model.objects.create_user("poll-viewer", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_poll"))
    client.force_login(staff)
    url = reverse("admin:polls_poll_changelist")
    response = client.post(url, {"action": "export_votes_csv", "_selected_action": [poll.pk]})
    assert "секретный комментарий" not in response.content.decode("utf-8", "replace")
    staff.user_permissions.add(Permission.objects.get(codename="view_vote"))
    staff = django_user_model.objects.get(pk=staff.pk)  # drop the cached permissions
    client.force_login(staff)
    response = client.post(url, {"action": "export_votes_csv", "_selected_action": [poll.pk]})
    assert "секретный комментарий" in response.content.decode("utf-8-sig")
