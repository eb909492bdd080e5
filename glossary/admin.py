from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from glossary.linking import render_linked_markdown
from glossary.models import Article, Term


def _preview(html):
    # The preview is exactly what visitors get: sanitised Markdown with glossary links.
    return format_html('<div class="prose glossary-admin-preview">{}</div>', html)


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
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
    search_fields = ["name", "abbreviation", "synonyms", "summary", "definition"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["related_terms", "example_products"]
    autocomplete_fields = ["article"]
    readonly_fields = ["definition_preview", "created_at", "updated_at"]
    list_select_related = ["product_class"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "abbreviation", "synonyms", "summary", "is_published"]}),
        (_("Определение"), {"fields": ["definition", "definition_preview"]}),
        (
            _("Связи"),
            {"fields": ["related_terms", "article", "product_class", "example_products"]},
        ),
        (_("Служебное"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("Как увидит посетитель (сохранённый текст)"))
    def definition_preview(self, obj):
        if not obj.pk:
            return _("Предпросмотр появится после сохранения.")
        return _preview(render_linked_markdown(obj.definition, exclude_slug=obj.slug))


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "published_at", "author_name", "updated_at"]
    list_filter = ["status", "published_at", "tags"]
    search_fields = ["title", "lead", "body", "author_name"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["related_terms"]
    date_hierarchy = "published_at"
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

    @admin.display(description=_("Как увидит посетитель (сохранённый текст)"))
    def body_preview(self, obj):
        if not obj.pk:
            return _("Предпросмотр появится после сохранения.")
        return _preview(render_linked_markdown(obj.body))

    @admin.action(description=_("Опубликовать выбранные материалы"))
    def publish(self, request, queryset):
        now = timezone.now()
        # Keep a date set in advance (scheduled publication); date the rest now.
        updated = queryset.exclude(published_at__isnull=True).update(
            status=Article.Status.PUBLISHED
        )
        updated += queryset.filter(published_at__isnull=True).update(
            status=Article.Status.PUBLISHED, published_at=now
        )
        self.message_user(
            request,
            ngettext("Опубликован %d материал.", "Опубликовано материалов: %d.", updated) % updated,
            messages.SUCCESS,
        )

    @admin.action(description=_("Снять с публикации (в черновики)"))
    def unpublish(self, request, queryset):
        updated = queryset.update(status=Article.Status.DRAFT)
        self.message_user(
            request,
            ngettext("%d материал снят с публикации.", "Снято с публикации: %d.", updated)
            % updated,
            messages.SUCCESS,
        )
