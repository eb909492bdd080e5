"""Draws public/favicon.ico (16, 32 and 48 px) from the shapes of static/img/favicon.svg.

    .venv/bin/python scripts/make_favicon.py

Pillow cannot read SVG, so the two shapes are repeated here: change both together.
"""

from pathlib import Path

from PIL import Image, ImageDraw

SCALE = 8  # the SVG's 32-unit viewBox drawn at 256 px, then scaled down per size
OUT = Path(__file__).resolve().parent.parent / "public" / "favicon.ico"


def main():
    size = 32 * SCALE
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([0, 0, size - 1, size - 1], radius=7 * SCALE, fill="#2453d6")
    diamond = [(16, 6), (26, 16), (16, 26), (6, 16)]
    draw.polygon([(x * SCALE, y * SCALE) for x, y in diamond], fill="#ffffff")
    image.save(OUT, sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
