"""What the catalog list says about its filters: notes, the canonical query, the chips and
what search engines may index.

Each function reads a validated ProductFilter; none filters anything itself.
"""

from typing import NamedTuple

from django.http import QueryDict
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from catalog.conditions import CHOICE_CONDITIONS
from catalog.filters import ProductFilter
from catalog.models import ProductClass, Vendor


def _shown(value):
    return Truncator(str(value or "")).chars(40)


def notes(filterset):
    """Russian sentences about every parameter that was cut, repeated or ignored."""
    return filterset.form.notes()


def canonical_params(filterset):
    """The valid parameters as a canonical, shareable query (no page)."""
    params = QueryDict(mutable=True)
    for name in (*ProductFilter.PARAMS, "sort"):
        value = filterset.cleaned.get(name)
        if value in (None, "", []):
            continue
        if name in ProductFilter.MULTI_VALUED:
            params.setlist(name, [obj.slug for obj in value])
        elif isinstance(value, ProductClass | Vendor):
            params[name] = value.slug
        else:
            params[name] = str(value)
    return params


class Indexing(NamedTuple):
    canonical_query: QueryDict  # the query of the page's rel="canonical" address
    indexable: bool  # False: <meta name="robots" content="noindex, follow">


# Parameters under which a catalog list page stays indexable: one class (the class lists
# /catalog/?class=crm are landing pages of their own, in the sitemap).
INDEXABLE_PARAMS = ("class",)


def indexing(params, page_number):
    """The rel="canonical" query of a catalog list page and whether search engines may index it.

    params: canonical_params() (the valid filters and sort); page_number: the page shown.
    Every other combination of facets, a search or a sort is a crawl trap of near-duplicate
    lists: not indexable, canonical to the list it narrows (its class list, else the whole
    catalog), while its links to products are still followed. Pages 2+ of an indexable list
    are indexable and canonical to themselves: each shows other products, and pointing them
    at page 1 would tell search engines to drop the path to products listed further down.
    """
    indexable = all(name in INDEXABLE_PARAMS for name in params)
    query = QueryDict(mutable=True)
    for name in INDEXABLE_PARAMS:
        if name in params:
            query[name] = params[name]
    if indexable and page_number > 1:
        query["page"] = str(page_number)
    return Indexing(query, indexable)


def chips(filterset, params=None):
    """Active filters as (text, query string without that filter value)."""
    params = canonical_params(filterset) if params is None else params
    result = []
    for name in ProductFilter.PARAMS:
        label = filterset.filters[name].label
        for value in params.getlist(name):
            rest = params.copy()
            rest.setlist(name, [v for v in params.getlist(name) if v != value])
            text = _chip_text(filterset, name, value)
            result.append((text if name == "price_max" else f"{label}: {text}", rest.urlencode()))
    return result


def _chip_text(filterset, name, value):
    cleaned = filterset.cleaned[name]
    if name in ProductFilter.MULTI_VALUED:
        return next(str(obj) for obj in cleaned if obj.slug == value)
    if name in CHOICE_CONDITIONS or name == "match":
        return str(dict(filterset.filters[name].extra["choices"])[value])
    if name == "price_max":
        return _("Цена до %(price)s ₽") % {"price": value}
    return str(cleaned)
