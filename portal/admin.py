import axes.admin  # noqa: F401 -- registers the axes models, replaced in part below
from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt, AccessFailureLog
from axes.utils import reset
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.admin_history import HistoryAdminMixin
from portal import admin_journal  # noqa: F401 -- registers «Журнал изменений»
from portal.forms import SearchIntentForm
from portal.models import SearchIntent, SearchMiss


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


@admin.register(SearchIntent)
class SearchIntentAdmin(HistoryAdminMixin, admin.ModelAdmin):
    """Words → filters: the cards site search shows above its results («Бесплатные
    CRM-системы: 7 → каталог»). The parameters are checked against the page they open."""

    form = SearchIntentForm
    list_display = ["label", "target", "query", "order", "is_published"]
    list_editable = ["order", "is_published"]
    list_filter = ["target", "is_published"]
    search_fields = ["label", "phrases", "query"]
    fields = ["label", "phrases", "target", "query", "order", "is_published"]


class LockoutFilter(admin.SimpleListFilter):
    title = _("блокировка")
    parameter_name = "locked"

    def lookups(self, request, model_admin):
        return [("yes", _("вход заблокирован")), ("no", _("не заблокирован"))]

    def queryset(self, request, queryset):
        locked = Q(by_username__gte=settings.AXES_FAILURE_LIMIT) | Q(
            by_address__gte=settings.AXES_FAILURE_LIMIT
        )
        if self.value() == "yes":
            return queryset.filter(locked)
        if self.value() == "no":
            return queryset.exclude(locked)
        return queryset


admin.site.unregister(AccessAttempt)
# Filled only with AXES_ENABLE_ACCESS_FAILURE_LOG, which is off: an always-empty list misleads.
admin.site.unregister(AccessFailureLog)


@admin.register(AccessAttempt)
class LockoutAdmin(AccessAttemptAdmin):
    """Failed admin logins (django-axes). A user name and an address are locked separately,
    each once its failures within the cool-off reach the limit; a row is one user name
    tried from one address. Unlocking deletes the failures of the row's user name and of
    its address, as `manage.py axes_reset_username` and `axes_reset_ip` do."""

    list_display = ["attempt_time", "username", "ip_address", "failures_since_start", "state"]
    list_filter = [LockoutFilter, "attempt_time"]
    actions = ["unlock"]

    def get_queryset(self, request):
        recent = AccessAttempt.objects.all()
        if settings.AXES_COOLOFF_TIME:
            recent = recent.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)

        def failures(field):
            rows = recent.filter(**{field: OuterRef(field)}).values(field)
            return Subquery(rows.annotate(n=Sum("failures_since_start")).values("n"))

        return (
            super()
            .get_queryset(request)
            .annotate(by_username=failures("username"), by_address=failures("ip_address"))
        )

    @admin.display(description=_("состояние"))
    def state(self, attempt):
        limit = settings.AXES_FAILURE_LIMIT
        username, address = attempt.by_username or 0, attempt.by_address or 0
        if username >= limit and address >= limit:
            return _("заблокированы имя и адрес")
        if username >= limit:
            return _("заблокировано имя")
        if address >= limit:
            return _("заблокирован адрес")
        return _("осталось попыток: %(n)d") % {"n": limit - max(username, address)}

    @admin.action(description=_("Снять блокировку с имени и адреса"), permissions=["delete"])
    def unlock(self, request, queryset):
        removed = sum(
            reset(ip=row.ip_address, username=row.username, ip_or_username=True) for row in queryset
        )
        self.message_user(
            request,
            _("Блокировка снята, удалено записей о неудачных попытках: %(n)d.") % {"n": removed},
            messages.SUCCESS,
        )
