from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlossaryConfig(AppConfig):
    name = "glossary"
    verbose_name = _("Глоссарий и материалы")

    def ready(self):
        from glossary.linking import term_index_cache
        from glossary.models import Article, Term
        from portal import page_cache
        from portal.cache import invalidate_on_change
        from portal.search import keep_indexed

        invalidate_on_change(term_index_cache, Term)
        page_cache.register_schedule(Article.objects.next_publication)
        keep_indexed(Term)
        keep_indexed(Article)
