from core.sitemaps import ModelSitemap, NamedPagesSitemap
from glossary.models import Article, Term


class TermSitemap(ModelSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Term.objects.published().only("slug", "updated_at").order_by("slug")


class ArticleSitemap(ModelSitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Article.objects.published().only("slug", "updated_at")


class GlossaryPagesSitemap(NamedPagesSitemap):
    changefreq = "weekly"
    priority = 0.8
    url_names = ("glossary:term-list", "materials:article-list")


sitemaps = {
    "glossary-pages": GlossaryPagesSitemap,
    "terms": TermSitemap,
    "articles": ArticleSitemap,
}
