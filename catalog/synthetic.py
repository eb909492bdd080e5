"""factory-boy factories for synthetic catalog data: benchmarks (generate_catalog) and tests.

They live in the app, not in tests/, because a management command must not import tests.
Slugs carry a "syn-" prefix so synthetic rows are easy to find and remove.
"""

import random

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from catalog.models import Capability, Deployment, Product, ProductCapability, ProductClass, Vendor

SYNTHETIC_PREFIX = "syn-"


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
    description = factory.LazyAttribute(lambda o: f"**{o.name}**: описание класса продуктов.")
    order = factory.Sequence(lambda n: n)

    class Meta:
        model = ProductClass
        django_get_or_create = ["slug"]


class CapabilityFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Возможность {n}")
    slug = factory.Sequence(lambda n: f"{SYNTHETIC_PREFIX}capability-{n}")
    group = factory.Iterator([choice for choice, _label in Capability.Group.choices])
    is_crm_criterion = False
    order = factory.Sequence(lambda n: n)

    class Meta:
        model = Capability
        django_get_or_create = ["slug"]


class ProductFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Synthetic CRM {n}")
    slug = factory.Sequence(lambda n: f"{SYNTHETIC_PREFIX}product-{n}")
    vendor = factory.SubFactory(VendorFactory)
    product_class = factory.SubFactory(ProductClassFactory)
    summary = factory.Faker("sentence", nb_words=10, locale="ru_RU")
    deployment = factory.Iterator([d for d, _label in Deployment.choices])
    price_from = factory.Faker("random_int", min=0, max=5000, step=50)
    has_free_plan = factory.Faker("boolean", chance_of_getting_true=25)
    has_trial = factory.Faker("boolean", chance_of_getting_true=60)
    data_verified_on = factory.LazyFunction(lambda: timezone.localdate())
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

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)


class ProductCapabilityFactory(DjangoModelFactory):
    product = factory.SubFactory(ProductFactory)
    capability = factory.SubFactory(CapabilityFactory)
    note = ""

    class Meta:
        model = ProductCapability


def pick_capabilities(rng, capabilities, low=3, high=12):
    """A random subset; a fixed `rng` makes a generated catalog reproducible."""
    return rng.sample(capabilities, k=min(len(capabilities), rng.randint(low, high)))


def make_rng(seed):
    return random.Random(seed)  # noqa: S311 -- synthetic data, not security
