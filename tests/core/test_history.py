"""Content history: every editor's change is kept with its old and new values, bulk
actions too, and any version can be brought back (core/history.py, docs/editors.md)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone

from catalog.factories import CapabilityFactory
from catalog.models import Product
from core.history_entries import describe
from glossary.factories import ArticleFactory, TermFactory
from glossary.models import Article, Term
from polls.factories import PollFactory
from tests.catalog.helpers import product, product_form
from tests.portal.helpers import history_changes

pytestmark = pytest.mark.django_db


def test_an_admin_edit_is_recorded_with_its_editor_and_old_and_new_values(admin_client, admin_user):
    item = product(name="Старое имя")
    data = product_form(item, name="Новое имя", russia_availability="withdrawn")
    response = admin_client.post(reverse("admin:catalog_product_change", args=[item.pk]), data)
    assert response.status_code == 302

    latest = item.history.first()
    assert latest.history_user == admin_user
    assert latest.history_type == "~"
    changes = history_changes(admin_client, item)
    assert ("Название", "Старое имя", "Новое имя") in changes
    assert ("Доступность в России", "нет данных", "ушёл с российского рынка") in changes
    assert not any(label in ("Изменён", "Search vector") for label, _old, _new in changes)


def test_a_term_save_with_new_related_terms_makes_one_record_with_both_changes(admin_client):
    crm = TermFactory(name="CRM")
    term = TermFactory(name="Лид", summary="Старое")
    before = term.history.count()
    response = admin_client.post(
        reverse("admin:glossary_term_change", args=[term.pk]),
        {
            "name": "Лид",
            "slug": term.slug,
            "summary": "Новое",
            "definition": term.definition,
            "is_published": "on",
            "related_terms": [crm.pk],
        },
    )
    assert response.status_code == 302
    assert term.history.count() == before + 1  # not one more per many-to-many field
    changes = history_changes(admin_client, term)
    assert ("Кратко", "Старое", "Новое") in changes
    assert ("Связанные термины", "—", "CRM") in changes


@pytest.mark.parametrize(
    "action, reason",
    [("publish", "Действие «Опубликовать»"), ("unpublish", "Действие «Снять с публикации»")],
)
def test_the_article_actions_leave_a_record_per_article(admin_client, admin_user, action, reason):
    term = TermFactory()
    status = Article.Status.DRAFT if action == "publish" else Article.Status.PUBLISHED
    articles = [ArticleFactory(status=status) for _ in range(2)]
    articles[0].related_terms.add(term)
    admin_client.post(
        reverse("admin:glossary_article_changelist"),
        {"action": action, "_selected_action": [a.pk for a in articles]},
    )
    for article in articles:
        latest = article.history.first()
        assert (latest.history_user, latest.history_change_reason) == (admin_user, reason)
    changes = history_changes(admin_client, articles[0])
    assert [label for label, _old, _new in changes] == ["Статус"]  # related terms kept


def test_mark_verified_and_close_polls_leave_records(admin_client, admin_user):
    item = product()
    admin_client.post(
        reverse("admin:catalog_product_changelist"),
        {"action": "mark_verified", "_selected_action": [item.pk]},
    )
    assert item.history.first().history_user == admin_user
    assert ("Данные проверены", "—", formats.localize(timezone.localdate())) in (
        history_changes(admin_client, item)
    )

    poll = PollFactory(closes_at=None)
    admin_client.post(
        reverse("admin:polls_poll_changelist"),
        {"action": "close_polls", "_selected_action": [poll.pk]},
    )
    latest = poll.history.first()
    assert latest.history_change_reason == "Действие «Закрыть опрос»"
    assert latest.closes_at is not None
    assert [label for label, _old, _new in history_changes(admin_client, poll)] == ["Закрывается"]


def test_an_editor_reverts_a_product_to_an_earlier_version(admin_client):
    item = product(name="Версия 1", summary="Первая")
    first = item.history.first()
    item.name, item.summary = "Версия 2", "Вторая"
    item.save()

    url = reverse("admin:catalog_product_simple_history", args=[item.pk, first.history_id])
    page = admin_client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Вернуть эту версию" in html and 'value="Версия 1"' in html
    response = admin_client.post(url, product_form(first.instance))
    assert response.status_code == 302, response.context["errors"] if response.context else ""

    item.refresh_from_db()
    assert (item.name, item.summary) == ("Версия 1", "Первая")
    assert item.history.count() == 3  # the revert is a new version, nothing is rewritten


def test_a_revert_brings_back_many_to_many_values(admin_client):
    crm, sfa = TermFactory(name="CRM"), TermFactory(name="SFA")
    term = TermFactory(name="Лид")
    term.related_terms.set([crm])
    old = term.history.first()
    term.related_terms.set([sfa])

    url = reverse("admin:glossary_term_simple_history", args=[term.pk, old.history_id])
    form = admin_client.get(url).context["adminform"].form
    assert list(form.initial["related_terms"]) == [crm.pk]


def test_the_history_page_shows_the_inline_rows_changes(admin_client):
    funnel = CapabilityFactory(name="Воронка продаж")
    item = product(capabilities=[])
    admin_client.post(
        reverse("admin:catalog_product_change", args=[item.pk]),
        product_form(
            item,
            **{
                f"capability_{funnel.pk}": "unknown",
            },
        ),
    )
    html = admin_client.get(reverse("admin:catalog_product_history", args=[item.pk])).content
    html = html.decode()
    assert "Строки внутри формы" in html
    assert "Возможность продукта" in html and "создание" in html


def test_the_history_page_costs_the_same_queries_for_many_versions(
    admin_client, django_assert_max_num_queries
):
    term = TermFactory()
    for n in range(30):
        term.summary = f"Версия {n}"
        term.save()
        term.related_terms.add(TermFactory())
    url = reverse("admin:glossary_term_history", args=[term.pk])
    with django_assert_max_num_queries(20):
        response = admin_client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Версия 2") >= 1


def test_a_long_history_is_paged_with_links_and_a_count(admin_client):
    term = TermFactory()
    for n in range(55):  # the admin shows 50 versions a page (history_list_per_page)
        term.summary = f"Версия {n}"
        term.save()
    url = reverse("admin:glossary_term_history", args=[term.pk])
    html = admin_client.get(url).content.decode()
    assert '<a href="?p=2" class="end">2</a>' in html
    assert "Версий: 56" in html  # the creation and 55 edits


def test_history_is_not_kept_for_rows_written_without_signals():
    # generate_catalog's bulk_create: documented as untracked, and the list of 5,000
    # synthetic products must not cost 5,000 history rows.
    Product.objects.bulk_create([])
    term = TermFactory()
    Term.objects.filter(pk=term.pk).update(summary="тихо")
    assert term.history.count() == 1


def test_scheduled_dates_survive_the_publish_action(admin_client):
    later = timezone.now() + datetime.timedelta(days=3)
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=later)
    admin_client.post(
        reverse("admin:glossary_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.published_at == later


def test_the_first_edit_of_a_row_without_history_still_shows_its_old_values(admin_client):
    # fixtures and generate_catalog write rows without history (bulk_create, raw saves)
    item = product(name="Из фикстуры")
    Product.history.all().delete()
    admin_client.post(
        reverse("admin:catalog_product_change", args=[item.pk]),
        product_form(item, name="Отредактирован"),
    )
    baseline, edit = item.history.order_by("history_date")
    assert (baseline.name, baseline.history_user, baseline.history_change_reason) == (
        "Из фикстуры",
        None,
        "Так было до начала истории",
    )
    assert ("Название", "Из фикстуры", "Отредактирован") in history_changes(admin_client, item)
    journal = admin_client.get("/admin/portal/changelog/", {"model": "catalog.product"})
    journal = journal.context["entries"]
    assert [entry.record for entry in journal] == [edit]  # the baseline is no change


def test_a_bulk_action_on_rows_without_history_keeps_their_baseline_too(admin_client):
    term = TermFactory()
    article = ArticleFactory(status=Article.Status.DRAFT)
    article.related_terms.add(term)
    Article.history.all().delete()
    admin_client.post(
        reverse("admin:glossary_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )
    assert article.history.count() == 2
    # related terms were kept in both records: only the status changed
    assert [label for label, _old, _new in history_changes(admin_client, article)] == ["Статус"]


def test_long_texts_are_cut_around_their_first_difference():
    term = TermFactory(definition="Начало. " + "Очень длинный текст. " * 30 + "Старый конец.")
    term.definition = term.definition.replace("Старый конец.", "Новый конец.")
    term.save()
    [change] = describe([term.history.first()])[0].changes
    assert change.old.startswith("Начал") and change.old.endswith("Старый конец.")
    assert change.new.endswith("Новый конец.")
    assert "[…пропущено символов: " in change.old
    assert len(change.old) < 160


def test_history_costs_the_change_form_no_query(admin_client):
    """The change form reads no history, however long it is (the page stays as fast as
    before with 5,000 products: docs/editors.md)."""
    quiet, busy = product(), product()
    for n in range(30):
        busy.summary = f"Версия {n}"
        busy.save()
    counts = []
    for item in (quiet, busy):
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(reverse("admin:catalog_product_change", args=[item.pk]))
        assert response.status_code == 200
        assert not [q for q in queries.captured_queries if "historical" in q["sql"]]
        counts.append(len(queries))
    assert counts[0] == counts[1]
