"""Site search across the kinds the apps register (core/search_kinds.py: products, glossary
terms, materials); the engine is core/search.py.

Two queries per kind whatever the data size: the ranked page of matches with the total
count (a window function), then the highlighted snippets of just those rows.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Count, F, TextField, Value, Window
from django.db.models.functions import Concat

from core import search, search_kinds


@dataclass
class Hit:
    obj: object
    title: str
    snippet: str  # safe HTML: escaped text with <mark> around the matched words
    rank: float
    original_rank: float  # the query as typed, without variants: 0 when only a variant found it


@dataclass
class Group:
    kind: search_kinds.Kind
    total: int
    hits: list = field(default_factory=list)


def search_kind(kind, text, offset=0, limit=5):
    """One kind's matches, best first: (total, [Hit])."""
    original = SearchQuery(search.normalise(text), config=search.CONFIG, search_type="websearch")
    rows = list(
        kind.published()
        .ranked_search(text)
        .annotate(
            total=Window(Count("*")),
            original_rank=SearchRank(F("search_vector"), original),
        )[offset : offset + limit]
    )
    if not rows:
        return 0, []
    parts = []
    for name in kind.snippet_source:
        parts += [F(name), Value(" ")]
    source = Concat(*parts[:-1], output_field=TextField())
    snippets = dict(
        kind.published()
        .filter(pk__in=[row.pk for row in rows])
        .annotate(snippet=search.headline(source, text))
        .values_list("pk", "snippet")
    )
    hits = [
        Hit(
            row,
            getattr(row, kind.title_field),
            search.snippet_html(snippets.get(row.pk)),
            row.search_rank,
            row.original_rank,
        )
        for row in rows
    ]
    return rows[0].total, hits


def search_everything(text, limit=5):
    """Every kind's best matches, in the kinds' order: [Group]."""
    groups = []
    for kind in search_kinds.kinds():
        total, hits = search_kind(kind, text, limit=limit)
        groups.append(Group(kind, total, hits))
    return groups


def suggestion(groups):
    """ "Возможно, вы искали …": the best hit's title when the query as typed matched no
    word of it — it was found through a typo, the other alphabet or the keyboard layout."""
    hits = [hit for group in groups for hit in group.hits]
    if not hits:
        return None
    best = max(hits, key=lambda hit: hit.rank)
    return best.title if best.original_rank == 0 else None
