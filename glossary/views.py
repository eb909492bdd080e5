from urllib.parse import urlencode

from django.db.models import Prefetch, Q
from django.urls import NoReverseMatch, reverse
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from glossary.funnel import FUNNEL_TERM_SLUG
from glossary.letters import build_sections
from glossary.models import Article, Term
from portal.pagination import LenientPaginationMixin

QUERY_MAX_LENGTH = 100
ARTICLES_PER_PAGE = 10


def catalog_url(name, fallback, **kwargs):
    """A catalog URL by name, or its path from the DESIGN.md URL map.

    The catalog's views are built on another branch; until they are merged the name does
    not resolve, and the documented path is the same address, so the link works either way.
    """
    try:
        return reverse(f"catalog:{name}", kwargs=kwargs or None)
    except NoReverseMatch:
        return fallback


def get_param(request, name):
    """A GET parameter as a search string: trimmed, bounded, and free of NUL characters,
    which PostgreSQL rejects (so a crafted URL would otherwise be a 500)."""
    return request.GET.get(name, "").replace("\x00", "").strip()[:QUERY_MAX_LENGTH]


def product_url(product):
    return catalog_url("product-detail", f"/catalog/{product.slug}/", slug=product.slug)


def can_preview(user):
    return user.is_active and user.is_staff


class TermListView(ListView):
    template_name = "glossary/term_list.html"
    context_object_name = "terms"

    def get_query(self):
        return get_param(self.request, "q")

    def get_queryset(self):
        terms = Term.objects.published().only("name", "slug", "abbreviation", "synonyms", "summary")
        query = self.get_query()
        if query:
            terms = terms.filter(
                Q(name__icontains=query)
                | Q(abbreviation__icontains=query)
                | Q(synonyms__icontains=query)
                | Q(summary__icontains=query)
            )
        return terms

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        terms = list(context["terms"])
        context.update(query=self.get_query(), sections=build_sections(terms), found=len(terms))
        return context


class TermDetailView(DetailView):
    template_name = "glossary/term_detail.html"
    context_object_name = "term"

    def get_queryset(self):
        terms = Term.objects.select_related("article", "product_class")
        if not can_preview(self.request.user):
            terms = terms.published()
        return terms

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        term = self.object
        preview = can_preview(self.request.user)
        article = term.article
        if article is not None and not (article.is_public or preview):
            article = None
        products = term.example_products.only("name", "slug", "summary")
        if not preview:
            products = products.published()
        catalog_href = None
        if term.product_class_id:
            base = catalog_url("product-list", "/catalog/")
            catalog_href = f"{base}?{urlencode({'class': term.product_class.slug})}"
        context.update(
            is_draft=not term.is_published,
            read_more=article,
            related=term.related_terms.published().only("name", "slug", "summary"),
            example_products=[(product, product_url(product)) for product in products],
            catalog_href=catalog_href,
            show_funnel=term.slug == FUNNEL_TERM_SLUG,
        )
        return context


class ArticleListView(LenientPaginationMixin, ListView):
    template_name = "glossary/article_list.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE

    def get_tag(self):
        """The ?tag= filter: a known tag, or None with a note for the page."""
        slug = get_param(self.request, "tag")
        self.unknown_tag = None
        if not slug:
            return None
        # Products share taggit's Tag table: only tags of published articles count here.
        tag = Tag.objects.filter(slug=slug, article__in=Article.objects.published()).first()
        if tag is None:
            self.unknown_tag = slug
        return tag

    def get_queryset(self):
        self.tag = self.get_tag()
        articles = Article.objects.published().prefetch_related("tags")
        if self.tag is not None:
            articles = articles.filter(tags=self.tag)
        return articles

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            active_tag=self.tag,
            unknown_tag=self.unknown_tag,
            all_tags=Tag.objects.filter(article__in=Article.objects.published())
            .distinct()
            .order_by("name"),
        )
        return context


class ArticleDetailView(DetailView):
    template_name = "glossary/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        articles = Article.objects.prefetch_related(
            "tags",
            Prefetch(
                "related_terms",
                queryset=Term.objects.published().only("name", "slug", "summary"),
                to_attr="published_terms",
            ),
        )
        if not can_preview(self.request.user):
            articles = articles.published()
        return articles

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_draft"] = not self.object.is_public
        return context
