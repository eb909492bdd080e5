import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from core import search_kinds
from core.breadcrumbs import breadcrumbs
from core.search import MIN_QUERY_LENGTH
from core.site import absolute_url
from portal import selectors
from portal.forms import SearchForm
from portal.search_page import search_page
from portal.services import record_search_miss

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    template_name = "portal/home.html"


@require_GET
@never_cache
def healthz(request):
    """Tells a load balancer whether this process can serve: it needs its database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("healthz: database unreachable")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def robots_txt(request):
    sitemap_url = absolute_url(reverse("sitemap-index"))
    # The well-known admin path is no secret; an ADMIN_URL of one's own is not published here
    # (the admin's pages tell robots to keep away themselves).
    admin_path = (
        reverse("admin:index") if settings.ADMIN_URL == settings.DEFAULT_ADMIN_URL else None
    )
    return render(
        request,
        "robots.txt",
        {"sitemap_url": sitemap_url, "admin_path": admin_path},
        content_type="text/plain; charset=utf-8",
    )


def bad_request(request, exception):
    """The 400 page, drawn as if the request had no query string and no form body.

    Whatever made the request bad (1,000+ query fields, a body Django cannot decode) raises
    again on every read of request.GET or request.POST, and drawing the page reads them: a
    template or context processor may (the header's search box once read request.GET.q), and
    the CSRF check of Django's bad_request (requires_csrf_token) reads request.POST. The
    visitor then got a 500 instead of this page, a bare one without the security headers
    when the error escaped the middleware.
    """
    request.GET = QueryDict()
    request.POST = QueryDict()
    return defaults.bad_request(request, exception)


# A load balancer or browser may try again after this many seconds when the database is down.
DATABASE_DOWN_RETRY_AFTER = 30


def server_error(request):
    """500, or 503 "temporarily unavailable" when the fault is a lost database connection.

    Django calls this inside its exception handler, so sys.exc_info() is the error. The
    pages render without database work: the header, footer and error text need none, and
    the aside is left out. Connections are checked before reuse (CONN_HEALTH_CHECKS), so
    the portal serves again by itself once the database is back.
    """
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(DATABASE_DOWN_RETRY_AFTER)
        return response
    return render(request, "500.html", status=500)


class SearchView(TemplateView):
    """/search/?q=: products, glossary terms and materials, grouped by kind; ?kind= one kind
    with pages."""

    template_name = "portal/search.html"
    per_page = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET)
        values, notes = form.values(), form.notes()
        text = values.get("q", "")
        kind = search_kinds.by_key(values.get("kind", ""))
        context.update(
            query=text,
            header_query=text,
            kind=kind,
            kinds=search_kinds.kinds(),
            notes=notes,
            breadcrumbs=breadcrumbs((_("Поиск"), None)),
        )
        if not text:
            return context
        if len(text) < MIN_QUERY_LENGTH:
            notes.append(_("Введите хотя бы %(n)d символа.") % {"n": MIN_QUERY_LENGTH})
            return context
        if kind:
            context.update(self._one_kind(kind, text, values.get("page", 1)))
        else:
            context.update(self._everything(text))
        context["searched"] = True
        return context

    def _everything(self, text):
        """The answers above, the results by kind, the words nothing contains, and what to
        try next on a miss (portal/search_page.py)."""
        page = search_page(text)
        if page.is_miss:
            record_search_miss(query=text)
        return {
            "answers": page.answers,
            "groups": page.groups,
            "suggestion": selectors.suggestion(page.groups),
            "missing_words": page.missing_words,
            "found_words": page.found_words,
            "nearest": page.nearest,
            "miss": page.is_miss,
        }

    def _one_kind(self, kind, text, page):
        total, hits = selectors.search_kind(
            kind, text, offset=(page - 1) * self.per_page, limit=self.per_page
        )
        group = selectors.Group(kind, total, hits)
        return {
            "groups": [group],
            "suggestion": selectors.suggestion([group]),
            "page": page,
            "has_previous": page > 1,
            "has_next": page * self.per_page < total,
        }
