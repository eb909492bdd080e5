"""How good the wizard's answers are on the buyer case set (selection/buyer_cases.json):
metrics over ranked slugs, pure (no ORM, no request); the command evaluate_selection runs
the cases through the wizard and prints them (docs/selection.md)."""

import json
from dataclasses import dataclass
from pathlib import Path

CASES_FILE = Path(__file__).with_name("buyer_cases.json")


@dataclass(frozen=True)
class Case:
    id: str
    buyer: str
    answers: dict
    shortlist: tuple
    must_not: tuple
    why: str = ""


def load_cases(path=CASES_FILE):
    data = json.loads(Path(path).read_text())
    return [
        Case(
            c["id"],
            c["buyer"],
            c["answers"],
            tuple(c["shortlist"]),
            tuple(c.get("must_not", ())),
            c.get("why", ""),
        )
        for c in data["cases"]
    ]


@dataclass(frozen=True)
class Result:
    case: Case
    ranked: tuple  # (slug, family's main slug), best first: sure matches, then possible ones

    @property
    def slugs(self):
        return [slug for slug, _family in self.ranked]

    @property
    def hit_at_3(self):
        """The share of the top three a consultant would shortlist (of at most 3); an edition
        counts when the case names it or its main entry."""
        top = self.ranked[:3]
        wanted = min(3, len(self.case.shortlist))
        hits = sum(slug in self.case.shortlist or main in self.case.shortlist for slug, main in top)
        return hits / wanted if wanted else 1.0

    @property
    def bad_at_5(self):
        """Products in the top five that must not be there."""
        return [slug for slug in self.slugs[:5] if slug in self.case.must_not]

    @property
    def passes(self):
        return self.hit_at_3 >= 2 / 3 and not self.bad_at_5


@dataclass(frozen=True)
class Summary:
    hit_at_3: float
    bad_at_5: int
    failing: tuple  # Result


def summarise(results):
    results = list(results)
    hit = sum(r.hit_at_3 for r in results) / len(results) if results else 0.0
    bad = sum(len(r.bad_at_5) for r in results)
    return Summary(hit, bad, tuple(r for r in results if not r.passes))


def query_of(answers):
    """A case's answers as the wizard's query string pairs."""
    pairs = []
    for name, value in answers.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, str(item)))
    return pairs
