from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalog.facts import price_text
from catalog.models import (
    Capability,
    FactSource,
    Product,
    ProductCapability,
    ProductClass,
    Vendor,
)
from catalog.resources import ProductResource, VendorResource
from portal import history
from portal.admin_history import HistoryAdminMixin
from portal.admin_import import ImportExportAdminMixin

# Editors paste bare domains; make them https:// rather than Django 5's http:// default.
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Vendor)
class VendorAdmin(ImportExportAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    resource_classes = [VendorResource]
    list_display = ["name", "country", "founded_year", "website", "product_count"]
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
class ProductClassAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "order"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["order", "name"]


@admin.register(Capability)
class CapabilityAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "group", "is_crm_criterion", "order"]
    list_editable = ["order"]
    list_filter = ["group", "is_crm_criterion"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["group", "order", "name"]


class ProductCapabilityInline(admin.TabularInline):
    model = ProductCapability
    extra = 1
    fields = ["capability", "status", "note"]
    # A select keeps the ~30 capabilities one click away; they are few and stable.
    ordering = ["capability__group", "capability__order", "capability__name"]


class FactSourceInline(admin.TabularInline):
    model = FactSource
    extra = 0
    fields = ["fact", "url", "checked_on", "note"]
    verbose_name_plural = _("Источники фактов (без источника факт показан как «не проверено»)")
    formfield_overrides = URL_FIELD_OVERRIDES


@admin.register(Product)
class ProductAdmin(ImportExportAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    resource_classes = [ProductResource]
    list_display = [
        "name",
        "vendor",
        "product_class",
        "deployment",
        "price",
        "russia_availability",
        "registry_status",
        "is_published",
        "verified",
    ]
    list_filter = [
        "is_published",
        "product_class",
        "deployment",
        "russia_availability",
        "registry_status",
        "data_location",
        "pricing_model",
        "has_free_plan",
        ("vendor", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["vendor", "product_class", "data_verified_by"]
    search_fields = ["name", "slug", "summary", "vendor__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["vendor", "successor"]
    date_hierarchy = "updated_at"
    formfield_overrides = URL_FIELD_OVERRIDES
    inlines = [FactSourceInline, ProductCapabilityInline]
    readonly_fields = ["price_from", "verified", "created_at", "updated_at"]
    actions = ["mark_verified"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "vendor", "product_class", "summary", "description"]}),
        (
            _("Цена"),
            {
                "fields": [
                    ("pricing_model", "price_amount", "price_currency"),
                    "price_plan",
                    "pricing_url",
                    "price_from",
                    ("has_free_plan", "free_plan_limits"),
                    ("has_trial", "trial_days"),
                ]
            },
        ),
        (
            _("Для покупателя в России"),
            {
                "fields": [
                    ("russia_availability", "russia_availability_changed_on"),
                    "russia_note",
                    ("registry_status", "registry_entry"),
                    "data_location",
                ]
            },
        ),
        (
            _("Развёртывание и связи"),
            {"fields": ["deployment", "erp_platform", "website", "tags", "successor"]},
        ),
        (_("Публикация"), {"fields": ["is_published", "verified", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("цена"), ordering="price_amount")
    def price(self, product):
        return price_text(product)

    @admin.display(description=_("данные проверены"), ordering="data_verified_on")
    def verified(self, product):
        if not (product.data_verified_on and product.data_verified_by):
            return _("нет")
        return _("%(date)s, %(user)s") % {
            "date": date_format(product.data_verified_on, "j E Y"),
            "user": product.data_verified_by.get_username(),
        }

    @admin.action(description=_("Отметить: данные карточки проверены мной сегодня"))
    def mark_verified(self, request, queryset):
        # The only way to set the stamp: it records who checked the whole card, and when.
        products = list(queryset)
        for product in products:
            product.data_verified_on = timezone.localdate()
            product.data_verified_by = request.user
        count = history.bulk_update(
            products,
            ["data_verified_on", "data_verified_by"],
            user=request.user,
            reason="Действие «Данные проверены»",
        )
        self.message_user(
            request,
            ngettext(
                "Отмечена проверка %(n)d карточки.", "Отмечена проверка карточек: %(n)d.", count
            )
            % {"n": count},
            messages.SUCCESS,
        )
