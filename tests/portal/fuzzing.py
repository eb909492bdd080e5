"""Property-based fuzzing with hostile parameters (hypothesis): the values, the checks and
the data that tests/portal/test_fuzz*.py share.

Every public GET page gets random query strings built from the parameters it reads (and
others): random Unicode, hostile text (SQL, HTML, template syntax, control characters),
100 KB values, NUL bytes, raw invalid percent-encodings and bytes that are not UTF-8 (the
query string is built by hand and handed to Django undecoded), lone surrogates, and one
parameter repeated 200 times. The vote form gets the same values in its fields, and the
detail pages get hostile slugs. Two properties hold for every example:

- no 5xx: a bad parameter is a note, a 404 or a 400, never a server error;
- no unescaped reflection: a marker such as <x-fuzz-42> sent in any value never comes
  back with its angle brackets.

Production settings matter here (DEBUG off: the error pages, not the technical ones), so
each request runs under override_settings(DEBUG=False). The number of examples per page is
kept small so each file runs in well under a minute; a failure prints the example and a
@reproduce_failure blob.
"""

import os
from urllib.parse import quote

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st

from catalog.factories import CapabilityFactory, ProductClassFactory, VendorFactory
from catalog.models import Capability, ProductClass, SelectionTask
from glossary.factories import ArticleFactory, TermFactory
from polls.factories import ChoiceFactory, PollFactory, VoteFactory
from tests.catalog.helpers import product
from tests.polls.helpers import closed_poll_with_choices

FUZZ = settings(
    # FUZZ_EXAMPLES=1000 for a deeper run by hand; CI keeps the file well under a minute.
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "30")),
    deadline=None,
    print_blob=True,
    # The dataset is made once per test (a function-scoped fixture) and read by every example.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MARKER_PREFIX = b"<x-fuzz-"
HUGE = 100_000

# Values the pages know, so that examples also reach the code behind a valid filter.
KNOWN_VALUES = [
    "crm",
    "sfa",
    "acme",
    "alpha",
    "beta",
    "alpha,beta",
    "alpha,beta,gamma",
    "funnel",
    "api",
    "telephony",
    "b2b",
    "cloud",
    "on_premise",
    "available",
    "any",
    "yes",
    "russia",
    "exclude",
    "name",
    "price",
    "-price",
    "-updated",
    "1",
    "2",
    "csv",
    "products",
    "terms",
    "articles",
    *SelectionTask.values,
]
HOSTILE_TEXT = [
    "' OR 1=1 --",
    "'; DROP TABLE catalog_product; --",
    '" OR ""="',
    "%",
    "_",
    "\\",
    "1e309",
    "-1",
    "0",
    "9" * 40,
    "NaN",
    "1.5",
    " ",
    "\t\n\r",
    "\r\nSet-Cookie: fuzz=1",
    "\x00",
    "a\x00b",
    "../../etc/passwd",
    "//evil.example/",
    "https://evil.example/",
    "javascript:alert(1)",
    '"><script>alert(1)</script>',
    "{{ request }}",
    "{% debug %}",
    "\u202e\ufeff\u200b",
    "\U0001f600",
    "İß",
    "crm & sfa",
]
# Inserted into the query string as they are: Django gets them undecoded.
RAW_FRAGMENTS = [
    "%",
    "%%",
    "%G1",
    "%E2%82",  # a truncated UTF-8 sequence
    "%FF%FE",  # not UTF-8
    "%C0%AF",  # an overlong "/"
    "%ED%A0%80",  # a lone surrogate, UTF-8-encoded
    "%00",
    "%u0041",
    "+",
    "=",
    "==",
    "\xff\xfe",  # raw bytes above 0x7F, as a server passes them (WSGI strings are latin-1)
]


