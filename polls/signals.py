from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from polls.models import Choice, Poll
from polls.selectors import invalidate_current_poll


@receiver([post_save, post_delete], sender=Poll)
@receiver([post_save, post_delete], sender=Choice)
def _poll_changed(sender, **kwargs):
    invalidate_current_poll()
