from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlossaryConfig(AppConfig):
    name = "glossary"
    verbose_name = _("Глоссарий и материалы")

    def ready(self):
        from glossary.linking import term_index_cache
        from glossary.models import Term
        from portal.cache import invalidate_on_change

        invalidate_on_change(term_index_cache, Term)
