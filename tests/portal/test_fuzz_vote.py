"""The poll's vote form, fuzzed with hostile fields urlencoded and multipart
(tests/portal/fuzzing.py says how and which properties hold)."""

import pytest
from django.test import Client, override_settings
from hypothesis import given
from hypothesis import strategies as st

from polls.models import Choice
from tests.portal.fuzzing import (
    FUZZ,
    as_raw,
    assert_handled,
    encoded,
    huge_texts,
    make_dataset,
    raw_forms,
    texts,
    values,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset():
    make_dataset()


VOTE_FIELDS = ["choice", "comment", "next", "csrfmiddlewaretoken"]


def vote_bodies(choice_ids):
    """Raw urlencoded bodies of the vote form, often with a valid choice first."""
    valid = st.sampled_from(choice_ids).map(lambda pk: [("choice", pk, 1)])
    names = st.sampled_from(VOTE_FIELDS).map(encoded)
    return st.tuples(
        st.one_of(st.just([]), valid),
        raw_forms(names, st.one_of(values, st.sampled_from(choice_ids))),
    ).map(lambda lists: lists[0] + lists[1])


def choice_ids():
    return [
        str(pk) for pk in Choice.objects.filter(poll__slug="zadacha").values_list("pk", flat=True)
    ]


@FUZZ
@given(data=st.data())
def test_the_vote_form_survives_hostile_fields(dataset, data):
    """The poll's POST form, urlencoded by hand so that raw bytes reach Django."""
    body = data.draw(vote_bodies(choice_ids()), label="body")
    with override_settings(DEBUG=False, POLL_VOTE_RATE_LIMIT=None):
        response = Client(enforce_csrf_checks=False).generic(
            "POST",
            "/polls/zadacha/vote/",
            as_raw(body).encode("latin-1"),
            content_type="application/x-www-form-urlencoded",
        )
    assert_handled(response)


@FUZZ
@given(
    data=st.data(),
    fields=st.dictionaries(st.sampled_from(VOTE_FIELDS), st.one_of(texts, huge_texts), max_size=4),
)
def test_the_vote_form_survives_hostile_multipart_fields(dataset, data, fields):
    """The same form as the test client sends it: multipart/form-data."""
    fields.setdefault("choice", data.draw(st.sampled_from(choice_ids()), label="choice"))
    with override_settings(DEBUG=False, POLL_VOTE_RATE_LIMIT=None):
        response = Client(enforce_csrf_checks=False).post("/polls/zadacha/vote/", fields)
    assert_handled(response)
