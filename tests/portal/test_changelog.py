"""«Журнал изменений»: every content change in one admin list, newest first, by editor and
by model, each row with its old → new values and a link to the object's history."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from catalog.factories import CapabilityFactory, ProductCapabilityFactory, VendorFactory
from glossary.factories import TermFactory
from polls.factories import PollFactory
from portal.admin_journal import JOURNAL_PAGE_SIZE
from tests.catalog.helpers import product

pytestmark = pytest.mark.django_db

URL = "/admin/portal/changelog/"


def journal(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def rows(response):
    return [
        (entry.model_name, entry.object_repr, entry.action) for entry in response.context["entries"]
    ]


def test_the_admin_index_links_to_the_journal(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert f'href="{URL}"' in html
    assert "Журнал изменений" in html


def test_it_lists_changes_of_all_models_newest_first_with_their_values(admin_client):
    vendor = VendorFactory(name="Acme")
    term = TermFactory(name="Лид")
    term.summary = "Новое кратко"
    term.save()
    response = journal(admin_client)
    assert rows(response)[:3] == [
        ("Термин", "Лид", "изменение"),
        ("Термин", "Лид", "создание"),
        ("Профиль разработчика", "Acme", "создание"),
    ]
    html = response.content.decode()
    assert "Новое кратко" in html and "→" in html
    assert f'href="{reverse("admin:glossary_term_history", args=[term.pk])}"' in html
    assert f'href="{reverse("admin:catalog_vendor_history", args=[vendor.pk])}"' in html


def test_an_inline_row_links_to_its_parents_history(admin_client):
    item = product(name="Мегаплан")
    ProductCapabilityFactory(product=item, capability=CapabilityFactory(name="Воронка"))
    entry = journal(admin_client, model="catalog.productcapability").context["entries"][0]
    assert entry.object_repr == "Мегаплан — Воронка"
    assert entry.history_url == reverse("admin:catalog_product_history", args=[item.pk])


def test_it_filters_by_editor_and_by_model(admin_client, admin_user, django_user_model):
    other = django_user_model.objects.create_user("other", is_staff=True)
    poll = PollFactory()
    poll.history.update(history_user=other)
    TermFactory(name="Лид")  # made outside a request: no editor
    VendorFactory(name="Acme").history.update(history_user=admin_user)

    assert [r[1] for r in rows(journal(admin_client, editor=other.pk))] == [str(poll)]
    assert [r[1] for r in rows(journal(admin_client, editor="none"))] == ["Лид"]
    assert [r[1] for r in rows(journal(admin_client, model="catalog.vendor"))] == ["Acme"]
    assert rows(journal(admin_client, model="catalog.vendor", editor=other.pk)) == []
    # an unknown model or editor shows everything rather than failing
    assert len(rows(journal(admin_client, model="auth.user", editor="x"))) == 3


def test_it_pages_with_a_fixed_query_count(admin_client, django_assert_max_num_queries):
    term = TermFactory()
    for n in range(JOURNAL_PAGE_SIZE + 9):
        term.summary = f"Версия {n}"
        term.save()
    with django_assert_max_num_queries(14):
        first = journal(admin_client, model="glossary.term")
    assert len(first.context["entries"]) == JOURNAL_PAGE_SIZE
    assert first.context["page"].paginator.count == JOURNAL_PAGE_SIZE + 10
    assert 'href="?model=glossary.term&amp;p=2"' in first.content.decode()
    second = journal(admin_client, model="glossary.term", p=2)
    assert len(second.context["entries"]) == 10
    assert second.context["entries"][-1].action == "создание"


def test_staff_see_only_the_models_they_may_view(client, django_user_model):
    PollFactory()
    TermFactory()
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_poll"))
    client.force_login(viewer)
    response = journal(client)
    assert [r[0] for r in rows(response)] == ["Опрос"]
    assert response.context["models"] == [("polls.poll", "Опросы")]
    assert len(rows(journal(client, model="glossary.term"))) == 1  # ignored: not theirs


def test_staff_without_content_rights_and_visitors_are_refused(client, django_user_model):
    assert client.get(URL).status_code == 302  # to the admin login
    client.force_login(django_user_model.objects.create_user("staff", is_staff=True))
    assert client.get(URL).status_code == 403
    assert "Журнал изменений" not in client.get(reverse("admin:index")).content.decode()
