"""Site search: one engine for products, glossary terms and materials (docs/search.md).

Each searchable model keeps two columns current on save (`refresh_search_index`):
`search_vector`, a weighted Russian full-text vector (name and synonyms A, summary and tags B,
body C), and `search_aliases`, its names in every spelling a visitor may type them (lower
case, without spaces, transliterated both ways). A query matches a row when the full-text
query of any of its variants matches the vector — Russian morphology — or when a variant is
trigram-similar to a word of the aliases — typos, transliteration, the wrong keyboard layout.
Each model's QuerySet.search() filters by `match_q()`; the catalog's `q` filter and
/search/ (which ranks the same rows with `ranked()`) use it, so they never disagree.
Trigram similarity is only the fallback when the full text finds nothing (match_q).
"""

import html
import re
import unicodedata

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import transaction
from django.db.models import BooleanField, Case, Exists, F, Func, Q, TextField, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.db.models.signals import post_save

CONFIG = "russian"
MIN_QUERY_LENGTH = 2
# A typo or a transliteration must not outrank a real full-text hit on the name.
SIMILARITY_WEIGHT = 0.3
# How many words of a query are checked one by one ("не найдено: …").
MAX_WORDS_CHECKED = 8
# A query naming a row this closely (trigram word similarity to its aliases) is about it.
NAMED = 0.6
# What a boosted row's rank is multiplied by (see ranked()).
BOOSTED = 3.0

_RU = "йцукенгшщзхъфывапролджэячсмитьбю"
_EN = "qwertyuiop[]asdfghjkl;'zxcvbnm,."
# The same physical keys on the Russian and the Latin layout: "фьщскь" is "amocrm" typed
# with the Russian layout switched on, "djhjyrf" is "воронка" typed with the Latin one.
_LAYOUT_RU_TO_EN = str.maketrans(_RU, _EN)
_LAYOUT_EN_TO_RU = str.maketrans(_EN, _RU)

