"""Geometry of the funnel picture (glossary/funnel.py)."""

import pytest

from glossary.funnel import (
    BAND_HEIGHT,
    MIN_FRACTION,
    WIDTH,
    build_funnel,
    historical_funnel,
    snapshot_funnel,
)


def polygon(band):
    return [tuple(map(float, point.split(","))) for point in band.points.split()]


def test_it_narrows_each_band_to_the_next_stage():
    funnel = build_funnel([("A", 100), ("B", 50), ("C", 0)], gap=4)
    widths = [polygon(band)[1][0] - polygon(band)[0][0] for band in funnel.bands]
    assert widths[0] == pytest.approx(WIDTH)
    assert widths[0] > widths[1] > widths[2]
    assert widths[2] == pytest.approx(WIDTH * MIN_FRACTION, abs=0.2)  # zero still has a label
    # the bottom edge of a band is as wide as the top edge of the next one
    first, second = polygon(funnel.bands[0]), polygon(funnel.bands[1])
    assert first[2][0] - first[3][0] == pytest.approx(second[1][0] - second[0][0])


def test_it_stacks_bands_with_gaps_and_centres_them():
    funnel = build_funnel([("A", 10), ("B", 5)], gap=20)
    assert funnel.height == 2 * BAND_HEIGHT + 20
    top, bottom = polygon(funnel.bands[1])[0][1], polygon(funnel.bands[1])[2][1]
    assert (top, bottom) == (BAND_HEIGHT + 20, 2 * BAND_HEIGHT + 20)
    for band in funnel.bands:
        xs = [x for x, _ in polygon(band)]
        assert (min(xs) + max(xs)) / 2 == pytest.approx(funnel.center, abs=0.1)
    assert funnel.bands[1].conversion_y == BAND_HEIGHT + 10


def test_it_computes_conversions_and_shares():
    funnel = build_funnel([("Лиды", 200), ("Сделки", 50), ("Договор", 10)])
    assert [b.conversion for b in funnel.bands] == [None, 25, 20]
    assert [b.share for b in funnel.bands] == [100, 25, 5]
    assert funnel.overall_conversion == 5.0


def test_it_uses_the_sample_numbers_for_both_kinds():
    snapshot = snapshot_funnel()
    assert [(b.label, b.value) for b in snapshot.bands] == [
        ("Лиды", 120),
        ("Квалификация", 80),
        ("Предложение", 45),
        ("Переговоры", 25),
        ("Договор", 12),
    ]
    historical = historical_funnel()
    assert [b.conversion for b in historical.bands] == [None, 42, 50, 56, 54]
    assert historical.height > snapshot.height  # room for the percentages between stages


def test_it_refuses_impossible_stages():
    with pytest.raises(ValueError):
        build_funnel([])
    with pytest.raises(ValueError):
        build_funnel([("A", -1)])
