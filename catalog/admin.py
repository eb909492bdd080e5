from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from catalog.models import Capability, Product, ProductCapability, ProductClass, Vendor

# Editors paste bare domains; make them https:// rather than Django 5's http:// default.
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Vendor)
class VendorAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "website", "product_count"]
    list_filter = ["country"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["name"]
    formfield_overrides = URL_FIELD_OVERRIDES

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(product_count=Count("products"))

    @admin.display(description=_("продуктов"), ordering="product_count")
    def product_count(self, obj):
        return obj.product_count


@admin.register(ProductClass)
class ProductClassAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["order", "name"]


@admin.register(Capability)
class CapabilityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "group", "is_crm_criterion", "order"]
    list_editable = ["order"]
    list_filter = ["group", "is_crm_criterion"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["group", "order", "name"]


class ProductCapabilityInline(admin.TabularInline):
    model = ProductCapability
    extra = 1
    fields = ["capability", "note"]
    # A select keeps the ~30 capabilities one click away; they are few and stable.
    ordering = ["capability__group", "capability__order", "capability__name"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "vendor",
        "product_class",
        "deployment",
        "price_from",
        "has_free_plan",
        "is_published",
        "data_verified_on",
    ]
    list_filter = [
        "is_published",
        "product_class",
        "deployment",
        "has_free_plan",
        "has_trial",
        ("vendor", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["vendor", "product_class"]
    search_fields = ["name", "slug", "summary", "vendor__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["vendor", "successor"]
    date_hierarchy = "updated_at"
    formfield_overrides = URL_FIELD_OVERRIDES
    inlines = [ProductCapabilityInline]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "vendor", "product_class", "summary", "description"]}),
        (
            _("Цена и развёртывание"),
            {"fields": ["deployment", "price_from", "has_free_plan", "has_trial"]},
        ),
        (_("Связи"), {"fields": ["erp_platform", "website", "tags", "successor"]}),
        (
            _("Публикация"),
            {"fields": ["is_published", "data_verified_on", "created_at", "updated_at"]},
        ),
    ]
