"""The in-process benches (make bench, make bench-load) measure every page they name.

Figures are never asserted (shared machines are noisy): these tests prove the commands run
on the demo content, reach each page with a 200 and report its queries.
"""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

# A table row: label, then median, p95 and more numbers.
ROW = re.compile(r"^(?P<label>[a-z][a-z ,0-9=]*?)\s+(?P<median>\d+\.\d)\s+(?P<p95>\d+\.\d)\s")


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def table_rows(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return [match["label"] for line in out.getvalue().splitlines() if (match := ROW.match(line))]


def test_bench_catalog_times_each_catalog_page(demo):
    labels = table_rows("bench_catalog", "--requests", "2", "--warmup", "1")
    assert "list" in labels and len(labels) >= 5


def test_bench_admin_times_the_editors_pages(demo):
    labels = table_rows("bench_admin", "--requests", "2")
    assert labels == ["product list", "product form", "new product", "term form", "product history"]


def test_bench_pages_lists_every_main_page_with_its_queries(demo):
    out = StringIO()
    call_command("bench_pages", stdout=out)
    pages = {row["label"]: row for row in json.loads(out.getvalue())}
    assert {"home", "catalog", "card", "wizard", "search", "poll page"} <= set(pages)
    assert pages["healthz"]["queries"] <= 1
    assert all(row["queries"] > 0 for label, row in pages.items() if label != "healthz")
    assert all(
        row["content_type"].startswith("text/html")
        for label, row in pages.items()
        if label not in {"healthz", "sitemap index"}
    )
