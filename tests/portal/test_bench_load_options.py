"""scripts/bench_load.py's options: the catalog sizes to measure and the table that compares
them (the load itself needs gunicorn and wrk and runs by hand: docs/performance.md)."""

import argparse
import importlib.util
import sys
from pathlib import Path

import pytest
from django.conf import settings

SCRIPTS = Path(settings.BASE_DIR) / "scripts"


@pytest.fixture(scope="module")
def bench_load():
    sys.path.insert(0, str(SCRIPTS))  # the script imports ops.py from beside it
    try:
        spec = importlib.util.spec_from_file_location("bench_load", SCRIPTS / "bench_load.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(SCRIPTS))


def test_it_reads_several_catalog_sizes(bench_load):
    assert bench_load.sizes_argument("5000,50000") == [5000, 50000]
    assert bench_load.sizes_argument("300") == [300]


@pytest.mark.parametrize("text", ["", "5000,", "пять", "5000;50000", "5"])
def test_it_refuses_what_is_not_a_list_of_sizes(bench_load, text):
    with pytest.raises(argparse.ArgumentTypeError):
        bench_load.sizes_argument(text)


def test_each_size_gets_a_database_of_its_own_only_when_there_are_several(bench_load):
    assert bench_load.database_for(5000, [5000]) == "portal_ops_bench"
    assert bench_load.database_for(50000, [5000, 50000]) == "portal_ops_bench_50000"


def test_the_comparison_gives_each_pages_cost_at_the_largest_size(bench_load, capsys):
    def run(products, healthz_share, card_share):
        rows = [("healthz", healthz_share), ("card", card_share), ("healthz (again)", 1.0)]
        pages = [{"label": label, "share_of_healthz": share} for label, share in rows]
        return {"products": products, "pages": pages}

    bench_load.print_comparison([run(5000, 1.0, 1 / 20), run(50000, 1.0, 1 / 40)])
    card = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("card"))
    assert card.split() == ["card", "1/20", "1/40", "2.00x"]


def test_the_hit_rate_after_an_edit_counts_only_pages_the_cache_may_keep(bench_load, capsys):
    bench_load.print_after_edit(
        {
            "product": "syn-product-49999",
            "before": {"catalog": "hit", "glossary": "hit", "poll page": "view"},
            "after": {"catalog": "miss", "glossary": "hit", "poll page": "view"},
        }
    )
    lines = capsys.readouterr().out.splitlines()
    assert "1 of 2 after saving product syn-product-49999" in lines[0]
    assert "2 of 2 before" in lines[0]
    assert lines[1].endswith("still cached: glossary")
    assert lines[2].endswith("rebuilt: catalog")
