"""Every public page and detail slug, fuzzed with hostile parameters (tests/portal/fuzzing.py
says how and which properties hold)."""

import pytest
from django.test import Client, override_settings
from hypothesis import given
from hypothesis import strategies as st

from catalog.filters import ProductFilter
from selection.forms import ANSWER_PARAMS
from tests.portal.fuzzing import (
    FUZZ,
    RAW_FRAGMENTS,
    as_raw,
    assert_handled,
    encoded,
    make_dataset,
    parameter_names,
    raw_forms,
    surrogates,
    texts,
    values,
)

pytestmark = pytest.mark.django_db

# Each page and the parameters it reads (README's URL map, catalog/forms.py).
PAGES = {
    "/": [],
    # The filter's own parameters, so a new filter is fuzzed without being listed here.
    "/catalog/": [*ProductFilter.PARAMS, "sort", "page"],
    "/catalog/alpha/": [],
    "/catalog/vendors/acme/": [],
    "/catalog/compare/": ["products", "diff", "format"],
    # The wizard's own answers, likewise.
    "/selection/": list(ANSWER_PARAMS),
    "/glossary/": ["q"],
    "/glossary/crm-sistema/": [],
    "/materials/": ["tag", "page"],
    "/materials/kak-vybrat-crm/": [],
    "/materials/feed/": [],
    "/polls/": ["page"],
    "/polls/zadacha/": [],
    "/search/": ["q", "kind", "page"],
    "/sitemap.xml": ["p"],  # Django's sitemap view reads ?p=
    "/robots.txt": [],
}


@pytest.fixture
def dataset():
    make_dataset()


def get(path, query_string):
    with override_settings(DEBUG=False):
        return Client().get(path, QUERY_STRING=query_string)


def test_every_public_page_is_fuzzed(dataset):
    # The table above names a page that exists for each path: a 200 before any fuzzing.
    for path in PAGES:
        assert get(path, "").status_code == 200, path


# One test per page, so a failure names the page and every page gets its own examples.
@pytest.mark.parametrize("path", list(PAGES))
@FUZZ
@given(data=st.data())
def test_a_page_survives_hostile_parameters(dataset, path, data):
    query = data.draw(raw_forms(parameter_names(PAGES[path]), values), label="query")
    assert_handled(get(path, as_raw(query)))


@FUZZ
@given(
    prefix=st.sampled_from(
        ["/catalog/", "/catalog/vendors/", "/glossary/", "/materials/", "/polls/"]
    ),
    segment=st.one_of(texts.map(encoded), surrogates, st.sampled_from(RAW_FRAGMENTS)),
)
def test_a_hostile_slug_is_never_an_error(dataset, prefix, segment):
    with override_settings(DEBUG=False):
        response = Client().get(f"{prefix}{segment}/")
    assert_handled(response)
