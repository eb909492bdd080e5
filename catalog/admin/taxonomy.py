"""The admin of vendors, product classes and capabilities."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from catalog import services
from catalog.admin.forms import URL_FIELD_OVERRIDES
from catalog.admin.resources import VendorResource
from catalog.models import Capability, ExchangeRate, ProductClass, Vendor
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:  # every product gets the new capability's cell, as "нет данных"
            services.fill_unknown_cells(capabilities=[obj])


@admin.register(ExchangeRate)
class ExchangeRateAdmin(HistoryAdminMixin, admin.ModelAdmin):
    """The Bank of Russia's rates the wizard compares foreign prices with a rouble budget
    by: one row per currency and date, with the page it was read from."""

    list_display = ["currency", "rub_per_unit", "on_date", "source_url"]
    list_filter = ["currency"]
    ordering = ["currency", "-on_date"]
    formfield_overrides = URL_FIELD_OVERRIDES
