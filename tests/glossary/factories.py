import datetime

import factory
from django.utils import timezone

from catalog.models import Product, ProductClass, Vendor
from glossary.models import Article, Term


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    name = factory.Sequence(lambda n: f"Термин {n}")
    slug = factory.Sequence(lambda n: f"termin-{n}")
    summary = factory.LazyAttribute(lambda o: f"Коротко о «{o.name}».")
    definition = factory.LazyAttribute(lambda o: f"{o.name} — это понятие из мира CRM.")
    is_published = True


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Материал {n}")
    slug = factory.Sequence(lambda n: f"material-{n}")
    lead = "Короткое вступление к материалу."
    body = "Текст материала.\n\nВторой абзац."
    author_name = "Редакция"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor

    name = factory.Sequence(lambda n: f"Разработчик {n}")
    slug = factory.Sequence(lambda n: f"vendor-{n}")


class ProductClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductClass
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Класс {n}")
    slug = factory.Sequence(lambda n: f"class-{n}")
    description = "Описание класса."


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    name = factory.Sequence(lambda n: f"Продукт {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    vendor = factory.SubFactory(VendorFactory)
    product_class = factory.SubFactory(ProductClassFactory)
    summary = "Кратко о продукте."