# Transliteration for matching, not for display: each letter to its most likely spelling.
_CYR_TO_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "ch", "ш": "sh",
    "щ": "sch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_LAT_TO_CYR = [
    # Longest first; "c" is both "ц" (amoCRM → амоцрм) and "с" (CRM → срм) in Russian usage.
    ("sch", "щ"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("ts", "ц"), ("yu", "ю"), ("ya", "я"),
    ("x", "кс"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"), ("e", "е"),
    ("z", "з"), ("i", "и"), ("y", "й"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
    ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"),
    ("h", "х"), ("w", "в"), ("q", "к"), ("j", "дж"),
]  # fmt: skip
_LAT_PATTERN = re.compile("|".join(re.escape(lat) for lat, _cyr in _LAT_TO_CYR) + "|c")
_LAT_MAP = dict(_LAT_TO_CYR)
# Unstressed о and а, э and е sound alike in Russian and are the commonest misspelling of a
# name heard rather than read («мегоплан», «сэйлсфорс»): both sides are compared with them
# merged. A trigram comparison alone misses it: one letter changes a third of a short word.
_VOWELS_HEARD = str.maketrans("оэё", "аее")
_WORD_SEPARATORS = re.compile(r"[^\w]+")

MARK_START, MARK_END = "\x02", "\x03"  # highlight markers: no visitor text contains them


def normalise(text):
    """A query as stored and compared: NFKC, lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def cyr_to_lat(text):
    return "".join(_CYR_TO_LAT.get(char, char) for char in text)


def lat_to_cyr(text, c="ц"):
    return _LAT_PATTERN.sub(lambda m: c if m.group(0) == "c" else _LAT_MAP[m.group(0)], text)


def variants(text):
    """The query and what the visitor may have meant: the other keyboard layout and the
    other alphabet. The original comes first."""
    text = normalise(text)
    found = [
        text,
        text.replace(" ", ""),  # "амо срм" is "амосрм", "битрикс 24" is "битрикс24"
        text.translate(_LAYOUT_RU_TO_EN),
        text.translate(_LAYOUT_EN_TO_RU),
        cyr_to_lat(text),
        lat_to_cyr(text),
        lat_to_cyr(text, c="с"),
        text.translate(_VOWELS_HEARD),
    ]
    return list(dict.fromkeys(v for v in found if v.strip()))


def aliases(*names):
    """Every spelling of a row's names that a query is compared with (search_aliases)."""
    spellings = []
    for name in filter(None, names):
        name = normalise(name)
        joined = _WORD_SEPARATORS.sub("", name)
        for form in (name, joined):
            cyrillic = [lat_to_cyr(form), lat_to_cyr(form, c="с")]
            spellings += [form, cyr_to_lat(form), *cyrillic]
            spellings += [spelling.translate(_VOWELS_HEARD) for spelling in (form, *cyrillic)]
    return " ".join(dict.fromkeys(spellings))


def full_text_query(text):
    """The words of `text`, any of them (a row matching more ranks higher): each word in every
    variant, and every variant of the whole query (the no-space join finds «амо срм» as
    amocrm). plainto_tsquery of each piece, so any punctuation or tsquery syntax a visitor
    types is just text to it, never an error; a word the index lacks finds nothing by itself
    but never empties the answer."""
    query = None
    pieces = list(
        dict.fromkeys([*variants(text), *(v for w in words_of(text) for v in variants(w))])
    )
    for piece in pieces:
        part = SearchQuery(piece, config=CONFIG, search_type="plain")
        query = part if query is None else query | part
    return query


def every_word_query(text):
    """Every word of `text` (each in any of its variants), or the whole query in one of its
    variants: what a filter that narrows a list (the catalog's and the glossary's `q`) asks
    first, so "crm телефония" lists what has both."""
    query = None
    for word in words_of(text):
        part = None
        for variant in variants(word):
            piece = SearchQuery(variant, config=CONFIG, search_type="plain")
            part = piece if part is None else part | piece
        query = part if query is None else query & part
    for variant in variants(text):
        piece = SearchQuery(variant, config=CONFIG, search_type="plain")
        query = piece if query is None else query | piece
    return query


def typed_query(text):
    """The words as typed, any of them, without variants: what found a row by itself."""
    query = None
    for word in words_of(text) or [normalise(text)]:
        part = SearchQuery(word, config=CONFIG, search_type="plain")
        query = part if query is None else query | part
    return query


def words_of(text):
    """The words of a query as the search reads them (lower case, no punctuation)."""
    return [word for word in _WORD_SEPARATORS.split(normalise(text)) if word]


def vector(*weighted):
    """SearchVector of (expression, weight) pairs, for refresh_search_index()."""
    result = None
    for expression, weight in weighted:
        text = Coalesce(expression, Value(""), output_field=TextField())
        part = SearchVector(text, weight=weight, config=CONFIG)
        result = part if result is None else result + part
    return result


def match_q(text, searchable, every_word=False):
    """The condition a row must meet to be found: its vector matches the full-text query of
    any variant; or, when no row of `searchable` (the model's published rows) does, a variant
    is trigram-similar to a word of its aliases (the `%>` operator on the aliases' GIN
    trigram index). Trigram similarity is the fallback for typos and odd spellings, so a
    common word never pays for comparing itself with every row.

    every_word: a filter narrowing a list wants rows with all the words; only when no row
    has them all does it fall back to rows with any (never nothing for one unknown word)."""
    words = Q(search_vector=full_text_query(text))
    if every_word:
        all_words = Q(search_vector=every_word_query(text))
        words = all_words | (Q(~Exists(searchable.filter(all_words))) & words)
    similar = Q()
    for variant in variants(text):
        similar |= Q(search_aliases__trigram_word_similar=variant)
    # "Nothing found by words" comes first: PostgreSQL evaluates AND left to right, so when
    # the words did find something the costly similarity is never computed.
    return words | (Q(~Exists(searchable.filter(words))) & similar)


def matches(searchable, text):
    """`pk IN (…)` of the rows of `searchable` that match `text` with every word when some
    row has them all (see match_q): the filters that narrow a list."""
    found = searchable.filter(match_q(text, searchable, every_word=True))
    return Q(pk__in=found.order_by().values("pk"))


def matching_pks(searchable, text):
    """The pks of the rows of `searchable` that match `text`, read once.

    For pages that filter by a search in several queries (the catalog list and its facets),
    through `among()`: given as one array, the matches cost PostgreSQL a hash lookup per row
    in each query. As a subquery, each query ran the full-text match again (about 70 ms per
    query for a word in all 50,000 products), and a planner without good statistics may
    re-run the trigram comparison for every row it joins (seen: minutes on a fresh test
    database; 430 ms at 5,000 products walking the name index for ORDER BY name LIMIT 20).
    """
    found = searchable.filter(match_q(text, searchable, every_word=True))
    return list(found.order_by().values_list("pk", flat=True))


class _Among(Func):
    # Renders `<pk> = ANY(%s::bigint[])`.
    arg_joiner = " = ANY("
    template = "%(expressions)s::bigint[])"
    output_field = BooleanField()


def among(pks, field="pk"):
    """The condition `<field> = ANY('{…}'::bigint[])`: a list of ids as one array value, parsed
    at once and looked up by hash, where `__in` sends a parameter per id (50,000 for a word in
    every name). Its length is known when the query is planned, unlike a subquery's, so the
    plan does not depend on the tables' statistics."""
    return _Among(F(field), Value("{" + ",".join(str(int(pk)) for pk in pks) + "}"))


def ranked(queryset, text, searchable, demote=None, boost=None):
    """The rows of `queryset` that match `text` (see match_q), best first, annotated with
    `search_rank` and `name_match` (how close the best variant comes to a name, 0–1).

    demote: a condition for rows that rank lower unless the query names them (products gone
    from Russia or discontinued, for a generic query).
    boost: a condition for rows that rank higher: what the query's intent cards open
    («crm для недвижимости»: products for real estate before every product named CRM)."""
    query = full_text_query(text)
    similarities = [
        TrigramWordSimilarity(Value(variant), "search_aliases") for variant in variants(text)
    ]
    name_match = Greatest(*similarities) if len(similarities) > 1 else similarities[0]
    rank = SearchRank(F("search_vector"), query, cover_density=True)
    rank = (rank + SIMILARITY_WEIGHT * name_match) * _coverage(text)
    if boost is not None:
        rank = rank * Case(When(boost, then=Value(BOOSTED)), default=Value(1.0))
    # A demoted row comes after every other one, however well it matches, unless the query
    # names it: a buyer asking for "crm для отдела продаж" can buy none of them.
    demoted = Value(0)
    if demote is not None:
        demoted = Case(When(demote & ~Q(name_match__gte=NAMED), then=Value(1)), default=Value(0))
    return (
        queryset.filter(match_q(text, searchable))
        .annotate(name_match=name_match)
        .annotate(search_rank=rank, demoted=demoted)
        .order_by("demoted", "-search_rank", "pk")
    )


def _coverage(text):
    """How much of the query a row holds, as a factor of its rank: (1 + words it has) /
    (1 + words asked), so a row with every word keeps its rank and one with a single common
    word of three ranks at half, whatever that word's frequency in it. A row found only by
    a close spelling of its name (no word as typed) keeps the same factor as its peers."""
    words = words_of(text)[:MAX_WORDS_CHECKED]
    if len(words) < 2:
        return Value(1.0)
    held = [
        Case(When(search_vector=full_text_query(word), then=Value(1.0)), default=Value(0.0))
        for word in words
    ]
    return (Value(1.0) + sum(held[1:], held[0])) / Value(1.0 + len(words))


def headline(expression, text):
    """A snippet of `expression` with the query's words between the highlight markers."""
    return SearchHeadline(
        Coalesce(expression, Value(""), output_field=TextField()),
        full_text_query(text),
        config=CONFIG,
        start_sel=MARK_START,
        stop_sel=MARK_END,
        max_words=30,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


_MARKDOWN_SIGNS = re.compile(r"[*_`#]+")


def snippet_html(raw):
    """A headline as safe HTML: Markdown signs dropped, the text escaped (it is never
    trusted), then the markers turned into <mark>."""
    text = _MARKDOWN_SIGNS.sub("", raw or "")
    escaped = html.escape(" ".join(text.split()))
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def refresh_aliases(queryset, names_of):
    """Recompute search_aliases for every row of `queryset`; names_of(row) gives its names."""
    rows = list(queryset)
    for row in rows:
        row.search_aliases = aliases(*names_of(row))
    queryset.model.objects.bulk_update(rows, ["search_aliases"], batch_size=1000)


def keep_indexed(model, rows_of=None):
    """Refresh the search columns whenever a row of `model` is saved: its own, or those that
    rows_of(instance) returns (a vendor's products when the vendor is renamed).

    Rows that loaddata writes (raw saves: a fixture, a restore through Django) are refreshed
    together once the load's transaction commits, when the rows they read (a vendor's name,
    tags) are all there: a plain `loaddata` leaves nothing unsearchable.
    """

    def saved(sender, instance, raw=False, **kwargs):
        if raw:
            # A loaded vendor's products are loaded rows themselves, queued on their own.
            if rows_of is None:
                _refresh_after_commit(model, instance.pk)
            return
        rows = rows_of(instance) if rows_of else model.objects.filter(pk=instance.pk)
        rows.refresh_search_index()

    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"search:{model._meta.label}")


def _refresh_after_commit(model, pk):
    """Queue `pk` for one refresh when the current transaction commits (a rolled back one
    takes its queue with it)."""
    connection = transaction.get_connection()
    for _sids, func, _robust in connection.run_on_commit:
        pending = getattr(func, "search_pending", None)
        if pending is not None:
            break
    else:
        pending = {}

        def refresh(queued=pending):
            for pending_model, pks in queued.items():
                pending_model.objects.filter(pk__in=pks).refresh_search_index()

        refresh.search_pending = pending
        transaction.on_commit(refresh)
    pending.setdefault(model, set()).add(pk)


# How alike a name must be to be offered after a search that found nothing.
NEAREST_SIMILARITY = 0.2


def nearest(queryset, text):
    """The rows of `queryset` whose names come nearest to `text`, annotated with
    `similarity` (0–1), best first: what to suggest when nothing matched."""
    similarities = [
        TrigramWordSimilarity(Value(variant), "search_aliases") for variant in variants(text)
    ]
    similarity = Greatest(*similarities) if len(similarities) > 1 else similarities[0]
    return (
        queryset.annotate(similarity=similarity)
        .filter(similarity__gte=NEAREST_SIMILARITY)
        .order_by("-similarity", "pk")
    )
