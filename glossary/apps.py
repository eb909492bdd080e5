from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "glossary"
    verbose_name = "Глоссарий и материалы"

    def ready(self):
        from glossary import signals  # noqa: F401 -- connects the cache invalidation
