from django.http import QueryDict
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.params import get_text


class LenientPaginationMixin:
    """For ListViews: a malformed or out-of-range ?page= shows the nearest real page
    ("abc" -> 1, 999999 -> the last) with a note, instead of Django's 404.

    The page links (includes/_pagination.html) carry the query that get_pagination_query()
    returns: nothing but the page by default; a view with filters returns their canonical
    form, so junk in the address never spreads to the links.
    """

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        requested = get_text(self.request, "page")
        page = paginator.get_page(requested)
        self.page_note = None
        if requested and requested != str(page.number):
            self.page_note = _("Страницы «%(page)s» нет: показана страница %(number)d.") % {
                "page": Truncator(requested).chars(20),
                "number": page.number,
            }
        return paginator, page, page.object_list, page.has_other_pages()

    def get_pagination_query(self):
        return QueryDict()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_note"] = getattr(self, "page_note", None)
        context["pagination_query"] = self.get_pagination_query()
        return context
