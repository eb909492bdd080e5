"""Keep the cached term index (glossary.linking) in step with the database."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from glossary.linking import invalidate_term_index
from glossary.models import Term


@receiver(post_save, sender=Term, dispatch_uid="glossary_term_saved")
@receiver(post_delete, sender=Term, dispatch_uid="glossary_term_deleted")
def term_changed(sender, **kwargs):
    invalidate_term_index()
