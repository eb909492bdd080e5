"""The wizard's answer for a set of requirements: the page (selection/views.py) and the
evaluation (evaluate_selection) both rank through ranked(), so they never disagree."""

from dataclasses import dataclass

from selection import scoring, selectors
from selection.forms import read_answers


@dataclass(frozen=True)
class Ranking:
    params: dict  # the catalog filters of the hard requirements
    rates: object  # selection.prices.Rates
    matches: list  # scoring.Candidate that surely meet every hard requirement, best first
    maybes: list  # those that may (нет данных), best first


def ranked(requirements, capabilities):
    """Rank the catalog for `requirements`; capabilities: the catalog's, already loaded."""
    params = scoring.filter_params(requirements)
    needs = (*requirements.must, *requirements.nice, *requirements.task_needs)
    asked = [pk for need in needs for pk in need.capability_pks]
    criteria_total = sum(capability.is_crm_criterion for capability in capabilities)
    rates = selectors.rates()
    found = selectors.candidates(params, asked, criteria_total)
    matches, maybes = scoring.rank(found, requirements, rates)
    return Ranking(params, rates, matches, maybes)


def ranked_slugs(query, capabilities):
    """(slug, main entry's slug) of every product the wizard answers `query` with: the sure
    matches, then the possible ones, each best first (what the page shows, beyond its first
    ten). An edition's main entry is its family: "Битрикс24" names either edition."""
    ranking = ranked(read_answers(query, capabilities).requirements, capabilities)
    rows = [*ranking.matches, *ranking.maybes]
    slugs = dict(selectors.slugs({pk for c in rows for pk in (c.pk, c.family)}))
    return [(slugs[c.pk], slugs[c.family]) for c in rows]
