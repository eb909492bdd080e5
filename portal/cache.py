"""Values cached until editors change what they are built from.

The glossary's term index and the poll block both cache a read that every page needs and
must drop it the moment an editor saves. `InvalidatedValue` is that pattern, written once:
it deletes the key on change and again after the transaction commits (a request running
meanwhile may have cached the old rows), and `invalidate_on_change` connects it to the
models' save, delete and many-to-many signals.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

# Stored instead of None, so that "nothing to show" is cached too and costs no query.
_NOTHING = "__nothing__"


class InvalidatedValue:
    def __init__(self, key, timeout):
        self.key = key
        self.timeout = timeout

    def get(self, compute):
        """The cached value, or compute() stored for `timeout` seconds.

        compute may return (value, timeout) to shorten the timeout for this value, e.g. when
        it stops being true at a known moment.
        """
        cached = cache.get(self.key)
        if cached is not None:
            return None if cached == _NOTHING else cached
        result = compute()
        value, timeout = result if isinstance(result, Expiring) else (result, self.timeout)
        cache.set(self.key, _NOTHING if value is None else value, timeout)
        return value

    def refresh(self, compute):
        """compute() stored now, whatever the cache holds."""
        cache.delete(self.key)
        return self.get(compute)

    def invalidate(self, **_signal_kwargs):
        cache.delete(self.key)
        transaction.on_commit(lambda: cache.delete(self.key))


class Expiring(tuple):
    """What compute() returns to cache a value for less than the default timeout."""

    def __new__(cls, value, timeout):
        return super().__new__(cls, (value, timeout))


def invalidate_on_change(cached, *models):
    """Drop `cached` whenever a row of one of `models` is saved or deleted, or its
    many-to-many relations change. Bulk QuerySet.update() sends no signals: callers that
    use it invalidate by hand."""
    for model in models:
        uid = f"{cached.key}:{model._meta.label}"
        post_save.connect(cached.invalidate, sender=model, weak=False, dispatch_uid=uid + ":save")
        post_delete.connect(
            cached.invalidate, sender=model, weak=False, dispatch_uid=uid + ":delete"
        )
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                cached.invalidate,
                sender=field.remote_field.through,
                weak=False,
                dispatch_uid=f"{uid}:{field.name}",
            )
