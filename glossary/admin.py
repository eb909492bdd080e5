from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.managers import TaggableManager

from core.admin_actions import PublishActionsMixin
from core.admin_history import HistoryAdminMixin
from core.admin_widgets import TagSuggestWidget
from glossary.linking import render_linked_markdown
from glossary.models import Article, Term

PREVIEW_MAX_LENGTH = 100_000


class MarkdownPreviewMixin:
    """A read-only preview of the saved Markdown, refreshed live by a small static script.

    The preview is exactly what visitors get: sanitised Markdown with glossary links. Without
    JavaScript it shows the saved text; with it, static/js/glossary-admin.js posts the textarea
    to the preview URL as the editor types.
    """

    preview_source = ""  # the Markdown field

    class Media:
        js = ["js/glossary-admin.js"]
        css = {"all": ["css/prose.css", "css/admin.css"]}

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_preview"
        urls = [path("preview/", self.admin_site.admin_view(self.preview_view), name=name)]
        return urls + super().get_urls()

    def preview_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        text = request.POST.get("text", "")[:PREVIEW_MAX_LENGTH]
        html = render_linked_markdown(text, exclude_slug=request.POST.get("slug") or None)
        return HttpResponse(html, content_type="text/html; charset=utf-8")

    def render_preview(self, obj):
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_preview")
        if obj is not None and obj.pk:
            exclude = obj.slug if isinstance(obj, Term) else None
            html = render_linked_markdown(getattr(obj, self.preview_source), exclude_slug=exclude)
        else:
            html = _("Предпросмотр появится после сохранения.")
        return format_html(
            '<div class="glossary-admin-preview prose" data-preview-url="{}"'
            ' data-preview-source="id_{}" data-preview-self="{}" aria-live="polite">{}</div>',
            url,
            self.preview_source,
            "id_slug" if self.model is Term else "",
            html,
        )


@admin.register(Term)
class TermAdmin(HistoryAdminMixin, MarkdownPreviewMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "abbreviation",
        "summary",
        "product_class",
        "is_published",
        "updated_at",
    ]
    list_display_links = ["name"]
    list_editable = ["is_published"]
    list_filter = ["is_published", "product_class"]
    search_fields = ["name", "abbreviation", "synonyms", "other_spellings", "summary", "definition"]
    prepopulated_fields = {"slug": ["name"]}
    # Searchable pickers: the catalog has thousands of products (the example products offer
    # published ones only: ProductAdmin.get_search_results).
    autocomplete_fields = ["article", "related_terms", "example_products"]
    preview_source = "definition"
    readonly_fields = ["definition_preview", "created_at", "updated_at"]
    list_select_related = ["product_class"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "abbreviation",
                    "synonyms",
                    "other_spellings",
                    "summary",
                    "on_home",
                    "is_published",
                ]
            },
        ),
        (_("Определение"), {"fields": ["definition", "definition_preview"]}),
        (
            _("Связи"),
            {"fields": ["related_terms", "article", "product_class", "example_products"]},
        ),
        (_("Служебное"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("Как увидит посетитель"))
    def definition_preview(self, obj):
        return self.render_preview(obj)


@admin.register(Article)
class ArticleAdmin(HistoryAdminMixin, PublishActionsMixin, MarkdownPreviewMixin, admin.ModelAdmin):
    list_display = ["title", "status", "published_at", "author_name", "updated_at"]
    list_filter = ["status", "published_at", "tags"]
    search_fields = ["title", "lead", "body", "author_name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related_terms"]
    formfield_overrides = {TaggableManager: {"widget": TagSuggestWidget(model=Article)}}
    date_hierarchy = "published_at"
    preview_source = "body"
    readonly_fields = ["body_preview", "created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "published_at", "author_name", "tags"]}),
        (_("Текст"), {"fields": ["lead", "cover", "body", "body_preview"]}),
        (_("Термины"), {"fields": ["related_terms"]}),
        (_("Служебное"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description=_("Как увидит посетитель"))
    def body_preview(self, obj):
        return self.render_preview(obj)

    def published_message(self, n):
        return ngettext("Опубликован %d материал.", "Опубликовано материалов: %d.", n) % n

    def unpublished_message(self, n):
        return ngettext("%d материал снят с публикации.", "Снято с публикации: %d.", n) % n
