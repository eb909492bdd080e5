"""The admin of products: the capability matrix, the class check, publishing and the
«данные проверены» stamp."""

import threading
from contextlib import contextmanager

from django.contrib import admin, messages
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.managers import TaggableManager

from catalog import services
from catalog.admin.forms import URL_FIELD_OVERRIDES, ProductAdminForm
from catalog.admin.resources import ProductResource
from catalog.classification import explain_product
from catalog.facts import price_text
from catalog.models import (
    Capability,
    FactSource,
    PricePlan,
    Product,
    ProductCapability,
)
from core.admin_actions import PublishActionsMixin, save_changed
from core.admin_filters import NameContainsFilter
from core.admin_history import HistoryAdminMixin
from core.admin_import import ImportExportAdminMixin
from core.admin_widgets import TagSuggestWidget

# The CRM criteria, read once per admin request for every row's class check. A ModelAdmin
# is shared by all threads, so the list lives in a thread-local, not on the admin.
_request_local = threading.local()


@contextmanager
def _criteria_for_this_request():
    _request_local.criteria = None
    try:
        yield
    finally:
        _request_local.criteria = None


def _crm_criteria():
    if getattr(_request_local, "criteria", None) is None:
        _request_local.criteria = list(Capability.objects.crm_criteria())
    return _request_local.criteria


def _class_check(product, fresh=False):
    """The card's class explanation (catalog/classification.py) for the admin."""
    rows = product.product_capabilities.all()
    if fresh:  # just saved: the prefetched rows are the old ones
        rows = product.product_capabilities.select_related("capability")
    return explain_product(product.product_class, rows, _crm_criteria())


class VendorNameFilter(NameContainsFilter):
    title = _("разработчику")
    parameter_name = "vendor_name"
    lookup = "vendor__name"


class FactSourceInline(admin.TabularInline):
    model = FactSource
    extra = 0
    fields = ["fact", "url", "checked_on", "page_date", "note"]
    verbose_name_plural = _("Источники фактов (без источника факт показан как «не проверено»)")
    formfield_overrides = URL_FIELD_OVERRIDES


class PricePlanInline(admin.TabularInline):
    """Every plan as the price list states it: quick to fill from the vendor's pricing page."""

    model = PricePlan
    extra = 0
    fields = [
        "name",
        "amount",
        "currency",
        "per",
        "period",
        "billing",
        "min_users",
        "max_users",
        "note",
        "source_url",
        "checked_on",
        "page_date",
    ]
    verbose_name_plural = _("Тарифы (как в прайсе разработчика, с источником)")
    formfield_overrides = URL_FIELD_OVERRIDES


@admin.register(Product)
class ProductAdmin(
    ImportExportAdminMixin, HistoryAdminMixin, PublishActionsMixin, admin.ModelAdmin
):
    resource_classes = [ProductResource]
    form = ProductAdminForm
    # Few, short columns: the list fits 1,280 px beside its filters.
    list_display = [
        "name",
        "vendor",
        "product_class",
        "class_check_column",
        "price",
        "russia_availability",
        "is_published",
    ]
    list_filter = [
        "is_published",
        "product_class",
        VendorNameFilter,
        "deployment",
        "russia_availability",
        "lifecycle",
        "registry_status",
        "data_location",
        "pricing_model",
        "has_free_plan",
    ]
    list_select_related = ["vendor", "product_class", "data_verified_by"]
    search_fields = ["name", "slug", "other_spellings", "summary", "vendor__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["vendor", "successor", "edition_of"]
    date_hierarchy = "updated_at"
    formfield_overrides = {
        **URL_FIELD_OVERRIDES,
        TaggableManager: {"widget": TagSuggestWidget(model=Product)},
    }
    inlines = [PricePlanInline, FactSourceInline]
    history_child_models = [ProductCapability]  # edited in the capability matrix
    readonly_fields = ["price_from", "verified", "class_check", "created_at", "updated_at"]
    actions = ["publish", "unpublish", "mark_verified"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "other_spellings",
                    "vendor",
                    "product_class",
                    "class_check",
                    "summary",
                    "description",
                ]
            },
        ),
        (
            _("Цена"),
            {
                "fields": [
                    ("pricing_model", "price_amount", "price_currency"),
                    "price_plan",
                    "pricing_url",
                    "price_from",
                    ("has_free_plan", "free_plan_max_users"),
                    "free_plan_limits",
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
            _("Развитие продукта и редакции"),
            {
                "fields": [
                    ("lifecycle", "lifecycle_changed_on"),
                    "successor",
                    ("edition_of", "edition_label"),
                ]
            },
        ),
        (
            _("Развёртывание и связи"),
            {"fields": ["deployment", "erp_platform", "website", "tags"]},
        ),
        (_("Публикация"), {"fields": ["is_published", "verified", "created_at", "updated_at"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_search_results(self, request, queryset, search_term):
        """Where visitors will see the choice (a term's example products), the autocomplete
        offers published products only."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("model_name") == "term" and request.GET.get("app_label") == "glossary":
            queryset = queryset.filter(is_published=True)
        return queryset, may_have_duplicates

    def get_queryset(self, request):
        rows = ProductCapability.objects.select_related("capability")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("product_capabilities", queryset=rows))
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.set_capabilities(product=form.instance, wanted=form.capability_marks())
        # The editor learns of a doubtful class now, not from a visitor's page.
        explanation = _class_check(form.instance, fresh=True)
        if explanation.is_warning:
            self.message_user(
                request,
                _("Проверьте класс: %(text)s") % {"text": explanation.text},
                messages.WARNING,
            )

    @admin.display(description=_("проверка класса"))
    def class_check(self, product):
        if not product.pk:
            return _("Появится после сохранения: класс сверяется с отмеченными возможностями.")
        explanation = _class_check(product)
        return explanation.text or _("Класс не проверяется по критериям CRM.")

    @admin.display(description=_("класс"))
    def class_check_column(self, product):
        explanation = _class_check(product)
        if explanation.is_warning:
            label = _("⚠ проверить")
        elif explanation.is_confirmed:
            label = _("✓ совпадает")
        else:
            label = "—"
        return format_html('<span title="{}">{}</span>', explanation.text, label)

    def changelist_view(self, request, extra_context=None):
        with _criteria_for_this_request():
            return super().changelist_view(request, extra_context)

    def changeform_view(self, request, *args, **kwargs):
        with _criteria_for_this_request():
            return super().changeform_view(request, *args, **kwargs)

    def published_message(self, n):
        return ngettext("Опубликован %(n)d продукт.", "Опубликовано продуктов: %(n)d.", n) % {
            "n": n
        }

    def unpublished_message(self, n):
        return ngettext("%(n)d продукт снят с публикации.", "Снято с публикации: %(n)d.", n) % {
            "n": n
        }

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
        save_changed(
            self,
            request,
            [(product, ["data_verified_on", "data_verified_by"]) for product in products],
            reason="Действие «Данные проверены»",
            message=lambda n: (
                ngettext(
                    "Отмечена проверка %(n)d карточки.", "Отмечена проверка карточек: %(n)d.", n
                )
                % {"n": n}
            ),
        )