def encoded(text):
    """Percent-encoded as a browser would, lone surrogates included (as invalid UTF-8)."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


class Abridged(str):
    """A 100 KB value that a failure report prints abridged."""

    def _repr_pretty_(self, printer, cycle):
        printer.text(f"<{len(self):,} characters: {str.__repr__(self[:30])}…>")


markers = st.integers(0, 10**6).map(lambda n: f"<x-fuzz-{n}>")
texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(HOSTILE_TEXT),
    st.sampled_from(KNOWN_VALUES),
    markers,
    st.builds(lambda *parts: "".join(parts), st.sampled_from(KNOWN_VALUES), markers),
    st.builds(lambda *parts: "".join(parts), markers, st.sampled_from(HOSTILE_TEXT)),
)
huge_texts = st.sampled_from(["a", "ж", "<x-fuzz-huge>", "\x00", "%", "1"]).map(
    lambda c: Abridged(c * HUGE)
)
surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF).map(encoded)
# Raw values, as they stand in a query string or a urlencoded body.
values = st.one_of(
    texts.map(encoded),
    surrogates,
    st.sampled_from(RAW_FRAGMENTS),
    st.lists(st.one_of(texts.map(encoded), st.sampled_from(RAW_FRAGMENTS)), max_size=4).map(
        "".join
    ),
)
huge_values = huge_texts.map(lambda text: Abridged(encoded(text)))


def raw_forms(names, values):
    """A query string or urlencoded body as (name, value, times) triples: up to six pairs,
    sometimes with a 100 KB value or with one pair repeated 200 times."""
    pairs = st.lists(st.tuples(names, values, st.just(1)), max_size=6)
    extra = st.one_of(
        st.tuples(names, huge_values, st.just(1)),
        st.tuples(names, values, st.just(200)),
    )
    return st.tuples(pairs, st.lists(extra, max_size=1)).map(lambda lists: lists[0] + lists[1])


def as_raw(triples):
    return "&".join("&".join([f"{name}={value}"] * times) for name, value, times in triples)


def parameter_names(params):
    """Mostly the page's own parameters, some foreign or hostile names."""
    return st.one_of(
        st.sampled_from(params or ["q"]),
        st.sampled_from(["", "zz", "q[]", "<x-fuzz-name>", "page", "csrfmiddlewaretoken"]),
        st.text(max_size=10),
    ).map(encoded)


def make_dataset():
    """A small catalog, glossary and polls: the fuzzed pages' slugs exist."""
    crm = ProductClassFactory(slug="crm", name="CRM-система", kind=ProductClass.Kind.CRM, order=1)
    sfa = ProductClassFactory(slug="sfa", name="SFA-система", kind=ProductClass.Kind.SFA, order=2)
    funnel = CapabilityFactory(
        slug="funnel", name="Воронка продаж", group=Capability.Group.SALES, is_crm_criterion=True
    )
    api = CapabilityFactory(slug="api", name="Открытый API", group=Capability.Group.PLATFORM)
    telephony = CapabilityFactory(
        slug="telephony", name="Телефония", group=Capability.Group.INTEGRATION
    )
    vendor = VendorFactory(slug="acme", name="Acme")
    product(
        slug="alpha",
        name="Альфа CRM",
        vendor=vendor,
        product_class=crm,
        tags=["b2b"],
        capabilities=[funnel, api, telephony],
    )
    product(
        slug="beta",
        name="Бета SFA",
        vendor=vendor,
        product_class=sfa,
        price_from=None,
        capabilities=[api],
    )
    product(slug="gamma", name="Гамма CRM", product_class=crm, capabilities=[funnel])
    term = TermFactory(slug="crm-sistema", name="CRM-система", product_class=crm)
    TermFactory(slug="voronka", name="Воронка продаж")
    ArticleFactory(slug="kak-vybrat-crm", title="Как выбрать CRM", tags=["выбор"])
    ArticleFactory(tags=["b2b"]).related_terms.add(term)
    poll = PollFactory(slug="zadacha")
    ChoiceFactory(poll=poll)
    ChoiceFactory(poll=poll, allows_comment=True)
    _closed, choices = closed_poll_with_choices()
    VoteFactory(choice=choices[0])


def assert_handled(response):
    event(f"status {response.status_code}")  # --hypothesis-show-statistics shows the spread
    assert response.status_code < 500, response.status_code
    content = response.content if not response.streaming else b"".join(response)
    assert MARKER_PREFIX not in content, "a <x-fuzz-…> marker came back unescaped"
    assert MARKER_PREFIX.decode() not in response.get("Location", "")
