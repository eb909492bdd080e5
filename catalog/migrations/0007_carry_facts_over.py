# Carries the old decision data over to the fields of 0006, losing nothing:
# - the tag «продажи в РФ приостановлены» becomes russia_availability = sales-suspended (the
#   field is now the source of truth, so the tag is removed from those products);
# - a typed price_from (₽ per user per month) becomes the price it stood for;
# - has_free_plan / has_trial = false meant "not confirmed" (fixtures/README.md), so it
#   becomes unknown (NULL); true stays true;
# - no stamp "данные проверены" recorded who checked (no admin action existed), so none
#   meets the new rule and each is cleared.
# The reverse puts the tag, the flags and price_from back.

from django.db import migrations
from django.db.models import F

SUSPENDED_TAG = "продажи в РФ приостановлены"


def _suspended_items(apps):
    Tag = apps.get_model("taggit", "Tag")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    ContentType = apps.get_model("contenttypes", "ContentType")
    tag = Tag.objects.filter(name=SUSPENDED_TAG).first()
    content_type = ContentType.objects.filter(app_label="catalog", model="product").first()
    if tag is None or content_type is None:
        return TaggedItem.objects.none()
    return TaggedItem.objects.filter(tag=tag, content_type=content_type)


def forwards(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    items = _suspended_items(apps)
    suspended = list(items.values_list("object_id", flat=True))
    Product.objects.filter(pk__in=suspended).update(russia_availability="sales-suspended")
    items.delete()
    Product.objects.filter(price_from__isnull=False).update(
        pricing_model="per-user-month", price_currency="RUB", price_amount=F("price_from")
    )
    Product.objects.filter(has_free_plan=False).update(has_free_plan=None)
    Product.objects.filter(has_trial=False).update(has_trial=None)
    Product.objects.filter(data_verified_by__isnull=True).update(data_verified_on=None)


def backwards(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    Tag = apps.get_model("taggit", "Tag")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    ContentType = apps.get_model("contenttypes", "ContentType")
    suspended = Product.objects.filter(russia_availability="sales-suspended")
    if suspended.exists():
        tag, _created = Tag.objects.get_or_create(
            name=SUSPENDED_TAG, defaults={"slug": "продажи-в-рф-приостановлены"}
        )
        content_type, _created = ContentType.objects.get_or_create(
            app_label="catalog", model="product"
        )
        for pk in suspended.values_list("pk", flat=True):
            # Ids, not instances: the historical models may be re-rendered between calls.
            TaggedItem.objects.get_or_create(
                tag_id=tag.pk, content_type_id=content_type.pk, object_id=pk
            )
    Product.objects.filter(has_free_plan__isnull=True).update(has_free_plan=False)
    Product.objects.filter(has_trial__isnull=True).update(has_trial=False)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0006_decision_facts"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
