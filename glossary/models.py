from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from core import search
from core.history import History
from core.publishing import Publishable, Searchable, SearchableQuerySet


class TermQuerySet(SearchableQuerySet):
    """Searched by name, abbreviation, synonyms, summary and definition."""

    searched_fields = frozenset(
        ["name", "other_spellings", "abbreviation", "synonyms", "summary", "definition"]
    )

    def refresh_search_index(self):
        """Name, abbreviation and synonyms weigh most (A), the summary B, the definition C."""
        self.update(
            search_vector=search.vector(
                (F("name"), "A"),
                (F("other_spellings"), "A"),
                (F("abbreviation"), "A"),
                (F("synonyms"), "A"),
                (F("summary"), "B"),
                (F("definition"), "C"),
            )
        )
        search.refresh_aliases(
            self.only("name", "abbreviation", "synonyms", "other_spellings"),
            lambda term: (term.name, term.abbreviation, *term.synonym_list, *term.spelling_list),
        )


class Term(Publishable):
    class Illustration(models.TextChoices):
        # Pictures drawn by the portal itself; behaviour reads this field, never the slug.
        NONE = "", _("нет")
        SALES_FUNNEL = "sales-funnel", _("воронка продаж: мгновенная и историческая")

    name = models.CharField(_("термин"), max_length=150, unique=True)
    slug = models.SlugField(_("адрес (slug)"), max_length=160, unique=True)
    abbreviation = models.CharField(_("аббревиатура"), max_length=50, blank=True)
    synonyms = models.CharField(
        _("синонимы"), max_length=300, blank=True, help_text=_("Через запятую.")
    )
    summary = models.CharField(
        _("кратко"), max_length=300, help_text=_("Одна фраза для списка терминов.")
    )
    definition = models.TextField(_("определение"), help_text=_("Markdown."))
    related_terms = models.ManyToManyField(
        "self", verbose_name=_("связанные термины"), blank=True, symmetrical=True
    )
    article = models.ForeignKey(
        "glossary.Article",
        verbose_name=_("статья «Подробнее»"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="read_more_for",
    )
    product_class = models.ForeignKey(
        "catalog.ProductClass",
        verbose_name=_("класс продуктов для «Перейти в каталог»"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="terms",
    )
    example_products = models.ManyToManyField(
        "catalog.Product",
        verbose_name=_("примеры продуктов"),
        blank=True,
        related_name="glossary_terms",
    )
    illustration = models.CharField(
        _("иллюстрация"),
        max_length=20,
        choices=Illustration.choices,
        blank=True,
        default=Illustration.NONE,
        help_text=_("Рисунок портала, который показывается на странице термина."),
    )
    on_home = models.BooleanField(
        _("на главной"),
        default=False,
        help_text=_("Показывать в блоке «Основные термины и определения» на главной странице."),
    )
    # Terms are written to be read at once: a new one is published unless unticked.
    is_published = models.BooleanField(_("опубликован"), default=True)

    objects = TermQuerySet.as_manager()
    history = History(m2m_fields=["related_terms", "example_products"])

    class Meta(Publishable.Meta):
        verbose_name = _("термин")
        verbose_name_plural = _("термины")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("glossary:term-detail", kwargs={"slug": self.slug})

    @property
    def synonym_list(self):
        return [s.strip() for s in self.synonyms.split(",") if s.strip()]

    @property
    def draft_note(self):
        """Why visitors cannot see this term (for the staff banner), or "" when they can."""
        return "" if self.is_published else _("термин не опубликован")


class ArticleQuerySet(SearchableQuerySet):
    """Searched by title, lead and body; published by status and date, not by a flag."""

    def published(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def next_publication(self):
        """When the next scheduled article appears by itself (cached pages expire then)."""
        scheduled = self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        return scheduled.aggregate(at=models.Min("published_at"))["at"]

    searched_fields = frozenset(["title", "other_spellings", "lead", "body"])

    def refresh_search_index(self):
        """The title weighs most (A), the lead B, the body C."""
        self.update(
            search_vector=search.vector(
                (F("title"), "A"), (F("other_spellings"), "A"), (F("lead"), "B"), (F("body"), "C")
            )
        )
        search.refresh_aliases(
            self.only("title", "other_spellings"),
            lambda article: (article.title, *article.spelling_list),
        )


class Article(Searchable):
    class Status(models.TextChoices):
        DRAFT = "draft", _("черновик")
        PUBLISHED = "published", _("опубликована")

    title = models.CharField(_("заголовок"), max_length=200)
    slug = models.SlugField(_("адрес (slug)"), max_length=200, unique=True)
    lead = models.TextField(_("лид"), help_text=_("Короткое вступление для списков и RSS."))
    body = models.TextField(_("текст"), help_text=_("Markdown."))
    tags = TaggableManager(verbose_name=_("теги"), blank=True)
    cover = models.ImageField(_("обложка"), upload_to="articles/", blank=True)
    author_name = models.CharField(_("автор"), max_length=150, blank=True)
    published_at = models.DateTimeField(_("дата публикации"), null=True, blank=True)
    status = models.CharField(
        _("статус"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    related_terms = models.ManyToManyField(
        Term, verbose_name=_("связанные термины"), blank=True, related_name="articles"
    )

    objects = ArticleQuerySet.as_manager()
    history = History(m2m_fields=["related_terms"])

    class Meta(Searchable.Meta):
        verbose_name = _("материал")
        verbose_name_plural = _("материалы")
        ordering = ["-published_at", "-id"]
        indexes = [
            *Searchable.Meta.indexes,
            models.Index(fields=["status", "-published_at"], name="glossary_article_pub_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # "Published" without a date would stay invisible forever: it means "publish now".
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("materials:article-detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        """What visitors may see: the same rule as ArticleQuerySet.published()."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def set_published(self, published):
        """Publish (keeping a date set in advance: scheduled publication; dating the rest
        now) or withdraw to the drafts; returns the fields that changed."""
        if published:
            if self.status == self.Status.PUBLISHED and self.published_at:
                return []
            self.status, self.published_at = (
                self.Status.PUBLISHED,
                self.published_at or timezone.now(),
            )
            return ["status", "published_at"]
        if self.status == self.Status.DRAFT:
            return []
        self.status = self.Status.DRAFT
        return ["status"]

    @property
    def draft_note(self):
        """Why visitors cannot see this article (for the staff banner), or "" when they can."""
        if self.is_published:
            return ""
        if self.status == self.Status.DRAFT:
            return _("статус: черновик")
        return _("дата публикации ещё не наступила")
