"""Running polls from the admin: which poll the home page shows is explicit (one poll at a
time), slugs never carry "{portal}", and a poll with votes is closed, not deleted."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from polls.factories import PollFactory, VoteFactory
from polls.models import Poll
from tests.polls.helpers import closed_poll_with_choices, poll_admin_form, poll_with_choices

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
ADD = "admin:polls_poll_add"


def errors(response):
    """The form's errors as the editor reads them (whole-form errors first)."""
    assert response.status_code == 200, response.status_code
    form = response.context["adminform"].form
    return " ".join(str(e) for e in form.non_field_errors()) + str(form.errors)


def on_home_page_column(html):
    """{question: True/False} from the changelist's «на главной» column."""
    rows = re.findall(r"<tr>.*?</tr>", html, re.S)
    found = {}
    for row in rows:
        question = re.search(r'<th class="field-short_question">.*?>([^<]+)</a>', row, re.S)
        icon = re.search(r'<td class="field-on_home_page"><img [^>]*alt="(True|False)"', row)
        if question and icon:
            found[question.group(1)] = icon.group(1) == "True"
    return found


def test_the_list_shows_which_poll_is_on_the_home_page(admin_client):
    poll_with_choices(question="Идущий опрос")
    closed_poll_with_choices(question="Прошлый опрос")
    poll_with_choices(question="Скрытый опрос", is_published=False)
    html = admin_client.get(reverse("admin:polls_poll_changelist")).content.decode()
    assert "На главной" in html
    assert on_home_page_column(html) == {
        "Идущий опрос": True,
        "Прошлый опрос": False,
        "Скрытый опрос": False,
    }


def test_a_new_poll_cannot_silently_replace_the_running_one(admin_client):
    running, _choices = poll_with_choices(question="Что вы ищете на портале «{portal}»?")
    response = admin_client.post(reverse(ADD), poll_admin_form(question="Новый опрос"))
    text = errors(response)
    assert "Сейчас на сайте идёт опрос «Что вы ищете на портале «Практика CRM»?»" in text
    assert "без срока" in text
    assert "«Закрыть опрос»" in text
    assert Poll.objects.get() == running


def test_a_poll_overlapping_a_scheduled_one_is_refused_with_its_dates(admin_client):
    start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + 10 * DAY
    PollFactory(question="Осенний опрос", opens_at=start, closes_at=start + 5 * DAY)
    data = poll_admin_form(opens_at=start + 4 * DAY, closes_at=start + 20 * DAY)
    text = errors(admin_client.post(reverse(ADD), data))
    assert "На это время уже назначен опрос «Осенний опрос»" in text
    assert f"с {start.day} " in text and "10:00 до " in text
    assert "снимите флажок «Показывать на сайте»" in text
    assert Poll.objects.count() == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"opens_at_delta": 6 * DAY},  # after the running poll closes
        {"is_published": ""},  # hidden: not a competitor for the home page
        {"opens_at_delta": -30 * DAY, "closes_at_delta": -20 * DAY},  # history
    ],
)
def test_polls_that_never_run_together_are_saved(admin_client, fields):
    now = timezone.now()
    poll_with_choices(question="Идущий опрос", opens_at=now - DAY, closes_at=now + 5 * DAY)
    closed_poll_with_choices(question="Прошлый опрос")
    opens_at = now + fields.pop("opens_at_delta", 0 * DAY)
    closes = fields.pop("closes_at_delta", None)
    data = poll_admin_form(
        opens_at=opens_at, closes_at=None if closes is None else now + closes, **fields
    )
    response = admin_client.post(reverse(ADD), data)
    assert response.status_code == 302, errors(response)
    assert Poll.objects.count() == 3


def test_the_running_poll_itself_can_be_edited(admin_client):
    poll, choices = poll_with_choices(question="Идущий опрос")
    data = poll_admin_form(
        question="Идущий опрос, уточнённый",
        opens_at=poll.opens_at,
        choices=(),
        slug=poll.slug,
    )
    response = admin_client.post(reverse("admin:polls_poll_change", args=[poll.pk]), data)
    assert response.status_code == 302, errors(response)
    poll.refresh_from_db()
    assert poll.question == "Идущий опрос, уточнённый"


def test_publishing_a_hidden_poll_over_the_running_one_is_refused(admin_client):
    poll_with_choices(question="Идущий опрос")
    hidden, _ = poll_with_choices(question="Скрытый опрос", is_published=False)
    data = poll_admin_form(question="Скрытый опрос", opens_at=hidden.opens_at, slug=hidden.slug)
    response = admin_client.post(reverse("admin:polls_poll_change", args=[hidden.pk]), data)
    assert "Сейчас на сайте идёт опрос «Идущий опрос»" in errors(response)
    hidden.refresh_from_db()
    assert not hidden.is_published


def test_the_slug_is_made_from_the_question_with_the_portal_name(admin_client, settings):
    settings.PORTAL_NAME = "Практика CRM"
    data = poll_admin_form(question="Какую задачу вы решаете на портале «{portal}»?")
    admin_client.post(reverse(ADD), data)
    Poll.objects.update(closes_at=timezone.now())  # closed: the next one may open
    admin_client.post(reverse(ADD), data)
    slugs = sorted(Poll.objects.values_list("slug", flat=True))
    assert slugs == [
        "kakuyu-zadachu-vy-reshaete-na-portale-praktika-crm",
        "kakuyu-zadachu-vy-reshaete-na-portale-praktika-crm-2",
    ]
    assert all("{" not in slug for slug in slugs)


def test_the_form_offers_no_live_slug_filling_and_keeps_a_typed_slug(admin_client):
    response = admin_client.get(reverse(ADD))
    assert response.context["adminform"].prepopulated_fields == []  # it would type "portal"
    assert "адрес составится из вопроса" in response.content.decode()
    admin_client.post(reverse(ADD), poll_admin_form(slug="moj-opros"))
    assert Poll.objects.get().slug == "moj-opros"


def test_a_poll_with_votes_is_closed_not_deleted(admin_client):
    poll, choices = poll_with_choices(question="Опрос с голосами")
    VoteFactory(choice=choices[0])
    url = reverse("admin:polls_poll_delete", args=[poll.pk])
    page = admin_client.get(url).content.decode()
    assert "Опрос с голосами удалить нельзя" in page
    assert "действие «Закрыть опрос»" in page
    assert reverse("admin:polls_poll_changelist") in page
    admin_client.post(url, {"post": "yes"})
    assert Poll.objects.filter(pk=poll.pk).exists()
    response = admin_client.post(
        reverse("admin:polls_poll_changelist"),
        {"action": "delete_selected", "_selected_action": [poll.pk], "post": "yes"},
    )
    assert "Опросы с голосами удалить нельзя" in response.content.decode()
    assert Poll.objects.filter(pk=poll.pk).exists()


def test_a_poll_without_votes_can_still_be_deleted_by_a_superuser(admin_client):
    poll, _choices = poll_with_choices()
    admin_client.post(reverse("admin:polls_poll_delete", args=[poll.pk]), {"post": "yes"})
    assert not Poll.objects.exists()
