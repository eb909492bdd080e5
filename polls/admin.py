import csv

from django.contrib import admin
from django.db.models import BooleanField, Case, Count, Prefetch, Q, Value, When
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_actions import save_changed
from core.admin_history import HistoryAdminMixin
from polls.forms import PollAdminForm
from polls.models import Choice, Poll, Vote
from polls.selectors import build_results, get_current_poll

CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 1
    fields = ("order", "text", "link_url", "link_label", "allows_comment")


class PollStatusFilter(admin.SimpleListFilter):
    title = _("состояние")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("open", _("идёт")), ("scheduled", _("ещё не начался")), ("closed", _("закрыт"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "open":
            return queryset.open(now)
        if self.value() == "scheduled":
            return queryset.filter(opens_at__gt=now)
        if self.value() == "closed":
            return queryset.filter(closes_at__lte=now)  # hidden ones too, unlike .closed()
        return queryset


@admin.register(Poll)
class PollAdmin(HistoryAdminMixin, admin.ModelAdmin):
    """Polls. Deleting one with votes is refused (Vote.poll is PROTECT): it is closed
    instead, and templates/admin/polls/poll/ say so on the delete pages."""

    form = PollAdminForm
    inlines = [ChoiceInline]
    list_display = (
        "short_question",
        "on_home_page",
        "slug",
        "is_published",
        "opens_at",
        "closes_at",
        "results_policy",
        "vote_total",
        "results",
    )
    list_filter = (PollStatusFilter, "is_published", "results_policy", "opens_at")
    search_fields = ("question", "slug", "description", "choices__text")
    date_hierarchy = "opens_at"
    actions = ["close_polls", "export_votes_csv"]

    def get_queryset(self, request):
        # Totals and per-choice counts for the whole page: two queries, not one per row.
        choices = Choice.objects.annotate(vote_count=Count("votes"))
        current = get_current_poll()  # cached: the list costs no extra query
        current_pk = current[0].pk if current else None
        return (
            super()
            .get_queryset(request)
            .annotate(
                vote_total=Count("votes"),
                is_current=Case(
                    When(pk=current_pk, then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                ),
            )
            .prefetch_related(Prefetch("choices", queryset=choices))
        )

    @admin.display(description=_("вопрос"), ordering="question")
    def short_question(self, poll):
        text = poll.display_question
        return text if len(text) <= 80 else text[:79] + "…"

    @admin.display(description=_("на главной"), boolean=True, ordering="is_current")
    def on_home_page(self, poll):
        # The poll the home page and every page's aside show (polls.selectors).
        return poll.is_current

    @admin.display(description=_("голосов"), ordering="vote_total")
    def vote_total(self, poll):
        return poll.vote_total

    @admin.display(description=_("результаты"))
    def results(self, poll):
        choices = list(poll.choices.all())
        counts = {choice.pk: choice.vote_count for choice in choices}
        _total, results = build_results(choices, counts)
        return "; ".join(f"{r.choice.text}: {r.count} ({r.percent} %)" for r in results) or "—"

    @admin.action(description=_("Закрыть опрос"), permissions=["change"])
    def close_polls(self, request, queryset):
        now = timezone.now()
        polls = list(queryset.filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now)))
        for poll in polls:
            poll.closes_at = now
            # A poll that has not opened yet closes unopened: opens_at moves back to now too.
            poll.opens_at = min(poll.opens_at, now)
        save_changed(
            self,
            request,
            [(poll, ["closes_at", "opens_at"]) for poll in polls],
            reason="Действие «Закрыть опрос»",
            message=lambda n: (
                ngettext("Закрыт %(n)d опрос.", "Закрыто опросов: %(n)d.", n) % {"n": n}
            ),
        )

    def has_export_permission(self, request):
        # The export holds the votes' comments: it needs the right to see votes, not polls.
        return request.user.has_perm("polls.view_vote")

    @admin.action(description=_("Выгрузить голоса в CSV"), permissions=["export"])
    def export_votes_csv(self, request, queryset):
        return votes_csv_response(Vote.objects.filter(poll__in=queryset))


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    """Votes are evidence: viewable and exportable, never added or edited by hand, deleted
    by superusers only."""

    list_display = ("created_at", "poll", "choice", "comment")
    list_filter = ("poll", "created_at")
    list_select_related = ("poll", "choice")
    search_fields = ("comment", "choice__text")
    date_hierarchy = "created_at"
    fields = ("poll", "choice", "comment", "created_at")  # never the voter hash
    readonly_fields = fields
    actions = ["export_csv"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting votes changes a poll's results: a superuser's decision alone, whatever a
        # group was given by hand. Without it the delete action disappears too.
        return request.user.is_superuser

    @admin.action(description=_("Выгрузить выбранные голоса в CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return votes_csv_response(queryset)


def _cell(value):
    # Spreadsheets run cells starting with these as formulas; a visitor's comment must not.
    text = str(value)
    return "'" + text if text.startswith(CSV_FORMULA_PREFIXES) else text


def votes_csv_response(votes):
    """Choice, comment, date per vote; no voter keys or hashes leave the database."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="poll-votes-{stamp}.csv"'
    response.write("\ufeff")  # BOM: Excel then reads the Cyrillic as UTF-8
    writer = csv.writer(response)
    writer.writerow([_("Опрос"), _("Вариант"), _("Комментарий"), _("Дата")])
    rows = votes.select_related("poll", "choice").order_by("poll_id", "created_at", "pk")
    for vote in rows.iterator(chunk_size=2000):
        writer.writerow(
            [
                _cell(vote.poll.slug),
                _cell(vote.choice.text),
                _cell(vote.comment),
                timezone.localtime(vote.created_at).strftime("%Y-%m-%d %H:%M:%S"),
            ]
        )
    return response
