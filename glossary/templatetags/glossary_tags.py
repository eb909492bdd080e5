from django import template

from glossary.funnel import historical_funnel, snapshot_funnel
from glossary.linking import render_linked_markdown
from glossary.models import Article, Term

register = template.Library()


@register.filter(name="markdown_linked")
def markdown_linked(text, current_term=None):
    """Sanitised Markdown with glossary links: `{{ term.definition|markdown_linked:term }}`.

    The optional argument is the term whose page this is, so it never links to itself.
    """
    return render_linked_markdown(text, exclude_slug=getattr(current_term, "slug", None))


@register.inclusion_tag("glossary/_funnel_chart.html")
def funnel_chart(id_prefix="funnel"):
    """Both kinds of the sales funnel, drawn from sample numbers (glossary/funnel.py)."""
    return {
        "id_prefix": id_prefix,
        "snapshot": snapshot_funnel(),
        "historical": historical_funnel(),
    }


@register.inclusion_tag("glossary/_key_terms.html")
def key_terms():
    """«Основные термины и определения» on the home page: the terms editors put there, in
    one query."""
    terms = Term.objects.published().filter(on_home=True).only("name", "slug", "summary")
    return {"terms": terms.order_by("name")}


@register.inclusion_tag("glossary/_latest_materials.html")
def latest_materials(count=3):
    """The newest published articles for the home page, in one query."""
    articles = Article.objects.published().only(
        "title", "slug", "lead", "published_at", "author_name"
    )[:count]
    return {"articles": articles}
