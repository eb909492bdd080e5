import pytest
from django.test import override_settings


@pytest.fixture(autouse=True)
def _no_rate_limit_unless_asked():
    """Most tests post many votes from one IP; the rate-limit tests set their own limit."""
    with override_settings(POLL_VOTE_RATE_LIMIT=None):
        yield
