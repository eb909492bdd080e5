from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "polls"
    verbose_name = _("Опросы")

    def ready(self):
        from polls.models import Choice, Poll
        from polls.selectors import current_poll_cache
        from portal import page_cache
        from portal.cache import invalidate_on_change

        invalidate_on_change(current_poll_cache, Poll, Choice)
        page_cache.register_schedule(Poll.objects.next_change)
