"""«Журнал изменений»: every content change of every app on one admin page (docs/editors.md).

The rows are the apps' history tables (core/history.py); core/history_entries.py says what
changed in each.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import CharField, Value
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.text import capfirst

from core import history, history_entries
from portal.models import ChangeLog

JOURNAL_PAGE_SIZE = 50


@admin.register(ChangeLog)
class ChangeLogAdmin(admin.ModelAdmin):
    """«Журнал изменений»: the newest changes of every content model the editor may view,
    filterable by editor and by model, each linking to the object's history."""

    def has_view_permission(self, request, obj=None):
        return bool(_viewable_models(request.user))

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_changelist"
        return [path("", self.admin_site.admin_view(self.changelist_view), name=name)]

    def changelist_view(self, request, extra_context=None):
        models = _viewable_models(request.user)
        if not models:
            raise PermissionDenied
        by_label = {m._meta.label_lower: m for m in models}
        chosen_model = by_label.get(request.GET.get("model", ""))
        editors = get_user_model().objects.filter(is_staff=True).order_by("username")
        editor = _chosen_editor(request.GET.get("editor", ""), editors)
        rows = _journal_rows([chosen_model] if chosen_model else models, editor)
        page = Paginator(rows, JOURNAL_PAGE_SIZE).get_page(request.GET.get("p"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Журнал изменений",
            "opts": self.model._meta,
            "entries": _page_entries(page.object_list, by_label),
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "models": sorted(
                (m._meta.label_lower, capfirst(m._meta.verbose_name_plural)) for m in models
            ),
            "chosen_model": chosen_model._meta.label_lower if chosen_model else "",
            "editors": editors,
            "chosen_editor": editor,
            "without_editor": editor == "none",
            "query": _query_without_page(request),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/portal/changelog.html", context)


def _viewable_models(user):
    """Tracked models whose rows (and so whose history) the user may see."""
    if not (user.is_active and user.is_staff):
        return []
    return [
        model
        for model in history.tracked_models()
        if any(
            user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
            for action in ("view", "change")
        )
    ]


def _chosen_editor(value, editors):
    """ "" (everyone), "none" (changes made outside the admin: scripts, the shell) or a user."""
    if value == "none":
        return "none"
    if value.isdigit():
        return editors.filter(pk=int(value)).first() or ""
    return ""


def _journal_rows(models, editor):
    """One UNION ALL over the history tables, newest first: (date, id, model) per row, so
    a page costs one query however many tables there are; the rows are loaded after."""
    parts = []
    for model in models:
        # Baselines are versions of the objects, not changes: the object's page shows them.
        rows = history.history_model(model).objects.exclude(
            history_change_reason=history.BASELINE_REASON
        )
        if editor == "none":
            rows = rows.filter(history_user__isnull=True)
        elif editor:
            rows = rows.filter(history_user=editor)
        parts.append(
            rows.annotate(
                model_label=Value(model._meta.label_lower, output_field=CharField())
            ).values_list("history_date", "history_id", "model_label")
        )
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return union.order_by("-history_date", "-history_id")


def _page_entries(keys, by_label):
    """The page's historical rows, loaded per model in one query each, in journal order."""
    wanted = {}
    for _date, history_id, label in keys:
        wanted.setdefault(label, []).append(history_id)
    loaded = {}
    for label, ids in wanted.items():
        record_model = history.history_model(by_label[label])
        related = [
            f.name
            for f in record_model._meta.concrete_fields
            if f.is_relation and f.name != "history_relation"
        ]
        for record in record_model.objects.select_related(*related).filter(history_id__in=ids):
            loaded[(label, record.history_id)] = record
    records = [loaded[(label, history_id)] for _date, history_id, label in keys]
    return history_entries.describe(records)


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("p", None)
    return query.urlencode()
