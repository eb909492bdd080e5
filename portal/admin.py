from django.contrib import admin

from portal import admin_history  # noqa: F401 -- registers «Журнал изменений»
from portal.models import SearchMiss


@admin.register(SearchMiss)
class SearchMissAdmin(admin.ModelAdmin):
    """ "Поиски без результатов": what visitors looked for and the portal lacks. Read-only:
    the counts are evidence, editors act on them by adding content."""

    list_display = ["query", "count", "first_seen", "last_seen"]
    search_fields = ["query"]
    date_hierarchy = "last_seen"
    readonly_fields = ["query", "count", "first_seen", "last_seen"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
