"""How good site search is on the query set (portal/search_queries.json): metrics over the
keys of what a visitor sees, in the page's order; pure (no ORM, no request). The command
evaluate_search runs the queries through /search/'s own code and prints them
(docs/search.md)."""

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl

QUERIES_FILE = Path(__file__).with_name("search_queries.json")
TOP = 3


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    expect: tuple  # keys: product:<slug>, term:<slug>, catalog:<query>, compare:<a>,<b> …
    no_result: bool = False


def load_queries(path=QUERIES_FILE):
    data = json.loads(Path(path).read_text())
    return [
        Query(q["q"], q["kind"], tuple(q["expect"]), q.get("no_result", False))
        for q in data["queries"]
    ]


def same_answer(expected, shown):
    """Whether the key shown answers the expected one: equal, or for the catalog and the
    wizard the same page with at least the expected parameters (an intent may add more),
    for a comparison the same products in any order."""
    if expected == shown:
        return True
    kind, _sep, value = expected.partition(":")
    shown_kind, _sep, shown_value = shown.partition(":")
    if kind != shown_kind:
        return False
    if kind in ("catalog", "wizard"):
        return set(parse_qsl(value)) <= set(parse_qsl(shown_value))
    if kind == "compare":
        return set(value.split(",")) == set(shown_value.split(","))
    return False


@dataclass(frozen=True)
class Result:
    query: Query
    shown: tuple  # the keys of the answers and results, in the page's order

    def _is_expected(self, key):
        return any(same_answer(expected, key) for expected in self.query.expect)

    @property
    def precision_at_3(self):
        """The share of the top three that a visitor meant, of at most three: all of them
        when fewer are expected. A query whose right answer is nothing scores 1 for an empty
        page."""
        if self.query.no_result:
            return 0.0 if self.shown else 1.0
        hits = sum(self._is_expected(key) for key in self.shown[:TOP])
        return hits / min(TOP, len(self.query.expect))

    @property
    def reciprocal_rank(self):
        if self.query.no_result:
            return 0.0 if self.shown else 1.0
        for position, key in enumerate(self.shown, start=1):
            if self._is_expected(key):
                return 1 / position
        return 0.0

    @property
    def is_empty_miss(self):
        """Nothing shown although the catalog has an answer."""
        return not self.query.no_result and not self.shown

    @property
    def passes(self):
        """The first thing shown is meant, or two of the top three are."""
        return self.reciprocal_rank == 1.0 or self.precision_at_3 >= 2 / 3


@dataclass(frozen=True)
class Summary:
    count: int
    precision_at_3: float
    mrr: float
    empty_misses: int
    failing: tuple  # Result


def summarise(results):
    results = list(results)
    count = len(results)
    return Summary(
        count,
        sum(r.precision_at_3 for r in results) / count if count else 0.0,
        sum(r.reciprocal_rank for r in results) / count if count else 0.0,
        sum(r.is_empty_miss for r in results),
        tuple(r for r in results if not r.passes),
    )


def by_kind(results):
    """{kind: Summary}, the kinds in the query set's order."""
    kinds = {}
    for result in results:
        kinds.setdefault(result.query.kind, []).append(result)
    return {kind: summarise(rows) for kind, rows in kinds.items()}
