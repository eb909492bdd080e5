"""The demo content in fixtures/ loads in one loaddata call and keeps its contract.

The glossary fixture points at catalog rows (product classes, example products) that live in
fixtures/catalog.json, so the check only makes sense once both files are present.
"""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from glossary.models import Article, Term
from portal.markdown import render_markdown

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"
SOURCE_TERMS = {1: "crm", 2: "crm-sistema", 3: "sfa-sistema", 4: "voronka-prodazh"}
# Other branches reference these pks (catalog capabilities point at glossary terms).
FIXED_TERM_SLUGS = {
    **SOURCE_TERMS,
    5: "erp-sistema",
    6: "service-desk",
    7: "ip-ats",
    8: "kontakt-centr",
    9: "saas",
    10: "on-premise",
    11: "lid",
    12: "sdelka",
    13: "bpm",
    14: "xrm",
    15: "konversiya",
    16: "ltv",
    17: "churn",
    18: "omnikanalnost",
    19: "api",
}

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (FIXTURES_DIR / "catalog.json").exists(),
        reason="fixtures/catalog.json is absent: the glossary fixture references catalog rows",
    ),
]


def load_all_fixtures():
    call_command("loaddata", *sorted(str(p) for p in FIXTURES_DIR.glob("*.json")), verbosity=0)


@pytest.fixture
def loaded():
    load_all_fixtures()


def test_it_keeps_the_fixed_term_pks_and_slugs(loaded):
    slugs = dict(Term.objects.filter(pk__in=FIXED_TERM_SLUGS).values_list("pk", "slug"))

    assert slugs == FIXED_TERM_SLUGS


def test_it_publishes_enough_terms_and_articles(loaded):
    assert Term.objects.published().count() >= 29
    assert Article.objects.published().count() >= 6


def test_it_gives_each_source_term_a_published_read_more_article(loaded):
    published = set(Article.objects.published().values_list("pk", flat=True))

    for term in Term.objects.filter(pk__in=SOURCE_TERMS).select_related("article"):
        assert term.article_id in published, term.slug
        assert term.article.published_at <= timezone.now()


def test_it_links_the_source_classes_to_the_catalog(loaded):
    crm = Term.objects.get(slug="crm-sistema")
    sfa = Term.objects.get(slug="sfa-sistema")

    assert crm.product_class.slug == "crm"
    assert set(crm.example_products.values_list("slug", flat=True)) == {
        "bpmonline-crm", "terrasoft-crm", "terrasoft-xrm", "ms-dynamics-crm", "1c-crm",
        "bit-crm-8", "asoft-crm", "klient-kommunikator", "oracle-siebel-crm",
    }  # fmt: skip
    assert sfa.product_class.slug == "sfa"
    assert set(sfa.example_products.values_list("slug", flat=True)) == {
        "amocrm", "klientskaya-baza", "terrasoft-sales", "bluejet-web-crm",
    }  # fmt: skip


def test_it_gives_every_published_term_a_definition_and_related_terms(loaded):
    for term in Term.objects.published().prefetch_related("related_terms"):
        assert term.summary.strip() and len(term.summary) <= 300, term.slug
        assert "<p>" in render_markdown(term.definition), term.slug
        related = list(term.related_terms.all())
        assert related, term.slug
        # Symmetry: the pair shows up on both terms' pages.
        for other in related:
            assert term in other.related_terms.all(), (term.slug, other.slug)


def test_it_describes_both_kinds_of_sales_funnel(loaded):
    funnel = Term.objects.get(slug="voronka-prodazh")
    body = render_markdown(funnel.article.body)

    assert "мгновенный срез" in funnel.definition.lower()
    assert "историческ" in funnel.definition.lower()
    assert "<table>" in body
    assert funnel.illustration == Term.Illustration.SALES_FUNNEL
    assert list(Term.objects.exclude(illustration="")) == [funnel]


def test_it_tags_articles_and_hides_drafts_from_published(loaded):
    published = Article.objects.published()

    for article in published:
        assert article.tags.exists(), article.slug
        assert article.lead.strip() and article.body.strip(), article.slug
    drafts = Article.objects.exclude(status=Article.Status.PUBLISHED)
    assert not published.filter(pk__in=drafts.values("pk")).exists()


def test_it_loads_twice_without_duplicating_rows(loaded):
    counts = (Term.objects.count(), Article.objects.count(), Article.tags.through.objects.count())

    load_all_fixtures()

    assert (
        Term.objects.count(),
        Article.objects.count(),
        Article.tags.through.objects.count(),
    ) == counts
