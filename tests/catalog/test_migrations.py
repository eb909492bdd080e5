"""The decision-facts migrations carry the old data over, losing nothing."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("catalog", "0005_productclass_kind_capability_order")]
AFTER = [("catalog", "0007_carry_facts_over")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_catalog():
    apps = migrate(BEFORE)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Tag = apps.get_model("taggit", "Tag")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    Vendor = apps.get_model("catalog", "Vendor")
    ProductClass = apps.get_model("catalog", "ProductClass")
    Product = apps.get_model("catalog", "Product")
    vendor = Vendor.objects.create(name="V", slug="v")
    cls = ProductClass.objects.create(name="C", slug="c", description="d")

    def make(slug, **fields):
        return Product.objects.create(
            name=slug, slug=slug, vendor=vendor, product_class=cls, summary="s", **fields
        )

    suspended = make("suspended", has_free_plan=True, data_verified_on=datetime.date(2026, 11, 26))
    priced = make("priced", price_from=990, has_trial=True)
    make("plain")
    tag = Tag.objects.create(name="продажи в РФ приостановлены", slug="prodazhi")
    other = Tag.objects.create(name="SaaS", slug="saas")
    content_type = ContentType.objects.get(app_label="catalog", model="product")
    for item_tag in (tag, other):
        TaggedItem.objects.create(tag=item_tag, content_type=content_type, object_id=suspended.pk)
    yield {"suspended": suspended.pk, "priced": priced.pk}
    migrate(executor_latest())


def executor_latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_it_turns_the_suspended_sales_tag_and_old_flags_into_the_new_facts(old_catalog):
    apps = migrate(AFTER)
    Product = apps.get_model("catalog", "Product")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    suspended = Product.objects.get(pk=old_catalog["suspended"])
    assert suspended.russia_availability == "sales-suspended"
    assert suspended.has_free_plan is True  # a confirmed "yes" stays
    assert suspended.data_verified_on is None  # nobody recorded as having checked it
    tags = TaggedItem.objects.filter(object_id=suspended.pk).values_list("tag__name", flat=True)
    assert list(tags) == ["SaaS"]  # the field is now the source of truth
    priced = Product.objects.get(pk=old_catalog["priced"])
    assert (priced.pricing_model, priced.price_amount, priced.price_currency) == (
        "per-user-month",
        990,
        "RUB",
    )
    assert priced.has_trial is True and priced.has_free_plan is None  # false meant unconfirmed
    assert Product.objects.get(slug="plain").russia_availability == "unknown"


def test_it_puts_the_tag_back_when_migrated_backwards(old_catalog):
    migrate(AFTER)
    apps = migrate(BEFORE)
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    tagged = TaggedItem.objects.filter(tag__name="продажи в РФ приостановлены")
    assert list(tagged.values_list("object_id", flat=True)) == [old_catalog["suspended"]]
