"""History in the admin: each object's history page with old → new values and «Вернуть
эту версию» (docs/editors.md). «Журнал изменений», every content change on one page, is
portal/admin_journal.py.

The rows come from core/history.py and their changes from core/history_entries.py;
this module only lists them.
"""

from django.contrib.admin.utils import unquote
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic

from core import history, history_entries

# Inline rows (a product's capabilities, a poll's choices) shown on their parent's page.
CHILD_ROWS_SHOWN = 100


class HistoryAdminMixin(SimpleHistoryAdmin):
    """Put first in a ModelAdmin's bases: its «История» page lists every version with the
    changed fields, old → new (and the changes of its inline rows), and any version can be
    opened and saved again («Вернуть эту версию»)."""

    history_list_per_page = 50
    # Rows edited inside the parent's form without an inline (the product's capability
    # matrix): their changes are listed on the parent's page like the inlines' rows.
    history_child_models = ()

    def history_view_title(self, request, obj):
        return f"История изменений: {obj}"

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return f"Версия: {obj}"
        return f"Вернуть версию: {obj}"

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        for entry in history_entries.describe(historical_records):
            entry.record.history_delta_changes = entry.changes
            entry.record.history_action = entry.action

    def history_view(self, request, object_id, extra_context=None):
        context = {"child_entries": self._child_entries(unquote(object_id))}
        context.update(extra_context or {})
        return super().history_view(request, object_id, extra_context=context)

    def _child_entries(self, object_id):
        records = []
        children = [inline.model for inline in self.inlines] + list(self.history_child_models)
        for child in children:
            if not hasattr(child._meta, "simple_history_manager_attribute"):
                continue
            parent = next(
                f
                for f in child._meta.concrete_fields
                if f.many_to_one and f.related_model is self.model
            )
            rows = history.history_model(child).objects.filter(**{parent.attname: object_id})
            rows = rows.select_related("history_user").order_by("-history_date", "-history_id")
            records += list(rows[:CHILD_ROWS_SHOWN])
        records.sort(key=lambda r: (r.history_date, r.history_id), reverse=True)
        return history_entries.describe(records[:CHILD_ROWS_SHOWN])

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        record = to_historic(obj) if obj is not None else None
        if record is None or not record._history_m2m_fields:
            return form
        # Reverting restores the many-to-many values of that version too (the form would
        # otherwise read the current ones from the database).
        initial = {
            m2m_field.name: list(
                getattr(record, m2m_field.name).values_list(
                    f"{m2m_field.m2m_reverse_field_name()}_id", flat=True
                )
            )
            for m2m_field in record._history_m2m_fields
            if m2m_field.name in form.base_fields
        }

        class VersionForm(form):
            def __init__(self, *args, **kwargs):
                kwargs["initial"] = {**initial, **(kwargs.get("initial") or {})}
                super().__init__(*args, **kwargs)

        return VersionForm
