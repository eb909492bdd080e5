"""The demo content in fixtures/ loads in one loaddata call and keeps its contract.

The glossary fixture points at catalog rows (product classes, example products) that live in
fixtures/catalog.json, so the check only makes sense once both files are present.

The seed-fidelity checks at the end read fixtures/glossary.json itself: they pin what the
portal's founding text says about its key terms, and they keep editorial notes, known typos
and offers of products a Russian buyer can no longer buy out of what visitors read.
"""

import json
import re
from functools import cache
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.markdown import render_markdown
from glossary.models import Article, Term

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
        "1c-upravlenie-torgovley",  # the complex system whose module an SFA-system usually is
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


# --- Seed fidelity: what the source text says must be on the term pages -----------------


@cache
def glossary_objects():
    return json.loads((FIXTURES_DIR / "glossary.json").read_text(encoding="utf-8"))


def fixture_term(slug):
    (fields,) = [
        o["fields"]
        for o in glossary_objects()
        if o["model"] == "glossary.term" and o["fields"]["slug"] == slug
    ]
    return fields


def fixture_article(slug):
    (fields,) = [
        o["fields"]
        for o in glossary_objects()
        if o["model"] == "glossary.article" and o["fields"]["slug"] == slug
    ]
    return fields


def synonyms(fields):
    return [s.strip() for s in fields["synonyms"].split(",") if s.strip()]


def visitor_texts():
    """(where, text) for every glossary text a visitor can read, drafts included."""
    for obj in glossary_objects():
        fields = obj["fields"]
        if obj["model"] == "glossary.term":
            keys = ("name", "abbreviation", "synonyms", "summary", "definition")
        elif obj["model"] == "glossary.article":
            keys = ("title", "lead", "body")
        else:
            continue
        for key in keys:
            yield f"{obj['model']} {fields['slug']}.{key}", fields[key]


def test_the_sfa_term_says_everything_the_source_says():
    sfa = fixture_term("sfa-sistema")
    text = sfa["definition"]

    assert {"автоматизация отдела продаж", "программа для контроля работы менеджеров"} <= set(
        synonyms(sfa)
    )
    assert "не реализующая CRM-подход" in sfa["summary"]
    for phrase in (
        "не реализующая CRM-подход",  # a system that does not implement the CRM approach
        "торгового персонала",
        "торговых агентов",
        "контакт-центра",
        "первый шаг",  # towards a full CRM strategy
        "стратегии CRM",
        "модуль комплексной системы",
        "1С:Предприятие 8. Управление торговлей",
        "принять за CRM-систему",  # why it is mistaken for one ...
        "в названии у неё часто стоит «CRM»",
    ):
        assert phrase in text, phrase
    # ... and how the portal tells them apart: the four CRM criteria.
    for criterion in ("жалобами", "сервисному обслуживанию", "продуктовой линейкой", "процессн"):
        assert criterion in text.split("принять за CRM-систему", 1)[1], criterion


def test_the_crm_system_term_says_it_is_standalone_or_part_of_an_erp():
    crm = fixture_term("crm-sistema")

    assert "самостоятельным приложением" in crm["definition"]
    assert "частью (модулем) ERP-системы" in crm["definition"]
    assert "ERP" in crm["summary"]


def test_the_funnel_term_ties_the_snapshot_to_the_sales_cycle_and_the_plan():
    definition = fixture_term("voronka-prodazh")["definition"]
    snapshot = next(line for line in definition.splitlines() if "мгновенный срез" in line)

    assert "цикла продажи" in snapshot
    assert "потенциал клиентской базы" in snapshot
    assert "не выполнить план продаж" in snapshot
    assert "неотъемлемый механизм любой CRM-системы и SFA-системы" in definition


def test_the_saas_term_lists_the_online_crm_synonyms():
    saas = fixture_term("saas")

    assert {"CRM он-лайн", "online CRM"} <= set(synonyms(saas))


def test_the_1c_integration_term_agrees_with_the_1c_crm_card():
    definition = fixture_term("integraciya-s-1s")["definition"]

    # Both editions, as the catalog card describes them.
    assert "самостоятельная конфигурация, которая обменивается данными" in definition
    assert "встроенная в учётную конфигурацию 1С" in definition
    assert "в одной базе" in definition
    # The old claim that 1С:CRM never needs an exchange is gone.
    assert "у неё общая с учётом база, и обмен не нужен" not in definition


def test_the_bpm_term_tells_terrasofts_history_in_order():
    definition = fixture_term("bpm")["definition"]

    assert "Terrasoft CRM" in definition
    assert "в 2019 году bpm'online переименовали в Creatio" in definition
    crm, bpmonline = definition.index("Terrasoft CRM"), definition.index("bpm'online")
    renamed = definition.index("в 2019 году bpm'online переименовали в Creatio")
    assert crm < bpmonline < renamed
    assert "сняли с продаж, а не переименовали" in definition
    assert "в 2022 году ушла с российского рынка" in definition
    assert "BPMSoft" in definition
    assert "позже bpm'online" not in definition


def test_the_crm_or_sfa_article_gives_terrasoft_only_as_history():
    body = fixture_article("crm-ili-sfa")["body"]
    (paragraph,) = [p for p in body.split("\n\n") if "Terrasoft" in p]

    assert "исторические названия" in paragraph
    assert "1С:CRM" in paragraph  # a current example comes first


# A foreign vendor named anywhere must come with the date it stopped serving Russia.
WITHDRAWN_VENDORS = re.compile(
    r"\b(Microsoft|Dynamics|Salesforce|SAP|HubSpot|SugarCRM|Creatio|Oracle)\b"
)


def test_no_text_offers_a_withdrawn_foreign_product_without_its_exit_date():
    for where, text in visitor_texts():
        if WITHDRAWN_VENDORS.search(text):
            assert re.search(r"\b202[2-4]\b", text), where
        if "Terrasoft" in text:  # Terrasoft's products were discontinued or renamed
            assert re.search(r"сня\w* с продаж|историческ", text, re.IGNORECASE), where


def test_the_sanction_dates_are_the_real_ones():
    body = fixture_article("kak-vybrat-crm-sistemu")["body"]

    assert "12-й пакет санкций принят в декабре 2023 года" in body
    assert "20 марта 2024 года" in body
    assert "12 сентября 2024 года" in body
    assert "в марте 2022 года прекратила новые продажи" in body


INTERNAL_OR_WRONG = [
    re.compile(r"исходн\w* материал", re.IGNORECASE),  # the portal's sources, not for visitors
    re.compile(r"\bв источнике\b", re.IGNORECASE),
    re.compile(r"\bиз сайта\b", re.IGNORECASE),  # «с сайта»
    re.compile(r"Клиентская база"),  # the brand is «Клиентская База»; say «база клиентов»
    re.compile(r"\bseed\b", re.IGNORECASE),
]


def test_no_glossary_text_shows_editorial_notes_or_known_slips():
    for where, text in visitor_texts():
        for pattern in INTERNAL_OR_WRONG:
            assert not pattern.search(text), (where, pattern.pattern)
