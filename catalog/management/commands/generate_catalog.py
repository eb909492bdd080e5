"""Fill the catalog with N synthetic products for benchmarks: generate_catalog --products 5000.

Synthetic rows have "syn-" slugs; a new run replaces the previous synthetic products, so the
catalog then holds exactly N of them next to any real (fixture) products.
"""

import time

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from taggit.models import Tag, TaggedItem

from catalog.models import Capability, Product, ProductCapability, ProductClass, Vendor

try:
    from catalog import synthetic
except ImportError:  # factory-boy comes with the development extras only
    synthetic = None

BATCH = 2000
CLASS_NAMES = [
    ("CRM-система", "crm"),
    ("SFA-система", "sfa"),
    ("ERP-система с CRM-модулем", "erp"),
    ("Service Desk", "service-desk"),
]
CRITERIA = ["complaint-handling", "service-management", "product-line-management"]
TAG_NAMES = ["малый бизнес", "b2b", "b2c", "ритейл", "производство", "услуги", "1С", "open source"]


class Command(BaseCommand):
    help = "Generate a large synthetic catalog (factory-boy + bulk_create) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=5000)
        parser.add_argument("--vendors", type=int, default=0, help="default: products / 25")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        if synthetic is None:
            raise CommandError(
                "generate_catalog needs factory-boy: install the development extras "
                "(pip install -c requirements.lock -e '.[dev]')."
            )
        count = options["products"]
        if count < 1 or count > 1_000_000:
            raise CommandError("--products must be between 1 and 1 000 000")
        rng = synthetic.make_rng(options["seed"])
        started = time.monotonic()
        with transaction.atomic():
            self._remove_previous()
            classes = self._classes()
            capabilities = self._capabilities()
            vendors = self._vendors(options["vendors"] or max(1, count // 25))
            products = self._products(count, rng, vendors, classes)
            links = self._capability_links(products, capabilities, rng)
            tagged = self._tags(products, rng)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(products)} products, {len(vendors)} vendors, {links} capability links, "
                f"{tagged} tags in {time.monotonic() - started:.1f}s"
            )
        )

    def _remove_previous(self):
        old = Product.objects.filter(slug__startswith=synthetic.SYNTHETIC_PREFIX)
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Product),
            object_id__in=old.values("pk"),
        ).delete()
        old.delete()

    def _classes(self):
        classes = list(ProductClass.objects.all())
        if classes:
            return classes
        return [
            synthetic.ProductClassFactory(name=name, slug=slug, order=i)
            for i, (name, slug) in enumerate(CLASS_NAMES)
        ]

    def _capabilities(self):
        capabilities = list(Capability.objects.all())
        if capabilities:
            return capabilities
        made = synthetic.CapabilityFactory.create_batch(24)
        made += [
            synthetic.CapabilityFactory(slug=slug, name=slug, is_crm_criterion=True)
            for slug in CRITERIA
        ]
        return made

    def _vendors(self, count):
        vendors = synthetic.VendorFactory.build_batch(count)
        for i, vendor in enumerate(vendors):
            vendor.slug = f"{synthetic.SYNTHETIC_PREFIX}vendor-{i}"
            vendor.name = f"Synthetic Vendor {i}"
        Vendor.objects.bulk_create(vendors, batch_size=BATCH, ignore_conflicts=True)
        return list(Vendor.objects.filter(slug__startswith=synthetic.SYNTHETIC_PREFIX))

    def _products(self, count, rng, vendors, classes):
        products = synthetic.ProductFactory.build_batch(
            count, vendor=vendors[0], product_class=classes[0]
        )
        for i, product in enumerate(products):
            product.slug = f"{synthetic.SYNTHETIC_PREFIX}product-{i}"
            product.name = f"{rng.choice(['Альфа', 'Бета', 'Гамма', 'Omega', 'Nova'])} CRM {i}"
            product.vendor = rng.choice(vendors)
            product.product_class = rng.choice(classes)
        return Product.objects.bulk_create(products, batch_size=BATCH)

    def _capability_links(self, products, capabilities, rng):
        links = [
            ProductCapability(product=product, capability=capability)
            for product in products
            for capability in synthetic.pick_capabilities(rng, capabilities)
        ]
        ProductCapability.objects.bulk_create(links, batch_size=BATCH * 5)
        return len(links)

    def _tags(self, products, rng):
        tags = [Tag.objects.get_or_create(name=name)[0] for name in TAG_NAMES]
        content_type = ContentType.objects.get_for_model(Product)
        items = [
            TaggedItem(tag=tag, content_type=content_type, object_id=product.pk)
            for product in products
            for tag in rng.sample(tags, k=rng.randint(0, 3))
        ]
        TaggedItem.objects.bulk_create(items, batch_size=BATCH * 5)
        return len(items)
