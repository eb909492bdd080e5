"""Test helpers for the catalog: products with deterministic facts and the CRM criteria."""

from catalog.factories import CapabilityFactory, ProductFactory
from catalog.models import (
    Capability,
    Currency,
    DataLocation,
    Deployment,
    PricingModel,
    RegistryStatus,
    RussiaAvailability,
)


def crm_criteria():
    """The four CRM criteria the source text names as missing from SFA systems."""
    return [
        CapabilityFactory(slug=slug, name=name, group=group, is_crm_criterion=True, order=i)
        for i, (slug, name, group) in enumerate(
            [
                ("complaint-handling", "Работа с жалобами", Capability.Group.SERVICE),
                ("service-management", "Управление сервисом", Capability.Group.SERVICE),
                (
                    "product-line-management",
                    "Управление продуктовой линейкой",
                    Capability.Group.SALES,
                ),
                ("process-management", "Процессный подход (BPM)", Capability.Group.PROCESS),
            ]
        )
    ]


def product(capabilities=(), tags=(), price_from=1000, absent=(), **kwargs):
    """A product with a deterministic price and deployment unless given.

    price_from is the ₽-per-user-per-month figure the test wants (None: no known price); it
    becomes the price the catalog derives that figure from.
    """
    if price_from is None:
        kwargs.setdefault("pricing_model", "")
        kwargs.setdefault("price_amount", None)
        kwargs.setdefault("price_currency", "")
    else:
        kwargs.setdefault("pricing_model", PricingModel.PER_USER_MONTH)
        kwargs.setdefault("price_amount", price_from)
        kwargs.setdefault("price_currency", Currency.RUB)
    kwargs.setdefault("deployment", Deployment.CLOUD)
    kwargs.setdefault("has_free_plan", False)
    kwargs.setdefault("has_trial", False)
    kwargs.setdefault("russia_availability", RussiaAvailability.UNKNOWN)
    kwargs.setdefault("registry_status", RegistryStatus.UNKNOWN)
    kwargs.setdefault("data_location", DataLocation.UNKNOWN)
    return ProductFactory(
        capabilities=list(capabilities), absent=list(absent), tags=list(tags), **kwargs
    )


def product_form(item, **overrides):
    """The admin change form's POST data for `item` as it is (its capability matrix and
    fact sources untouched), with `overrides` on top."""

    def text(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    data = {
        name: text(getattr(item, name))
        for name in [
            "name",
            "slug",
            "other_spellings",
            "summary",
            "description",
            "deployment",
            "pricing_model",
            "price_amount",
            "price_currency",
            "price_plan",
            "pricing_url",
            "free_plan_limits",
            "free_plan_max_users",
            "trial_days",
            "russia_availability",
            "russia_availability_changed_on",
            "russia_note",
            "registry_status",
            "registry_entry",
            "data_location",
            "erp_platform",
            "website",
            "lifecycle",
            "lifecycle_changed_on",
            "edition_label",
        ]
    }
    data.update(
        vendor=item.vendor_id,
        product_class=item.product_class_id,
        successor=item.successor_id or "",
        edition_of=item.edition_of_id or "",
        has_free_plan="unknown" if item.has_free_plan is None else text(item.has_free_plan),
        has_trial="unknown" if item.has_trial is None else text(item.has_trial),
        tags=", ".join(item.tags.names()) if item.pk else "",
    )
    if item.is_published:
        data["is_published"] = "on"
    for inline in ("fact_sources", "price_plans"):
        data[f"{inline}-TOTAL_FORMS"] = "0"
        data[f"{inline}-INITIAL_FORMS"] = "0"
    if item.pk:  # catalog/admin/forms.py: the matrix posts every capability's cell
        for row in item.product_capabilities.all():
            cell = f"capability_{row.capability_id}"
            data[cell] = row.status
            data[f"{cell}_note"] = row.note
            data[f"{cell}_basis"] = row.basis
            data[f"{cell}_source_url"] = row.source_url
            data[f"{cell}_checked_on"] = text(row.checked_on)
    data.update(overrides)
    return data


IMPORT_FORMATS = {"csv": "0", "xlsx": "1"}  # the order of the admin's format list


def upload(client, content, name="products.csv", model="product"):
    """The admin's import preview (a dry run) of `content` (bytes) as the file `name`."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    extension = name.rsplit(".", 1)[-1]
    return client.post(
        reverse(f"admin:catalog_{model}_import"),
        {
            "resource": "0",
            "format": IMPORT_FORMATS.get(extension, "0"),
            "import_file": SimpleUploadedFile(name, content),
        },
    )


def confirm(client, preview, model="product"):
    """Press «Подтвердить импорт» on a preview page."""
    from django.urls import reverse

    form = preview.context["confirm_form"]
    assert form is not None, "the preview offers no confirmation"
    return client.post(reverse(f"admin:catalog_{model}_process_import"), form.initial)


def import_file(client, content, name="products.csv", model="product"):
    """Upload and confirm; the preview response is returned for its row report."""
    preview = upload(client, content, name, model)
    assert preview.status_code == 200
    assert confirm(client, preview, model).status_code == 302
    return preview


def export_file(client, fmt="csv", model="product"):
    """What the admin's «Экспорт» gives for every row and column, as bytes."""
    from django.urls import reverse

    from catalog.admin.resources import ProductResource, VendorResource

    resource = {"product": ProductResource, "vendor": VendorResource}[model]
    data = {"resource": "0", "format": IMPORT_FORMATS[fmt]}
    for column in resource().get_export_order():
        data[f"{resource.__name__.lower()}_{column}"] = "on"
    response = client.post(reverse(f"admin:catalog_{model}_export"), data)
    assert response.status_code == 200, response.content[:500]
    return response.content


def rows_of(preview):
    """{import type: row count} of a preview (new, update, skip, invalid, error)."""
    return {kind: count for kind, count in preview.context["result"].totals.items() if count}
