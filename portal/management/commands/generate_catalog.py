"""Fill the portal with synthetic content for benchmarks:
generate_catalog --products 5000 [--terms 300 --articles 500].

Synthetic rows have "syn-" slugs; a new run replaces the previous synthetic rows, so the
portal then holds exactly N of them next to any real (fixture) content. The rows come from the
same factories the tests use (catalog/factories.py, glossary/factories.py), built in memory,
bulk-inserted and then given their search columns in one pass.
"""

import random
import time

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from taggit.models import Tag, TaggedItem

from catalog.models import (
    Capability,
    CellStatus,
    Product,
    ProductCapability,
    ProductClass,
    Vendor,
)
from catalog.services import analyse_tables
from core import versions
from glossary.models import Article, Term

try:
    import factory.random

    from catalog import factories
    from glossary.factories import ArticleFactory, TermFactory
except ImportError:  # factory-boy comes with the development extras only
    factories = None

BATCH = 2000
CLASSES = [
    ("CRM-система", "crm", ProductClass.Kind.CRM),
    ("SFA-система", "sfa", ProductClass.Kind.SFA),
    ("ERP-система с CRM-модулем", "erp", ProductClass.Kind.OTHER),
    ("Service Desk", "service-desk", ProductClass.Kind.OTHER),
]
CRITERIA = ["complaint-handling", "service-management", "product-line-management"]
TAG_NAMES = ["малый бизнес", "b2b", "b2c", "ритейл", "производство", "услуги", "1С", "open source"]
CAPABILITIES_PER_PRODUCT = (3, 12)
TAGS_PER_PRODUCT = (0, 3)


class Command(BaseCommand):
    help = "Generate a large synthetic catalog (factory-boy + bulk_create) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=5000)
        parser.add_argument("--vendors", type=int, default=0, help="default: products / 25")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--terms", type=int, default=0, help="synthetic glossary terms")
        parser.add_argument("--articles", type=int, default=0, help="synthetic materials")

    def handle(self, *args, **options):
        if factories is None:
            raise CommandError(
                "generate_catalog needs factory-boy: install the development extras "
                "(pip install -c requirements.lock -e '.[dev]')."
            )
        count = options["products"]
        if count < 1 or count > 1_000_000:
            raise CommandError("--products must be between 1 and 1 000 000")
        # One seed drives factory-boy, Faker and our own choices: the same catalog every run.
        factory.random.reseed_random(options["seed"])
        rng = random.Random(options["seed"])  # noqa: S311 -- synthetic data, not security
        started = time.monotonic()
        with transaction.atomic():
            self._remove_previous()
            classes = self._classes()
            capabilities = self._capabilities()
            vendors = self._vendors(options["vendors"] or max(1, count // 25))
            products = self._products(count, rng, vendors, classes)
            links = self._capability_links(products, capabilities, rng)
            tagged = self._tags(products, rng)
            Product.objects.filter(
                slug__startswith=factories.SYNTHETIC_PREFIX
            ).refresh_search_index()
            content = synthetic_content(options["terms"], options["articles"])
            versions.changed()  # bulk_create sends no signals: cached pages are stale
        analyse_tables()
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(products)} products, {len(vendors)} vendors, {links} capability links, "
                f"{tagged} tags, {content} in {time.monotonic() - started:.1f}s"
            )
        )

    def _remove_previous(self):
        old = Product.objects.filter(slug__startswith=factories.SYNTHETIC_PREFIX)
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
            factories.ProductClassFactory(name=name, slug=slug, kind=kind, order=i)
            for i, (name, slug, kind) in enumerate(CLASSES)
        ]

    def _capabilities(self):
        capabilities = list(Capability.objects.all())
        if capabilities:
            return capabilities
        made = factories.CapabilityFactory.create_batch(24)
        made += [
            factories.CapabilityFactory(slug=slug, name=slug, is_crm_criterion=True)
            for slug in CRITERIA
        ]
        return made

    def _vendors(self, count):
        # Sequences restart so that a rerun yields the same slugs and names.
        factories.VendorFactory.reset_sequence()
        vendors = factories.VendorFactory.build_batch(count)
        Vendor.objects.bulk_create(vendors, batch_size=BATCH, ignore_conflicts=True)
        return list(Vendor.objects.filter(slug__startswith=factories.SYNTHETIC_PREFIX))

    def _products(self, count, rng, vendors, classes):
        factories.ProductFactory.reset_sequence()
        products = factories.ProductFactory.build_batch(
            count,
            vendor=factory.Iterator(rng.choices(vendors, k=count)),
            product_class=factory.Iterator(rng.choices(classes, k=count)),
        )
        return Product.objects.bulk_create(products, batch_size=BATCH)

    def _capability_links(self, products, capabilities, rng):
        low, high = CAPABILITIES_PER_PRODUCT
        # Recorded cells, as an editor's matrix holds them: about three "есть" to one "нет"
        # (the demo catalog: 36 % and 13 % of all cells); the capabilities not sampled are
        # "нет данных". Cells left unknown would give the wizard, the facets and the
        # alternatives nothing to work on, and the benchmark would measure an empty catalog.
        links = [
            ProductCapability(
                product=product,
                capability=capability,
                status=CellStatus.CONFIRMED if rng.random() < 0.75 else CellStatus.ABSENT,
            )
            for product in products
            for capability in rng.sample(
                capabilities, k=min(len(capabilities), rng.randint(low, high))
            )
        ]
        ProductCapability.objects.bulk_create(links, batch_size=BATCH * 5)
        return len(links)

    def _tags(self, products, rng):
        tags = [Tag.objects.get_or_create(name=name)[0] for name in TAG_NAMES]
        content_type = ContentType.objects.get_for_model(Product)
        low, high = TAGS_PER_PRODUCT
        items = [
            TaggedItem(tag=tag, content_type=content_type, object_id=product.pk)
            for product in products
            for tag in rng.sample(tags, k=rng.randint(low, high))
        ]
        TaggedItem.objects.bulk_create(items, batch_size=BATCH * 5)
        return len(items)


def synthetic_content(terms, articles):
    """Replace the synthetic glossary terms and materials ("syn-" slugs) with new ones."""
    prefix = factories.SYNTHETIC_PREFIX
    Term.objects.filter(slug__startswith=prefix).delete()
    Article.objects.filter(slug__startswith=prefix).delete()
    TermFactory.reset_sequence()
    ArticleFactory.reset_sequence()
    made_terms = TermFactory.build_batch(
        terms,
        name=factory.Sequence(lambda n: f"Синтетический термин {n}"),
        slug=factory.Sequence(lambda n: f"{prefix}term-{n}"),
        definition=factory.Faker("paragraph", nb_sentences=6, locale="ru_RU"),
    )
    made_articles = ArticleFactory.build_batch(
        articles,
        slug=factory.Sequence(lambda n: f"{prefix}article-{n}"),
        lead=factory.Faker("paragraph", nb_sentences=2, locale="ru_RU"),
        body=factory.Faker("text", max_nb_chars=3000, locale="ru_RU"),
    )
    Term.objects.bulk_create(made_terms, batch_size=BATCH)
    Article.objects.bulk_create(made_articles, batch_size=BATCH)
    Term.objects.filter(slug__startswith=prefix).refresh_search_index()
    Article.objects.filter(slug__startswith=prefix).refresh_search_index()
    return f"{len(made_terms)} terms, {len(made_articles)} articles"
