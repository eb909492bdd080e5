from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlossaryConfig(AppConfig):
    name = "glossary"
    verbose_name = _("Глоссарий и материалы")

    def ready(self):
        from glossary.linking import term_index_cache
        from glossary.models import Article, Term
        from portal import page_cache
        from portal.admin_names import name_through_rows
        from portal.cache import invalidate_on_change
        from portal.search import keep_indexed

        invalidate_on_change(term_index_cache, Term)
        name_through_rows(
            Term.example_products.field,
            _("связь термина с продуктом"),
            lambda row: f"{row.term} — {row.product}",
        )
        name_through_rows(
            Term.related_terms.field,
            _("связь терминов"),
            lambda row: f"{row.from_term} — {row.to_term}",
        )
        name_through_rows(
            Article.related_terms.field,
            _("связь материала с термином"),
            lambda row: f"{row.article} — {row.term}",
        )
        page_cache.register_schedule(Article.objects.next_publication)
        keep_indexed(Term)
        keep_indexed(Article)
