"""The import preview in the portal's words (admin/portal/import.html, core/admin_import.py)."""

from django import template
from import_export.results import RowResult

register = template.Library()

OUTCOMES = {
    RowResult.IMPORT_TYPE_NEW: "будет создан",
    RowResult.IMPORT_TYPE_UPDATE: "будет обновлён",
    RowResult.IMPORT_TYPE_SKIP: "без изменений",
}


@register.filter
def import_outcome(import_type):
    """{{ row.import_type|import_outcome }} -> "будет создан"; "" for any other type."""
    return OUTCOMES.get(import_type, "")
