"""Site search across the kinds the apps register (core/search_kinds.py: products, glossary
terms, materials); the engine is core/search.py.

Two queries per kind whatever the data size: the ranked page of matches with the total
count (a window function), then the highlighted snippets of just those rows.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchRank
from django.db.models import Count, F, Q, TextField, Value, Window
from django.db.models.functions import Concat

from core import search, search_kinds

PER_GROUP = 5  # hits of each kind on /search/ without ?kind=


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


def search_kind(kind, text, offset=0, limit=5, boost=None):
    """One kind's matches, best first: (total, [Hit]); boost: a condition for rows that
    rank higher (core.search.ranked)."""
    original = search.typed_query(text)
    rows = list(
        kind.published()
        .ranked_search(text, boost=boost)
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


def words_found(text):
    """The words of `text` (each in any of its spellings) that some published row of some
    kind contains, or whose name comes close to it (a typo): one aggregate query per kind,
    then, for words still missing, index lookups of names close to the query or the word."""
    words = search.words_of(text)[: search.MAX_WORDS_CHECKED]
    found = set()
    for kind in search_kinds.kinds():
        flags = (
            kind.published().aggregate(
                **{
                    f"w{index}": Count("pk", filter=Q(search_vector=search.full_text_query(word)))
                    for index, word in enumerate(words)
                }
            )
            if words
            else {}
        )
        found |= {word for index, word in enumerate(words) if flags.get(f"w{index}")}
    missing = [word for word in words if word not in found]
    if missing and _close_to_a_name(text):
        return set(words)  # «ворнка продаж» is «Воронка продаж» with a letter missing
    return found | {word for word in missing if _close_to_a_name(word)}


def _close_to_a_name(text):
    """Whether some published row's name comes close to `text` in one of its spellings (the
    aliases' trigram index): one query per kind at most."""
    similar = Q()
    for variant in search.variants(text):
        similar |= Q(search_aliases__trigram_word_similar=variant)
    return any(kind.published().filter(similar).exists() for kind in search_kinds.kinds())


def search_everything(text, limit=PER_GROUP, boosts=None):
    """Every kind's best matches, in the kinds' order: [Group]. boosts: {kind key: a
    condition for that kind's rows that rank higher}."""
    groups = []
    for kind in search_kinds.kinds():
        boost = (boosts or {}).get(kind.key)
        total, hits = search_kind(kind, text, limit=limit, boost=boost)
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
