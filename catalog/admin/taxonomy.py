"""The admin of vendors, product classes and capabilities."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from catalog.admin.forms import URL_FIELD_OVERRIDES
from catalog.admin.resources import VendorResource
from catalog.models import Capability, ProductClass, Vendor
from core.admin_history import HistoryAdminMixin
from core.admin_import import ImportExportAdminMixin


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
