"""Reads of the glossary that span models: tags of published articles, a term's page."""

from django.db.models import Prefetch
from taggit.models import Tag

from glossary.models import Article, Term


def published_article_tags():
    """Tags carried by published articles (products share taggit's Tag table)."""
    return Tag.objects.filter(article__in=Article.objects.published()).distinct().order_by("name")


def published_article_tag(slug):
    """The tag with this slug if a published article carries it, else None."""
    return published_article_tags().filter(slug=slug).first()


def term_page(term, *, preview=False):
    """What a term's page shows besides the term: its "Подробнее" article, related terms and
    example products. Drafts among them are shown only in an editor's preview."""
    article = term.article
    if article is not None and not (article.is_published or preview):
        article = None
    products = term.example_products.only("name", "slug", "summary")
    if not preview:
        products = products.published()
    return {
        "read_more": article,
        "related": term.related_terms.published().only("name", "slug", "summary"),
        "example_products": products,
    }


def article_with_terms():
    """Articles with their tags and their published related terms (as .published_terms)."""
    return Article.objects.prefetch_related(
        "tags",
        Prefetch(
            "related_terms",
            queryset=Term.objects.published().only("name", "slug", "summary"),
            to_attr="published_terms",
        ),
    )
