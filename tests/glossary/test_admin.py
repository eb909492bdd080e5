"""Editors manage terms and articles in the admin, with a rendered Markdown preview."""

import pytest
from django.urls import reverse

from glossary.factories import ArticleFactory, TermFactory
from glossary.models import Article, Term

pytestmark = pytest.mark.django_db


def test_it_lists_and_searches_terms(admin_client):
    TermFactory(name="Воронка продаж", synonyms="pipeline")
    TermFactory(name="Лид")
    url = reverse("admin:glossary_term_changelist")
    html = admin_client.get(url).content.decode()
    assert "Воронка продаж" in html and "Лид" in html
    html = admin_client.get(url, {"q": "pipeline"}).content.decode()
    assert "Воронка продаж" in html and ">Лид<" not in html
    assert admin_client.get(url, {"is_published__exact": "0"}).status_code == 200


def test_it_previews_the_saved_definition_sanitised_and_linked(admin_client):
    TermFactory(name="Лид", slug="lid")
    term = TermFactory(
        name="Сделка",
        slug="sdelka",
        definition="**Сделка** вырастает из лид. Сделка.<script>alert(1)</script>",
    )
    html = admin_client.get(reverse("admin:glossary_term_change", args=[term.pk])).content.decode()
    preview = html[html.index("glossary-admin-preview") :]
    assert "<strong>Сделка</strong>" in preview
    assert 'href="/glossary/lid/"' in preview
    assert 'href="/glossary/sdelka/"' not in preview
    assert "<script>alert(1)" not in html
    assert 'id="id_related_terms"' in html  # the related-term selector
    assert "django-admin-prepopulated-fields-constants" in html  # slug from the name
    assert 'class="viewsitelink"' in html


def test_it_creates_a_term_through_the_form(admin_client):
    other = TermFactory(name="CRM")
    response = admin_client.post(
        reverse("admin:glossary_term_add"),
        {
            "name": "SFA-система",
            "slug": "sfa-sistema",
            "abbreviation": "SFA",
            "synonyms": "",
            "summary": "Система для контроля продаж.",
            "definition": "Легче, чем CRM.",
            "is_published": "on",
            "related_terms": [other.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    term = Term.objects.get(slug="sfa-sistema")
    assert list(term.related_terms.all()) == [other]
    assert list(other.related_terms.all()) == [term]


def test_it_previews_articles_and_lists_them(admin_client):
    TermFactory(name="Лид", slug="lid")
    article = ArticleFactory(title="Про лиды", body="Каждый лид важен.")
    html = admin_client.get(reverse("admin:glossary_article_changelist")).content.decode()
    assert "Про лиды" in html
    html = admin_client.get(
        reverse("admin:glossary_article_change", args=[article.pk])
    ).content.decode()
    assert 'href="/glossary/lid/"' in html[html.index("glossary-admin-preview") :]
    add = admin_client.get(reverse("admin:glossary_article_add"))
    assert add.status_code == 200
    assert "Предпросмотр появится после сохранения" in add.content.decode()


def test_it_publishes_and_unpublishes_articles_with_actions(admin_client):
    undated = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    scheduled = ArticleFactory(status=Article.Status.DRAFT)
    scheduled_at = scheduled.published_at
    url = reverse("admin:glossary_article_changelist")
    response = admin_client.post(
        url, {"action": "publish", "_selected_action": [undated.pk, scheduled.pk]}
    )
    assert response.status_code == 302
    undated.refresh_from_db()
    scheduled.refresh_from_db()
    assert undated.status == scheduled.status == Article.Status.PUBLISHED
    assert undated.published_at is not None
    assert scheduled.published_at == scheduled_at  # a date set in advance is kept
    admin_client.post(url, {"action": "unpublish", "_selected_action": [undated.pk]})
    undated.refresh_from_db()
    assert undated.status == Article.Status.DRAFT


def test_it_renders_a_live_preview_sanitised_linked_and_without_self_links(admin_client):
    TermFactory(name="Лид", slug="lid")
    TermFactory(name="Сделка", slug="sdelka")
    url = reverse("admin:glossary_term_preview")
    response = admin_client.post(
        url, {"text": "**Сделка** из лид.<script>alert(1)</script>", "slug": "sdelka"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Сделка</strong>" in html
    assert 'href="/glossary/lid/"' in html
    assert 'href="/glossary/sdelka/"' not in html
    assert "<script" not in html
    article_preview = admin_client.post(
        reverse("admin:glossary_article_preview"), {"text": "Сделка"}
    )
    assert 'href="/glossary/sdelka/"' in article_preview.content.decode()
    assert admin_client.get(url).status_code == 405


def test_it_keeps_the_preview_for_editors_only(client, django_user_model):
    url = reverse("admin:glossary_term_preview")
    response = client.post(url, {"text": "x"})
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    client.force_login(django_user_model.objects.create_user("staff", is_staff=True))
    assert client.post(url, {"text": "x"}).status_code == 403


def test_it_wires_the_live_preview_script_into_the_change_form(admin_client):
    html = admin_client.get(reverse("admin:glossary_term_add")).content.decode()
    assert "js/glossary-admin.js" in html
    assert f'data-preview-url="{reverse("admin:glossary_term_preview")}"' in html
    assert 'data-preview-source="id_definition"' in html


def test_it_refuses_the_publish_actions_to_view_only_staff(client, django_user_model):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    url = reverse("admin:glossary_article_changelist")
    assert client.get(url).status_code == 200  # may look
    client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT  # but not publish
