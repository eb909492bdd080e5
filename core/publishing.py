"""What products, glossary terms and materials share: drafts that visitors never see, and a
place in the site search (core/search.py).

A model inherits `Publishable` (an is_published flag) or, when it decides publication
otherwise, `Searchable` with a published() of its own; its QuerySet inherits
`SearchableQuerySet` and adds refresh_search_index(), which says which fields are searched
with which weight.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import search


class SearchableQuerySet(models.QuerySet):
    # The fields refresh_search_index() reads. An update() or bulk_update() of any of them
    # refreshes the rows it wrote, as a save does (core.search.keep_indexed) and a fixture
    # load does once it commits: no way of writing rows through Django leaves search behind.
    searched_fields = frozenset()

    def published(self):
        return self.filter(is_published=True)

    def update(self, **kwargs):
        if not self.searched_fields.intersection(kwargs):
            return super().update(**kwargs)
        pks = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        self.model.objects.filter(pk__in=pks).refresh_search_index()
        return count

    def bulk_update(self, objs, fields, batch_size=None):
        count = super().bulk_update(objs, fields, batch_size=batch_size)
        if self.searched_fields.intersection(fields):
            self.model.objects.filter(pk__in=[obj.pk for obj in objs]).refresh_search_index()
        return count

    def search(self, text):
        """Rows matching `text` in Russian morphology, forgiving typos, transliteration and
        the keyboard layout (core/search.py); the model's published rows decide whether the
        typo fallback is needed."""
        return self.filter(search.matches(self.model.objects.published(), text))

    def ranked_search(self, text, boost=None):
        return search.ranked(self, text, self.model.objects.published(), boost=boost)

    def matching_pks(self, text):
        """The pks of the published rows that match `text`, as a list (one query)."""
        return search.matching_pks(self.model.objects.published(), text)


class Searchable(models.Model):
    other_spellings = models.CharField(
        _("другие написания"),
        max_length=300,
        blank=True,
        help_text=_(
            "Через запятую: как ещё пишут название — другим алфавитом, сокращённо, прежним "
            "именем (амоцрм, Kommo). Поиск находит по ним наравне с названием."
        ),
    )
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменён"), auto_now=True)
    # Site search (core/search.py), kept current by the QuerySet's refresh_search_index().
    search_vector = SearchVectorField(null=True, editable=False)
    search_aliases = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True
        indexes = [
            GinIndex(fields=["search_vector"], name="%(app_label)s_%(class)s_search_idx"),
            GinIndex(
                OpClass("search_aliases", name="gin_trgm_ops"),
                name="%(app_label)s_%(class)s_aliases_idx",
            ),
        ]

    @property
    def spelling_list(self):
        return [s.strip() for s in self.other_spellings.split(",") if s.strip()]


class Publishable(Searchable):
    # A new row starts as a draft: editors preview it on the site, then publish it.
    is_published = models.BooleanField(_("опубликован"), default=False)

    class Meta(Searchable.Meta):
        abstract = True

    def set_published(self, published):
        """Publish or withdraw; returns the fields that changed (none: already so)."""
        if self.is_published == published:
            return []
        self.is_published = published
        return ["is_published"]
