"""Existing rows into the new facts: a product with a successor was renamed, one tagged
«архив» without one was discontinued (editors' own marks); every other lifecycle stays
"нет данных". Every product gets a cell for every capability: the ones nobody recorded
become explicit "нет данных" rows (an absent row used to read as "нет")."""

from django.db import migrations


def forwards(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    Capability = apps.get_model("catalog", "Capability")
    ProductCapability = apps.get_model("catalog", "ProductCapability")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    ContentType = apps.get_model("contenttypes", "ContentType")

    Product.objects.filter(successor__isnull=False).update(lifecycle="renamed")
    content_type = ContentType.objects.filter(app_label="catalog", model="product").first()
    if content_type is not None:
        archived = TaggedItem.objects.filter(
            content_type=content_type, tag__name="архив"
        ).values_list("object_id", flat=True)
        Product.objects.filter(pk__in=list(archived), successor__isnull=True).update(
            lifecycle="discontinued"
        )

    capability_ids = list(Capability.objects.values_list("pk", flat=True))
    held = set(ProductCapability.objects.values_list("product_id", "capability_id"))
    missing = [
        ProductCapability(product_id=product_id, capability_id=capability_id, status="unknown")
        for product_id in Product.objects.values_list("pk", flat=True)
        for capability_id in capability_ids
        if (product_id, capability_id) not in held
    ]
    ProductCapability.objects.bulk_create(missing, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0014_cells_lifecycle_editions_plans"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Backwards nothing is undone: the old code reads an explicit "нет данных" row as "нет
    # данных" and a "нет" row as "нет данных" too, which is less but never wrong.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
