"""Geometry of the sales funnel picture on the "Воронка продаж" page.

The two kinds from the source text, from sample numbers: the instant snapshot (active deals
per stage now) and the historical funnel (how many of a period's leads passed each stage, so
the stage-to-stage conversion shows where clients are lost). Python computes every
coordinate; the template only draws, so the SVG needs no JavaScript and no inline styles.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SNAPSHOT_STAGES = (
    (_("Лиды"), 120),
    (_("Квалификация"), 80),
    (_("Предложение"), 45),
    (_("Переговоры"), 25),
    (_("Договор"), 12),
)
HISTORICAL_STAGES = (
    (_("Лиды"), 1000),
    (_("Квалификация"), 420),
    (_("Предложение"), 210),
    (_("Переговоры"), 118),
    (_("Договор"), 64),
)

WIDTH = 400
BAND_HEIGHT = 44
# The narrowest band keeps this share of the full width, so its label still fits inside.
MIN_FRACTION = 0.5
BAND_CLASSES = 5  # .funnel__band--1 … --5 in glossary.css


@dataclass(frozen=True)
class Band:
    number: int
    label: str
    value: int
    points: str  # SVG polygon points
    text_y: float
    share: int  # percent of the first stage
    conversion: int | None  # percent of the previous stage that reached this one
    conversion_y: float | None  # where the conversion note sits, in the gap above the band

    @property
    def css_class(self):
        return f"funnel__band--{(self.number - 1) % BAND_CLASSES + 1}"

    @property
    def has_conversion(self):
        """False for the first stage, which has none before it (a 0 % conversion is one)."""
        return self.conversion is not None


@dataclass(frozen=True)
class Funnel:
    width: int
    height: int
    center: float
    bands: tuple[Band, ...]

    @property
    def overall_conversion(self):
        """Percent of the first stage that reached the last one, with one decimal."""
        first, last = self.bands[0].value, self.bands[-1].value
        return round(100 * last / first, 1) if first else 0


def _percent(part, whole):
    return round(100 * part / whole) if whole else 0


def _half_width(value, top):
    fraction = MIN_FRACTION + (1 - MIN_FRACTION) * (value / top if top else 0)
    return WIDTH * fraction / 2


def build_funnel(stages, *, gap=4):
    """Lay stages out as stacked trapezoids, each narrowing to the next stage's width.

    `gap` is the space between bands; the historical funnel uses a wide gap to hold the
    conversion percentage between two stages.
    """
    if not stages:
        raise ValueError("a funnel needs at least one stage")
    values = [int(value) for _label, value in stages]
    if any(value < 0 for value in values):
        raise ValueError("stage values cannot be negative")
    top = max(values)
    center = WIDTH / 2
    bands = []
    y = 0.0
    for index, (label, value) in enumerate(stages):
        if index:
            y += gap
        upper = _half_width(value, top)
        # The last band narrows a little so the picture still reads as a funnel.
        lower = _half_width(values[index + 1], top) if index + 1 < len(values) else upper * 0.85
        points = " ".join(
            f"{x:.1f},{py:.1f}"
            for x, py in (
                (center - upper, y),
                (center + upper, y),
                (center + lower, y + BAND_HEIGHT),
                (center - lower, y + BAND_HEIGHT),
            )
        )
        previous = values[index - 1] if index else None
        bands.append(
            Band(
                number=index + 1,
                label=str(label),
                value=value,
                points=points,
                text_y=round(y + BAND_HEIGHT / 2, 1),
                share=_percent(value, values[0]),
                conversion=_percent(value, previous) if previous is not None else None,
                conversion_y=round(y - gap / 2, 1) if index else None,
            )
        )
        y += BAND_HEIGHT
    return Funnel(width=WIDTH, height=round(y), center=center, bands=tuple(bands))


def snapshot_funnel():
    return build_funnel(SNAPSHOT_STAGES, gap=4)


def historical_funnel():
    return build_funnel(HISTORICAL_STAGES, gap=26)
