"""A client's suspicious request is one line in the log, not a traceback."""

import io
import logging
import sys

import pytest
from django.test import Client, override_settings

from core.log_filters import OneLineSecurityEvents

pytestmark = pytest.mark.django_db


@pytest.fixture
def console():
    """What the portal's console handler (settings.LOGGING) writes during the test."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@override_settings(DEBUG=False)
def test_a_host_outside_allowed_hosts_logs_one_line(console):
    response = Client().get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    lines = console.getvalue().splitlines()
    assert lines[0].startswith("Invalid HTTP_HOST header: 'evil.example'"), lines
    assert "Traceback" not in console.getvalue()
    assert all(not line.startswith("  File ") for line in lines)


def test_other_errors_keep_their_traceback():
    record = logging.LogRecord("portal.views", logging.ERROR, __file__, 1, "boom", None, None)
    try:
        raise ValueError("boom")
    except ValueError:
        record.exc_info = sys.exc_info()
    OneLineSecurityEvents().filter(record)
    assert record.exc_info is not None
