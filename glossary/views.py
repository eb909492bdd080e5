from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from core import page_cache
from core.breadcrumbs import breadcrumbs
from core.drafts import DraftPreviewMixin, can_preview
from core.pagination import LenientPaginationMixin
from core.params import get_text
from glossary import selectors
from glossary.apps import GLOSSARY_AREA
from glossary.letters import build_sections, sort_key
from glossary.models import Article, Term

ARTICLES_PER_PAGE = 10
# A page of the glossary stays well under 100 KB of HTML even with long summaries; a
# glossary this small (the portal's own has about 40 terms) is one page.
TERMS_PER_PAGE = 100
# The catalog's content area (catalog/apps.py), named, not imported: a term's page lists its
# example products, and the glossary imports no other content app (docs/architecture.md).
CATALOG_AREA = "catalog"


@page_cache.shows(GLOSSARY_AREA)
class TermListView(LenientPaginationMixin, ListView):
    template_name = "glossary/term_list.html"
    context_object_name = "terms"
    paginate_by = TERMS_PER_PAGE

    def get_queryset(self):
        self.query = get_text(self.request, "q")
        terms = Term.objects.published().only("name", "slug", "abbreviation", "synonyms", "summary")
        terms = terms.search(self.query) if self.query else terms
        # The alphabet's order (Ё after Е, Latin first) is Python's: pages cut the sorted list.
        return sorted(terms, key=lambda term: sort_key(term.name))

    def get_pagination_query(self):
        query = QueryDict(mutable=True)
        if self.query:
            query["q"] = self.query
        return query

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            query=self.query,
            sections=build_sections(context["terms"]),
            letter_index=self._letter_index(context["paginator"], context["page_obj"]),
            found=context["paginator"].count,
            breadcrumbs=breadcrumbs((_("Глоссарий"), None)),
        )
        return context

    def _letter_index(self, paginator, page):
        """Every letter of the whole list with a link to the page its terms start on."""
        index = build_sections(self.object_list)
        position = 0
        for section in index:
            number = position // paginator.per_page + 1
            position += len(section.terms)
            section.href = f"#{section.anchor}"
            if number != page.number:
                section.href = f"?{urlencode({**self.get_pagination_query(), 'page': number})}"
                section.href += f"#{section.anchor}"
        return index


@page_cache.shows(GLOSSARY_AREA, CATALOG_AREA)
class TermDetailView(DraftPreviewMixin, DetailView):
    template_name = "glossary/term_detail.html"
    context_object_name = "term"
    queryset = Term.objects.select_related("article", "product_class")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        term = self.object
        context.update(
            selectors.term_page(term, preview=can_preview(self.request.user)),
            show_funnel=term.illustration == Term.Illustration.SALES_FUNNEL,
            breadcrumbs=breadcrumbs(
                (_("Глоссарий"), reverse("glossary:term-list")),
                (term.name, None),
            ),
        )
        return context


@page_cache.shows(GLOSSARY_AREA)
class ArticleListView(LenientPaginationMixin, ListView):
    template_name = "glossary/article_list.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        # ?tag= names a tag of a published article; anything else shows all, with a note.
        slug = get_text(self.request, "tag")
        self.tag = selectors.published_article_tag(slug) if slug else None
        self.unknown_tag = slug if slug and self.tag is None else None
        articles = Article.objects.published().prefetch_related("tags")
        return articles.filter(tags=self.tag) if self.tag is not None else articles

    def get_pagination_query(self):
        query = QueryDict(mutable=True)
        if self.tag is not None:
            query["tag"] = self.tag.slug
        return query

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notes = []
        if self.unknown_tag:
            notes.append(
                _("Тега «%(tag)s» нет — показаны все материалы.")
                % {"tag": Truncator(self.unknown_tag).chars(40)}
            )
        context.update(
            active_tag=self.tag,
            notes=notes,
            all_tags=selectors.published_article_tags(),
            breadcrumbs=breadcrumbs((_("Материалы"), None)),
        )
        return context


@page_cache.shows(GLOSSARY_AREA)
class ArticleDetailView(DraftPreviewMixin, DetailView):
    template_name = "glossary/article_detail.html"
    context_object_name = "article"

    queryset = selectors.article_with_terms()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = breadcrumbs(
            (_("Материалы"), reverse("materials:article-list")),
            (self.object.title, None),
        )
        return context
