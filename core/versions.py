"""Cached until content changes: the one caching mechanism of the portal (docs/architecture.md).

Content is grouped in *areas*, each with a version in the shared cache. Apps register the
models visitors read (`register`, from their AppConfig.ready()): a save, delete or
many-to-many change of such a row replaces the version of every area it belongs to once the
transaction commits. Every registered change belongs to `EVERYTHING`; besides, each app
registers its models under its own area, named by its label ("catalog", "glossary",
"polls", "portal"), so that pages showing one app's rows only stay cached when another
app's rows change (core/page_cache.py, `shows`), and may name finer areas
("glossary:terms" for the term index). A model two apps show (taggit's tags) belongs to the
areas of both.

Whatever is cached for visitors is keyed by the versions of the areas it was built from:
whole pages (core/page_cache.py) and values such as the term index or the current poll
(`ContentValue`). After a change the next read misses and builds from the new rows; the old
entries are never read again and expire. Writes that send no signals (QuerySet.update(),
bulk_create(), loaddata outside a transaction's end) call `changed(Model)` themselves.

Why after commit: a request running during the writer's transaction may read the versions
and then the old rows; the versions set after commit are ones it never saw, so what it
stored is never served again.

When Redis is unreachable (REDIS_URL; the cache holds nothing that cannot be rebuilt),
nothing fails because of it: `current()` raises `Unavailable`, which the page cache and
`ContentValue` take as "build it, store nothing", and a process that found Redis down
leaves it alone for `RETRY_SECONDS` instead of waiting on it in every request. A version
that could not be replaced (an edit while Redis was unreachable) is kept by the process and
written before its next read once Redis answers, so pages stored before the edit are not
served after Redis returns; a Redis that restarted empty (no persistence: docs/deploy.md)
has forgotten them anyway. A PostgreSQL cache table fails with the database, and the page
answers 503 as any page does then: database errors are not caught here.
"""

import contextlib
import functools
import logging
import secrets
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

EVERYTHING = "content"
_PREFIX = "version:"
# {model: (areas, whether creating a row is a content change)}
_registered = {}
# Stored instead of None, so that "nothing to show" is cached too and costs no query.
_NOTHING = "__nothing__"


def register(model, *, areas=(), creating_is_change=True):
    """Say that visitors read `model`: its changes replace the versions of EVERYTHING and of
    `areas` (added to those of an earlier registration of the same model by another app).
    creating_is_change=False for rows whose creation changes no shared page (a vote:
    results show only in the voter's own, uncached poll block)."""
    known = _registered.get(model, ((EVERYTHING,), None))[0]
    _registered[model] = (tuple(dict.fromkeys((*known, *areas))), creating_is_change)
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


class Unavailable(Exception):
    """The shared cache cannot be reached: build what was asked for and store nothing."""


# What an unreachable Redis raises (connection refused or lost, timeouts).
CACHE_ERRORS = (RedisError, OSError)
# After a failure this process leaves the cache alone for so long (a stopped Redis refuses
# at once, but an unreachable host would cost a timeout in every request).
RETRY_SECONDS = 2.0
_state = {"down": False, "retry_at": 0.0, "pending": set()}


def cache_call(operation, *args):
    """operation(*args) on the cache; Unavailable if it cannot be reached. The outage and
    the return are logged once each per process."""
    if _state["down"] and time.monotonic() < _state["retry_at"]:
        raise Unavailable("the shared cache failed moments ago")
    try:
        result = operation(*args)
    except CACHE_ERRORS as error:
        if not _state["down"]:
            logger.warning("shared cache unavailable, building pages uncached: %s", error)
        _state.update(down=True, retry_at=time.monotonic() + RETRY_SECONDS)
        raise Unavailable(str(error)) from error
    if _state["down"]:
        _state["down"] = False
        logger.warning("shared cache reachable again")
    return result


def _replace_pending():
    """The versions an edit could not replace while the cache was down, replaced now."""
    areas = tuple(_state["pending"])
    cache_call(cache.set_many, _new_versions(areas), None)
    _state["pending"].difference_update(areas)
    logger.warning("content versions replaced after the cache outage: %s", ", ".join(areas))


def current(*areas):
    """The versions of `areas`, in order; an area never seen gets one now. One cache read.
    Unavailable when the cache cannot be reached."""
    if _state["pending"]:
        _replace_pending()
    keys = [_PREFIX + area for area in areas]
    found = cache_call(cache.get_many, keys)
    for key in keys:
        if key not in found:
            cache_call(cache.add, key, secrets.token_hex(8), None)
            found[key] = cache_call(cache.get, key)
    return tuple(found[key] for key in keys)


def bump(*areas, now=True):
    """New versions of `areas` (every registered area when none is named: a page keyed by an
    app's area only must not outlive a bump meant for everything) once the current
    transaction commits, and (unless now=False) at once.

    The bump after commit is the one that matters (see above). The one at once makes the
    writer's own next reads fresh inside its transaction (tests run inside one); loaddata,
    saving thousands of rows in one transaction, skips it.
    """
    areas = tuple(dict.fromkeys(areas or _every_area()))
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


def _every_area():
    return (EVERYTHING, *(area for areas, _creating in _registered.values() for area in areas))


def _new_versions(areas):
    return {_PREFIX + area: secrets.token_hex(8) for area in areas}


def _set_new_versions(areas):
    """An edit never fails because the cache is down: the versions wait in this process."""
    try:
        cache_call(cache.set_many, _new_versions(areas), None)
    except Unavailable:
        _state["pending"].update(areas)


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
        means a change committed meanwhile can only make this entry unreachable, never stale.
        With the cache unreachable: compute(), stored nowhere."""
        try:
            key = self._key()
            cached = cache_call(cache.get, key)
        except Unavailable:
            return self._computed(compute)[0]
        if cached is not None:
            return None if cached == _NOTHING else cached
        return self._store(key, compute)

    def refresh(self, compute):
        """compute() stored now, whatever the cache holds."""
        try:
            key = self._key()
        except Unavailable:
            return self._computed(compute)[0]
        return self._store(key, compute)

    def _computed(self, compute):
        result = compute()
        return result if isinstance(result, Expiring) else (result, self.timeout)

    def _store(self, key, compute):
        value, timeout = self._computed(compute)
        with contextlib.suppress(Unavailable):  # stored nowhere: the cache is down
            cache_call(cache.set, key, _NOTHING if value is None else value, timeout)
        return value
