from django.apps import AppConfig


class PollsConfig(AppConfig):
    name = "polls"
    verbose_name = "Опросы"

    def ready(self):
        from polls import signals  # noqa: F401 -- connects the cache invalidation
