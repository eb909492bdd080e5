"""The wizard's whole answer for a query, as the evaluation reads it: the ranked slugs."""

from catalog.models import Capability
from selection import scoring, selectors
from selection.forms import read_answers


def ranked_slugs(query):
    """(slug, main entry's slug) of every product the wizard answers `query` with: the sure
    matches, then the possible ones, each best first (what the page shows, beyond its first
    ten). An edition's main entry is its family: "Битрикс24" names either edition."""
    capabilities = list(Capability.objects.all())
    requirements = read_answers(query, capabilities).requirements
    params = scoring.filter_params(requirements)
    asked = [pk for need in (*requirements.must, *requirements.nice) for pk in need.capability_pks]
    matches, maybes = scoring.rank(
        selectors.candidates(params, asked), requirements, selectors.rates()
    )
    rows = [*matches, *maybes]
    slugs = dict(selectors.slugs({pk for c in rows for pk in (c.pk, c.family)}))
    return [(slugs[c.pk], slugs[c.family]) for c in rows]
