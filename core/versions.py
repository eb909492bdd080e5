"""Cached until content changes: the one caching mechanism of the portal (docs/architecture.md).

Content is grouped in *areas*, each with a version in the shared cache. Apps register the
models visitors read (`register`, from their AppConfig.ready()): a save, delete or
many-to-many change of such a row replaces the version of every area it belongs to once the
transaction commits. Every registered change belongs to `EVERYTHING`; a model may name finer
areas besides ("glossary:terms" for the term index).

Whatever is cached for visitors is keyed by the versions of the areas it was built from:
whole pages (core/page_cache.py) and values such as the term index or the current poll
(`ContentValue`). After a change the next read misses and builds from the new rows; the old
entries are never read again and expire. Writes that send no signals (QuerySet.update(),
bulk_create(), loaddata outside a transaction's end) call `bump()` themselves.

Why after commit: a request running during the writer's transaction may read the versions
and then the old rows; the versions set after commit are ones it never saw, so what it
stored is never served again.
"""

import functools
import secrets

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

EVERYTHING = "content"
_PREFIX = "version:"
# {model: (areas, whether creating a row is a content change)}
_registered = {}
# Stored instead of None, so that "nothing to show" is cached too and costs no query.
_NOTHING = "__nothing__"


def register(model, *, areas=(), creating_is_change=True):
    """Say that visitors read `model`: its changes replace the versions of EVERYTHING and of
    `areas`. creating_is_change=False for rows whose creation changes no shared page (a
    vote: results show only in the voter's own, uncached poll block)."""
    _registered[model] = ((EVERYTHING, *areas), creating_is_change)
    uid = f"core.versions:{model._meta.label}"
    post_save.connect(_on_save, sender=model, weak=False, dispatch_uid=f"{uid}:save")
    post_delete.connect(_on_delete, sender=model, weak=False, dispatch_uid=f"{uid}:delete")
    # A through model (taggit's TaggedItem) is the sender of its own m2m_changed.
    m2m_changed.connect(_on_m2m, sender=model, weak=False, dispatch_uid=f"{uid}:m2m")
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(
            _on_m2m,
            sender=field.remote_field.through,
            weak=False,
            dispatch_uid=f"{uid}:{field.name}",
        )


def changed(*models):
    """Bump the areas of `models` (every registered model when none is named): for writes
    that send no signals, such as bulk_create() or QuerySet.update()."""
    areas = []
    for model in models or _registered:
        areas += _registered[model][0]
    bump(*areas)


def current(*areas):
    """The versions of `areas`, in order; an area never seen gets one now. One cache read."""
    keys = [_PREFIX + area for area in areas]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, secrets.token_hex(8), None)
            found[key] = cache.get(key)
    return tuple(found[key] for key in keys)


def bump(*areas, now=True):
    """New versions of `areas` (EVERYTHING when none is named) once the current transaction
    commits, and (unless now=False) at once.

    The bump after commit is the one that matters (see above). The one at once makes the
    writer's own next reads fresh inside its transaction (tests run inside one); loaddata,
    saving thousands of rows in one transaction, skips it.
    """
    areas = tuple(dict.fromkeys(areas or (EVERYTHING,)))
    connection = transaction.get_connection()
    if now or not connection.in_atomic_block:
        _set_new_versions(areas)
    if connection.in_atomic_block and not any(
        getattr(func, "areas", None) == areas for _sids, func, _robust in connection.run_on_commit
    ):
        # One callback per set of areas, however many rows the transaction saves.
        after_commit = functools.partial(_set_new_versions, areas)
        after_commit.areas = areas
        transaction.on_commit(after_commit)


def _set_new_versions(areas):
    cache.set_many({_PREFIX + area: secrets.token_hex(8) for area in areas}, None)


def _on_save(sender, instance, created=False, raw=False, **kwargs):
    areas, creating_is_change = _registered[sender]
    if creating_is_change or not created:
        bump(*areas, now=not raw)


def _on_delete(sender, **kwargs):
    bump(*_registered[sender][0])


def _on_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        model = type(instance)
        bump(*_registered.get(model, _registered.get(sender, ((EVERYTHING,), True)))[0])


class Expiring(tuple):
    """What a ContentValue's compute() returns to cache a value for less than the default
    timeout, e.g. when it stops being true at a known moment."""

    def __new__(cls, value, timeout):
        return super().__new__(cls, (value, timeout))


class ContentValue:
    """A value built from content and cached until an area it is built from changes (or
    `timeout` seconds pass: the backstop for writes no signal reports)."""

    def __init__(self, name, *, areas, timeout):
        self.name = name
        self.areas = tuple(areas)
        self.timeout = timeout

    def _key(self):
        return f"{self.name}:{'.'.join(current(*self.areas))}"

    def get(self, compute):
        """The cached value, or compute() stored. Reading the versions first, then the rows,
        means a change committed meanwhile can only make this entry unreachable, never stale."""
        key = self._key()
        cached = cache.get(key)
        if cached is not None:
            return None if cached == _NOTHING else cached
        return self._store(key, compute)

    def refresh(self, compute):
        """compute() stored now, whatever the cache holds."""
        return self._store(self._key(), compute)

    def _store(self, key, compute):
        result = compute()
        value, timeout = result if isinstance(result, Expiring) else (result, self.timeout)
        cache.set(key, _NOTHING if value is None else value, timeout)
        return value
