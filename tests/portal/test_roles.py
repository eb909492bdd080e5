"""The editors' roles: what «Редакторы» and «Модераторы опросов» may open and do in the
admin, what nobody but a superuser may do, and that sync_roles restores a changed group."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from catalog.factories import ProductFactory
from catalog.models import Product
from core.roles import EDITORS, ROLES, sync_roles
from glossary.factories import ArticleFactory, TermFactory
from polls.apps import POLL_MODERATORS
from polls.factories import VoteFactory
from polls.models import Poll, Vote
from tests.polls.helpers import poll_admin_form, poll_with_choices

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _roles():
    # The migration made them, but a transactional test's flush may have removed them since.
    sync_roles()


def member_of(group_name, django_user_model):
    user = django_user_model.objects.create_user(
        f"user-{Group.objects.get(name=group_name).pk}", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(django_user_model):
    return member_of(EDITORS, django_user_model)


@pytest.fixture
def moderator(django_user_model):
    return member_of(POLL_MODERATORS, django_user_model)


def permissions_of(group_name):
    return {
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name=group_name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def status(client, name, *args):
    return client.get(reverse(f"admin:{name}", args=args)).status_code


EVERYONE_REFUSED = ["auth_user_changelist", "auth_user_add", "auth_group_changelist"]


def test_editors_run_the_catalog_glossary_and_materials(editor):
    item = ProductFactory()
    term, article = TermFactory(), ArticleFactory()
    for model in ["vendor", "productclass", "capability", "product"]:
        assert status(editor, f"catalog_{model}_changelist") == 200, model
        assert status(editor, f"catalog_{model}_add") == 200, model
    assert status(editor, "catalog_product_change", item.pk) == 200
    assert status(editor, "glossary_term_change", term.pk) == 200
    assert status(editor, "glossary_article_add") == 200
    assert status(editor, "portal_searchmiss_changelist") == 200
    editor.post(reverse("admin:catalog_product_delete", args=[item.pk]), {"post": "yes"})
    editor.post(reverse("admin:glossary_article_delete", args=[article.pk]), {"post": "yes"})
    assert not Product.objects.filter(pk=item.pk).exists()
    assert not type(article).objects.filter(pk=article.pk).exists()


def test_editors_only_read_polls_and_votes(editor):
    poll, choices = poll_with_choices(question="Опрос для чтения")
    vote = VoteFactory(choice=choices[0], comment="мнение")
    assert status(editor, "polls_poll_changelist") == 200
    assert status(editor, "polls_poll_change", poll.pk) == 200  # a read-only view
    assert status(editor, "polls_vote_changelist") == 200
    assert status(editor, "polls_poll_add") == 403
    assert status(editor, "polls_poll_delete", poll.pk) == 403
    assert status(editor, "polls_vote_delete", vote.pk) == 403
    url = reverse("admin:polls_poll_change", args=[poll.pk])
    assert editor.post(url, poll_admin_form(question="Подмена", slug=poll.slug)).status_code == 403
    changelist = reverse("admin:polls_poll_changelist")
    editor.post(changelist, {"action": "close_polls", "_selected_action": [poll.pk]})
    poll.refresh_from_db()
    assert poll.question == "Опрос для чтения" and poll.closes_at is None


@pytest.mark.parametrize("name", [*EVERYONE_REFUSED, "axes_accessattempt_changelist"])
def test_editors_never_manage_accounts_or_lockouts(editor, name):
    assert status(editor, name) == 403


def test_moderators_run_polls_and_export_votes(moderator):
    response = moderator.post(reverse("admin:polls_poll_add"), poll_admin_form(question="Новый"))
    assert response.status_code == 302
    poll = Poll.objects.get()
    assert poll.choices.count() == 2
    VoteFactory(choice=poll.choices.first(), comment="хочу телефонию")
    changelist = reverse("admin:polls_poll_changelist")
    export = moderator.post(
        changelist, {"action": "export_votes_csv", "_selected_action": [poll.pk]}
    )
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[1][2] == "хочу телефонию"
    moderator.post(changelist, {"action": "close_polls", "_selected_action": [poll.pk]})
    poll.refresh_from_db()
    assert poll.closes_at is not None
    assert status(moderator, "polls_vote_changelist") == 200


def test_moderators_delete_nothing_and_stay_out_of_the_content(moderator):
    poll, choices = poll_with_choices()
    vote = VoteFactory(choice=choices[0])
    assert status(moderator, "polls_poll_delete", poll.pk) == 403
    assert status(moderator, "polls_vote_delete", vote.pk) == 403
    for name in ["catalog_product_changelist", "glossary_term_changelist", *EVERYONE_REFUSED]:
        assert status(moderator, name) == 403, name


def test_only_a_superuser_deletes_votes_even_if_a_group_is_given_the_right(editor, admin_client):
    editors = Group.objects.get(name=EDITORS)
    editors.permissions.add(Permission.objects.get(codename="delete_vote"))  # by hand
    poll, choices = poll_with_choices()
    votes = VoteFactory.create_batch(2, choice=choices[0])
    changelist = reverse("admin:polls_vote_changelist")
    assert status(editor, "polls_vote_delete", votes[0].pk) == 403
    response = editor.post(
        changelist, {"action": "delete_selected", "_selected_action": [votes[0].pk], "post": "yes"}
    )
    assert response.status_code == 302  # "no such action": nothing happens
    assert "delete_selected" not in editor.get(changelist).content.decode()
    assert Vote.objects.count() == 2
    admin_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [votes[0].pk], "post": "yes"}
    )
    admin_client.post(reverse("admin:polls_vote_delete", args=[votes[1].pk]), {"post": "yes"})
    assert not Vote.objects.exists()


def test_the_roles_never_include_accounts_or_deleting_votes():
    for names in ROLES.values():
        assert not [n for n in names if n.startswith(("auth.", "contenttypes.", "axes."))]
        assert "polls.delete_vote" not in names
        assert "polls.delete_poll" not in names


def test_sync_roles_restores_a_changed_group():
    editors = Group.objects.get(name=EDITORS)
    editors.permissions.remove(Permission.objects.get(codename="add_product"))
    editors.permissions.add(Permission.objects.get(codename="change_user"))
    Group.objects.get(name=POLL_MODERATORS).delete()
    out = io.StringIO()
    call_command("sync_roles", stdout=out)
    assert "+ catalog.add_product" in out.getvalue()
    assert "- auth.change_user" in out.getvalue()
    for name, wanted in ROLES.items():
        assert permissions_of(name) == set(wanted)
    again = io.StringIO()
    call_command("sync_roles", stdout=again)
    assert again.getvalue() == f"{EDITORS}: up to date\n{POLL_MODERATORS}: up to date\n"


@pytest.mark.django_db(transaction=True)
def test_the_migration_creates_the_groups_and_the_permissions_they_need():
    """On a fresh database Django creates Permission rows only after migrate: the migration
    must make the ones it hands out itself."""
    Group.objects.all().delete()
    Permission.objects.filter(content_type__app_label__in=["catalog", "polls"]).delete()
    executor = MigrationExecutor(connection)
    executor.migrate([("portal", "0003_rate_counter")])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    for name, wanted in ROLES.items():
        assert permissions_of(name) == set(wanted)
