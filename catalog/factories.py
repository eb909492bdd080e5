"""factory-boy factories for the catalog: one per model, shared by the tests and by the
synthetic-data command (generate_catalog).

They live in the app, not in tests/, because a management command must not import tests.
Slugs carry a "syn-" prefix so synthetic rows are easy to find and remove. Reseed with
factory.random.reseed_random(seed) for a reproducible catalog.
"""

import factory
from factory.django import DjangoModelFactory

from catalog.models import (
    Capability,
    Currency,
    DataLocation,
    Deployment,
    FactSource,
    PricingModel,
    Product,
    ProductCapability,
    ProductClass,
    RegistryStatus,
    RussiaAvailability,
    Vendor,
    price_per_user_rub,
)
from core.factories import add_tags

SYNTHETIC_PREFIX = "syn-"
PRODUCT_NAME_WORDS = ["Альфа", "Бета", "Гамма", "Omega", "Nova"]
PRICED_MODELS = (
    PricingModel.PER_USER_MONTH,
    PricingModel.PER_COMPANY_MONTH,
    PricingModel.PERPETUAL_PER_USER,
)


CONFIRMED, ABSENT = ProductCapability.Status.CONFIRMED, ProductCapability.Status.ABSENT


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
    pricing_model = factory.Iterator(
        [PricingModel.PER_USER_MONTH] * 6
        + [PricingModel.PER_COMPANY_MONTH, PricingModel.ON_REQUEST, PricingModel.FREE, ""]
    )
    price_amount = factory.Maybe(
        factory.LazyAttribute(lambda o: o.pricing_model in PRICED_MODELS),
        yes_declaration=factory.Faker(
            "pydecimal", left_digits=4, right_digits=0, positive=True, max_value=5000
        ),
        no_declaration=None,
    )
    price_currency = factory.Maybe(
        factory.LazyAttribute(lambda o: o.price_amount is not None),
        yes_declaration=factory.Iterator([Currency.RUB] * 4 + [Currency.USD]),
        no_declaration="",
    )
    # save() derives it too; bulk_create (generate_catalog) does not call save().
    price_from = factory.LazyAttribute(
        lambda o: price_per_user_rub(o.pricing_model, o.price_amount, o.price_currency)
    )
    has_free_plan = factory.Faker("boolean", chance_of_getting_true=25)
    has_trial = factory.Faker("boolean", chance_of_getting_true=60)
    russia_availability = factory.Iterator(
        [RussiaAvailability.AVAILABLE] * 6
        + [RussiaAvailability.SALES_SUSPENDED, RussiaAvailability.WITHDRAWN]
        + [RussiaAvailability.UNKNOWN] * 2
    )
    registry_status = factory.Iterator(
        [RegistryStatus.YES, RegistryStatus.NO, RegistryStatus.UNKNOWN, RegistryStatus.UNKNOWN]
    )
    data_location = factory.Iterator(DataLocation.values)
    is_published = True

    class Meta:
        model = Product
        skip_postgeneration_save = True

    @factory.post_generation
    def capabilities(self, create, extracted, **kwargs):
        """ProductFactory(capabilities=[…]): the capabilities it is known to have."""
        if create and extracted:
            ProductCapability.objects.bulk_create(
                ProductCapability(product=self, capability=capability, status=CONFIRMED)
                for capability in extracted
            )

    @factory.post_generation
    def absent(self, create, extracted, **kwargs):
        """ProductFactory(absent=[…]): the capabilities it is known to lack (нет)."""
        if create and extracted:
            ProductCapability.objects.bulk_create(
                ProductCapability(product=self, capability=capability, status=ABSENT)
                for capability in extracted
            )

    tags = factory.PostGeneration(add_tags)


class ProductCapabilityFactory(DjangoModelFactory):
    product = factory.SubFactory(ProductFactory)
    capability = factory.SubFactory(CapabilityFactory)
    status = ProductCapability.Status.CONFIRMED
    note = ""

    class Meta:
        model = ProductCapability


class FactSourceFactory(DjangoModelFactory):
    product = factory.SubFactory(ProductFactory)
    fact = FactSource.Fact.PRICE
    url = factory.Sequence(lambda n: f"https://vendor-{n}.example.com/prices/")
    checked_on = factory.Faker("date_between", start_date="-1y", end_date="today")

    class Meta:
        model = FactSource
