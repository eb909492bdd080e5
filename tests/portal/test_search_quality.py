"""Site search on the query set (portal/search_queries.json) must not get worse than the
figures measured when the answers landed (docs/search.md, "Measured"); a plain loaddata of
the fixtures is searchable at once."""

import pytest
from django.urls import reverse

from portal.management.commands.evaluate_search import run_queries
from portal.search_evaluation import Query, Result, by_kind, load_queries, same_answer, summarise
from tests.catalog.test_fixtures import load_all_fixtures

# The floors: raise them as the work lands, never lower them to make a change pass.
PRECISION_AT_3_FLOOR = 0.95  # measured 0.97 (101 queries) when the answers landed
NEEDS_FLOOR = 0.9  # the aim for needs, as for names; measured 0.96
NAMES_FLOOR = 0.9  # names, layouts, typos; measured 1.00
EMPTY_MISSES_CEILING = 1  # «юсиэс» (UIS) still finds nothing: no spelling covers it


def test_the_query_set_is_written_for_every_kind_of_query():
    queries = load_queries()
    assert len(queries) >= 80
    kinds = {query.kind for query in queries}
    assert {"name", "brand", "typo", "layout", "need", "definition", "comparison"} <= kinds
    assert {"price", "nonsense"} <= kinds
    assert all(query.expect or query.no_result for query in queries)


def test_an_intent_answers_the_expected_filters_with_more_of_its_own():
    assert same_answer("catalog:free_plan=1", "catalog:free_plan=1")
    assert same_answer("catalog:tag=a", "catalog:tag=a&lifecycle=current")
    assert not same_answer("catalog:tag=a", "catalog:tag=b")
    assert same_answer("compare:a,b", "compare:b,a")
    assert not same_answer("product:a", "term:a")


def test_the_metrics_count_the_top_three_and_the_first_hit():
    query = Query("q", "need", ("catalog:free_plan=1", "product:a", "product:b"))
    result = Result(query, ("product:x", "catalog:free_plan=1", "product:b", "product:a"))
    assert result.precision_at_3 == 2 / 3
    assert result.reciprocal_rank == 1 / 2
    assert result.passes
    nothing = Result(Query("asdf", "nonsense", (), no_result=True), ())
    assert nothing.precision_at_3 == 1 and nothing.passes
    noise = Result(Query("asdf", "nonsense", (), no_result=True), ("product:x",))
    assert noise.precision_at_3 == 0 and not noise.passes
    summary = summarise([result, nothing, noise])
    assert summary.count == 3 and len(summary.failing) == 1


@pytest.mark.django_db
def test_search_does_not_fall_below_the_measured_figures(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_all_fixtures()  # the search index is refreshed when the load commits
    results = run_queries()
    summary = summarise(results)
    kinds = by_kind(results)
    named = [r for r in results if r.query.kind in ("name", "brand", "typo", "layout")]
    assert summary.precision_at_3 >= PRECISION_AT_3_FLOOR, summary.failing
    assert kinds["need"].precision_at_3 >= NEEDS_FLOOR, kinds["need"].failing
    assert summarise(named).precision_at_3 >= NAMES_FLOOR
    assert summary.empty_misses <= EMPTY_MISSES_CEILING


@pytest.mark.django_db(transaction=True)
def test_a_plain_loaddata_of_the_fixtures_is_searchable_at_once(client):
    load_all_fixtures()  # loaddata alone, committed: no load_demo, no save afterwards
    html = client.get(reverse("search"), {"q": "амоцрм"}).content.decode()
    assert "/catalog/amocrm/" in html
    listed = client.get("/catalog/", {"q": "воронка"}).context["paginator"].count
    assert listed > 0
    glossary = client.get("/glossary/", {"q": "воронка"}).content.decode()
    assert "/glossary/voronka-prodazh/" in glossary


@pytest.mark.django_db
def test_an_update_or_bulk_update_of_searched_text_refreshes_the_index(client):
    from catalog.models import Product
    from tests.catalog.helpers import product

    first, second = product(name="Альфа"), product(name="Бета")
    Product.objects.filter(pk=first.pk).update(summary="Складской учёт для пекарен")
    second.summary = "Учёт для пекарен и кофеен"
    Product.objects.bulk_update([second], ["summary"])
    found = Product.objects.published().search("пекарен")
    assert set(found) == {first, second}
