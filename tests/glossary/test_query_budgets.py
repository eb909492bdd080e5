"""Every glossary page costs a fixed number of queries, whether it shows 5 items or 50."""

import pytest
from django.urls import reverse

from catalog.factories import ProductFactory
from core.bench import budget_queries
from glossary.factories import ArticleFactory, TermFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

# Every page carries the "Наш опрос" block; on a cold cache (no poll) it looks up the
# current poll and the next scheduled one, then serves both from the cache.
POLL_BLOCK_QUERIES = 2


def count_queries(client, url):
    """Queries for one cold request: the cached term index is rebuilt, as after a deploy."""
    queries, _response = budget_queries(client, url, cold=True)
    return len(queries)


def build_term_page(size):
    term = TermFactory(name=f"Главный {size}", definition="Про лид, сделку и CRM.")
    related = TermFactory.create_batch(size)
    term.related_terms.add(*related)
    term.example_products.add(*ProductFactory.create_batch(size))
    return term.get_absolute_url()


def build_article_page(size):
    article = ArticleFactory(tags=[f"тег {i}" for i in range(size)])
    article.related_terms.add(*TermFactory.create_batch(size))
    return article.get_absolute_url()


def build_article_list(size):
    for i in range(size):
        ArticleFactory(tags=[f"тема {i}", "общая"])
    return reverse("materials:article-list")


def build_term_list(size):
    TermFactory.create_batch(size)
    return reverse("glossary:term-list")


@pytest.mark.parametrize(
    ("build", "budget"),
    [
        (build_term_list, 1),  # the terms
        (build_term_page, 4),  # term + article + class, related, products, term index
        (build_article_list, 4),  # count, page, tags of the page, tag cloud
        (build_article_page, 4),  # article, tags, related terms, term index
    ],
)
def test_it_keeps_a_fixed_query_budget(client, build, budget):
    small = count_queries(client, build(5))
    large = count_queries(client, build(50))
    assert small == large
    assert large <= budget + POLL_BLOCK_QUERIES


def test_it_filters_the_article_list_by_tag_within_budget(client):
    for i in range(12):
        ArticleFactory(tags=["общая", f"тема {i}"])
    url = reverse("materials:article-list") + "?tag=общая&page=2"
    assert count_queries(client, url) <= 5 + POLL_BLOCK_QUERIES  # + the tag lookup


def test_it_adds_one_query_for_the_latest_materials_on_the_home_page(client):
    baseline = count_queries(client, "/")
    ArticleFactory.create_batch(8, tags=["a", "b"])
    assert count_queries(client, "/") == baseline
    assert baseline <= 1 + 1 + POLL_BLOCK_QUERIES  # materials, key terms, the poll
