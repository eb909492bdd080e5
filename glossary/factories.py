"""factory-boy factories for the glossary: one per model, for the tests and synthetic data."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from core.factories import add_tags
from glossary.models import Article, Term


class TermFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Термин {n}")
    slug = factory.Sequence(lambda n: f"termin-{n}")
    summary = factory.LazyAttribute(lambda o: f"Коротко о «{o.name}».")
    definition = factory.LazyAttribute(lambda o: f"{o.name} — это понятие из мира CRM.")
    is_published = True

    class Meta:
        model = Term


class ArticleFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Материал {n}")
    slug = factory.Sequence(lambda n: f"material-{n}")
    lead = "Короткое вступление к материалу."
    body = "Текст материала.\n\nВторой абзац."
    author_name = "Редакция"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    class Meta:
        model = Article
        skip_postgeneration_save = True

    tags = factory.PostGeneration(add_tags)
