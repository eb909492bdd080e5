"""Admin actions over many rows: one statement and a history record per row
(core/history.bulk_update), then a message with how many rows changed."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core import history


def save_changed(modeladmin, request, changes, *, reason, message):
    """changes: [(object, [changed field names])]; rows with no change are left alone.
    message(n) -> the text telling the editor that n rows were saved."""
    changed = [(obj, fields) for obj, fields in changes if fields]
    fields = sorted({name for _obj, names in changed for name in names})
    count = history.bulk_update(
        [obj for obj, _names in changed], fields, user=request.user, reason=reason
    )
    modeladmin.message_user(request, message(count), messages.SUCCESS)
    return count


class PublishActionsMixin:
    """«Опубликовать» and «Снять с публикации» for a model with set_published() (core/
    publishing.py). The ModelAdmin words the messages: published_message(n),
    unpublished_message(n)."""

    @admin.action(
        description=_("Опубликовать выбранные %(verbose_name_plural)s"), permissions=["change"]
    )
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(description=_("Снять с публикации (в черновики)"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)

    def _set_published(self, request, queryset, published):
        save_changed(
            self,
            request,
            [(obj, obj.set_published(published)) for obj in queryset],
            reason="Действие «Опубликовать»" if published else "Действие «Снять с публикации»",
            message=self.published_message if published else self.unpublished_message,
        )
