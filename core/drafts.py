"""Drafts: visitors get a 404, editors see the page with a banner (and no indexing).

Every previewable model has a `published()` QuerySet method, an `is_published` attribute and
a `draft_note` saying why visitors cannot see it.
"""


def can_preview(user):
    return user.is_active and user.is_staff


class DraftPreviewMixin:
    """For DetailViews of previewable models."""

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if can_preview(self.request.user) else queryset.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["draft_note"] = self.object.draft_note
        return context
