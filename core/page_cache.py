"""Whole-page cache for anonymous visitors, shared by every worker through the cache.

A page is stored only when it is the same for every anonymous visitor, which the response
itself tells: status 200, no cookie set, no `Vary: Cookie`, no private or no-store
Cache-Control. Anything that reads or writes per-visitor state (the CSRF token, the
poll voter, the session) makes Django add `Vary: Cookie` or a cookie, so such a page is
never stored; poll pages mark themselves private besides (polls/views.py).

Requests that carry a session (staff, editors) or flash messages bypass the cache both
ways. Keys: the versions of the content areas the page shows (core/versions.py), the path
and the query string with its parameters in a fixed order (not the Host header: pages
never print it), so `?b=1&a=2` and `?a=2&b=1` share an entry while the order of one
parameter's repeated values (compare columns) is kept.

Which areas a page shows, its view says with `@shows("catalog")` (an app's area is named by
its label); a view that says nothing shows EVERYTHING, so any edit replaces its pages (the
home page, site search, sitemaps). Areas every page shows (the poll block in the aside)
are added to each: `shown_on_every_page()`. So an edit of a product replaces the catalog's
pages, the glossary terms' pages (they list example products) and the pages that show
everything, and leaves the glossary's list, the materials' and the polls' pages cached.

Entries live `PAGE_CACHE_SECONDS`, or less when content is scheduled to change sooner
(an article's publication time, a poll opening or closing): `register_schedule()`.
"""

import hashlib
import logging
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_max_age, patch_cache_control

from core import versions

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"
# Query strings past this many fields are refused by Django anyway (a 400 from the view).
MAX_FIELDS = 1000
_schedules = []
_every_page_areas = []


def shows(*areas):
    """Marks a view (a function or a class-based view) whose pages show the content of
    `areas` only (besides the areas every page shows), so that edits elsewhere keep them
    cached. Name every area the page reads: a forgotten one serves a stale page."""

    def mark(view):
        view.page_areas = areas
        return view

    return mark


def shown_on_every_page(*areas):
    """Areas every page shows, through base.html (the current poll in the aside)."""
    _every_page_areas.extend(area for area in areas if area not in _every_page_areas)


def page_areas(path):
    """The content areas the page at `path` shows: its view's `@shows` plus the areas every
    page shows; EVERYTHING for a view that says nothing or a path no view answers."""
    try:
        view = resolve(path).func
    except Resolver404:
        return (versions.EVERYTHING,)
    areas = getattr(getattr(view, "view_class", view), "page_areas", None)
    if areas is None:
        return (versions.EVERYTHING,)
    return tuple(dict.fromkeys((*areas, *_every_page_areas)))


def register_schedule(next_change):
    """next_change() -> the next datetime at which content changes by itself, or None."""
    _schedules.append(next_change)


def _next_change():
    moments = [m for m in (schedule() for schedule in _schedules) if m is not None]
    if not moments:
        return "never"
    moment = min(moments)
    return versions.Expiring(moment, max(1, int((moment - timezone.now()).total_seconds())))


# Cached until content changes: an edit may move the next scheduled change.
_next_change_value = versions.ContentValue(
    "page-cache:next-change", areas=(versions.EVERYTHING,), timeout=3600
)


def _seconds_until_next_change():
    moment = _next_change_value.get(_next_change)
    if moment == "never":
        return settings.PAGE_CACHE_SECONDS
    return int((moment - timezone.now()).total_seconds())


def _bypasses(request):
    return (
        request.method != "GET"
        or not settings.PAGE_CACHE_SECONDS
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or CookieStorage.cookie_name in request.COOKIES
    )


def _key(request, content_versions):
    try:
        pairs = parse_qsl(
            request.META.get("QUERY_STRING", ""), keep_blank_values=True, max_num_fields=MAX_FIELDS
        )
    except ValueError:
        return None  # too many fields: the view answers 400, not worth caching
    # A stable sort by name: parameter order does not matter, value order within one does.
    query = urlencode(sorted(pairs, key=lambda pair: pair[0]))
    # Not part of the key, but checked before anything is served: a Host outside
    # ALLOWED_HOSTS gets Django's 400 (DisallowedHost), cached page or not.
    request.get_host()
    # Not the Host header or scheme: pages print absolute URLs from SITE_URL only
    # (core/site.py), so a client's made-up Host (a bogus port) shares the one entry.
    raw = f"{request.path}?{query}"
    return f"page:{'.'.join(content_versions)}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _storable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}
    if "cookie" in vary or "*" in vary:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def _mark_shared(response):
    # Browsers and proxies may keep the page but must ask again each time; the ETag from
    # ConditionalGetMiddleware makes that a cheap 304.
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)


class PageCacheMiddleware:
    """Serves and stores anonymous pages; see the module docstring for the rules."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _bypasses(request):
            return self._private(request, self.get_response(request))
        try:
            key = _key(request, versions.current(*page_areas(request.path_info)))
            cached = versions.cache_call(cache.get, key) if key else None
        except versions.Unavailable:
            # Redis is unreachable: the page is built, not stored (core/versions.py).
            return self.get_response(request)
        except DatabaseError:
            # The database cache is down with the database: the view answers 503.
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if cached is not None:
            return self._rebuild(cached)
        response = self.get_response(request)
        if key and _storable(response):
            self._store(key, response)
        return self._private(request, response)

    def _store(self, key, response):
        try:
            timeout = min(settings.PAGE_CACHE_SECONDS, _seconds_until_next_change())
            if get_max_age(response) is not None:
                timeout = min(timeout, get_max_age(response))
            if timeout <= 0:
                return
            headers = [(k, v) for k, v in response.items() if k.lower() != "content-length"]
            versions.cache_call(cache.set, key, (response.content, headers), timeout)
        except versions.Unavailable:
            return
        except DatabaseError:
            logger.warning("page cache unavailable", exc_info=True)
            return
        _mark_shared(response)
        response[HEADER] = "miss"

    def _rebuild(self, cached):
        content, headers = cached
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        _mark_shared(response)
        response[HEADER] = "hit"
        return response

    def _private(self, request, response):
        """A page not shared between visitors must not be kept by proxies either."""
        varies = "cookie" in response.get("Vary", "").lower()
        if "Cache-Control" not in response and (response.cookies or varies):
            patch_cache_control(response, private=True)
        return response
