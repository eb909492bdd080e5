"""factory-boy factories for the catalog: one per model, shared by the tests and by the
synthetic-data command (generate_catalog).

They live in the app, not in tests/, because a management command must not import tests.
Slugs carry a "syn-" prefix so synthetic rows are easy to find and remove. Reseed with
factory.random.reseed_random(seed) for a reproducible catalog.
"""

import factory
from factory.django import DjangoModelFactory

from catalog.models import Capability, Deployment, Product, ProductCapability, ProductClass, Vendor
from portal.factories import add_tags

SYNTHETIC_PREFIX = "syn-"
PRODUCT_NAME_WORDS = ["Альфа", "Бета", "Гамма", "Omega", "Nova"]


class VendorFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Synthetic Vendor {n}")
    slug = factory.Sequence(lambda n: f"{SYNTHETIC_PREFIX}vendor-{n}")
    country = factory.Iterator(["Россия", "США", "Германия", "Беларусь"])
    website = factory.Sequence(lambda n: f"https://vendor-{n}.example.com/")

    class Meta:
        model = Vendor
        django_get_or_create = ["slug"]


class ProductClassFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Класс {n}")
    slug = factory.Sequence(lambda n: f"{SYNTHETIC_PREFIX}class-{n}")
    kind = ProductClass.Kind.OTHER
    description = factory.LazyAttribute(lambda o: f"**{o.name}**: описание класса продуктов.")
    order = factory.Sequence(lambda n: n)

    class Meta:
        model = ProductClass
        django_get_or_create = ["slug"]


class CapabilityFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Возможность {n}")
    slug = factory.Sequence(lambda n: f"{SYNTHETIC_PREFIX}capability-{n}")
    group = factory.Iterator(Capability.Group.values)
    is_crm_criterion = False
    order = factory.Sequence(lambda n: n)

    class Meta:
        model = Capability
        django_get_or_create = ["slug"]


class ProductFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"{PRODUCT_NAME_WORDS[n % len(PRODUCT_NAME_WORDS)]} CRM {n}")
    slug = factory.Sequence(lambda n: f"{SYNTHETIC_PREFIX}product-{n}")
    vendor = factory.SubFactory(VendorFactory)
    product_class = factory.SubFactory(ProductClassFactory)
    summary = factory.Faker("sentence", nb_words=10, locale="ru_RU")
    deployment = factory.Iterator(Deployment.values)
    price_from = factory.Faker("random_int", min=0, max=5000, step=50)
    has_free_plan = factory.Faker("boolean", chance_of_getting_true=25)
    has_trial = factory.Faker("boolean", chance_of_getting_true=60)
    is_published = True

    class Meta:
        model = Product
        skip_postgeneration_save = True

    @factory.post_generation
    def capabilities(self, create, extracted, **kwargs):
        if create and extracted:
            ProductCapability.objects.bulk_create(
                ProductCapability(product=self, capability=capability) for capability in extracted
            )

    tags = factory.PostGeneration(add_tags)


class ProductCapabilityFactory(DjangoModelFactory):
    product = factory.SubFactory(ProductFactory)
    capability = factory.SubFactory(CapabilityFactory)
    note = ""

    class Meta:
        model = ProductCapability
