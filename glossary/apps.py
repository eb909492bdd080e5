from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The content area of terms and materials (core/versions.py).
GLOSSARY_AREA = "glossary"


class GlossaryConfig(AppConfig):
    name = "glossary"
    verbose_name = _("Глоссарий и материалы")

    def ready(self):
        from taggit.models import Tag, TaggedItem

        from core import page_cache, roles, search_kinds, versions
        from core.admin_names import name_through_rows
        from core.search import keep_indexed
        from glossary.linking import TERMS_AREA
        from glossary.models import Article, Term

        # The content editors run: the glossary and the materials.
        roles.grant(roles.EDITORS, roles.every_action("glossary", ["term", "article"]))
        versions.register(Term, areas=(GLOSSARY_AREA, TERMS_AREA))
        for model in (Article, Tag, TaggedItem):
            versions.register(model, areas=(GLOSSARY_AREA,))
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
        search_kinds.register(
            search_kinds.Kind(
                "terms",
                _("Термины глоссария"),
                lambda: Term.objects.published(),
                ("summary", "definition"),
                "name",
                order=2,
            )
        )
        search_kinds.register(
            search_kinds.Kind(
                "articles",
                _("Материалы"),
                lambda: Article.objects.published(),
                ("lead", "body"),
                "title",
                order=3,
            )
        )
        keep_indexed(Term)
        keep_indexed(Article)
