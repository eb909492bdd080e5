from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "polls"
    verbose_name = _("Опросы")

    def ready(self):
        from polls import signals  # noqa: F401 -- connects the cache invalidation
