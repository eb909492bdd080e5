class LenientPaginationMixin:
    """For ListViews: a malformed or out-of-range ?page= shows the nearest real page
    ("abc" -> 1, 999999 -> the last) instead of Django's 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()
