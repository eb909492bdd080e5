"""One version for everything visitors read: catalog, glossary, materials and polls.

Whole anonymous pages are cached under this version (portal/page_cache.py). Any save,
delete or many-to-many change of content replaces it once the transaction commits, so the
next request misses and builds the page from the new rows; the old entries are never read
again and expire. Writes that send no signals (QuerySet.update(), bulk_create(), loaddata
outside a transaction's end) call `bump()` themselves.

Why after commit: a request running during the writer's transaction may read the version
and then the old rows; the version set after commit is one it never saw, so what it stored
is never served again.
"""

import secrets

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

KEY = "portal:content-version"

# What visitors read. Votes are content only when deleted (the archive's results change);
# a new vote changes no shared page: results show in the visitor's own poll block and on
# the poll's page, which are never cached (docs/performance.md, "Page cache").
CONTENT_APPS = {"catalog", "glossary", "polls", "taggit"}
CREATE_ONLY_NOT_CONTENT = {"polls.Vote"}


def current():
    """The version pages are cached under; set on first use."""
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, secrets.token_hex(8), None)
        version = cache.get(KEY)
    return version


def bump(now=True):
    """A new version once the current transaction commits, and (unless now=False) at once.

    The bump after commit is the one that matters (see above). The one at once makes the
    writer's own next reads fresh inside its transaction (tests run inside one); loaddata,
    saving thousands of rows in one transaction, skips it.
    """
    connection = transaction.get_connection()
    if now or not connection.in_atomic_block:
        _set_new_version()
    if connection.in_atomic_block and not any(
        func is _set_new_version for _sids, func, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_set_new_version)


def _set_new_version():
    cache.set(KEY, secrets.token_hex(8), None)


def _is_content(sender):
    return sender._meta.app_label in CONTENT_APPS


def _on_save(sender, created=False, raw=False, **kwargs):
    if _is_content(sender) and not (created and sender._meta.label in CREATE_ONLY_NOT_CONTENT):
        bump(now=not raw)


def _on_delete(sender, **kwargs):
    if _is_content(sender):
        bump()


def _on_m2m(sender, action, **kwargs):
    if action.startswith("post_") and _is_content(sender):
        bump()


def connect_signals():
    post_save.connect(_on_save, dispatch_uid="portal.content_version.save")
    post_delete.connect(_on_delete, dispatch_uid="portal.content_version.delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="portal.content_version.m2m")
