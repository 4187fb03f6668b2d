"""Draw resources/logo.png: a generic water drop in pure black and white, for
receipts of a utility that has not configured its own logo file.

    .venv/bin/python resources/make_logo.py

120 x 120 pixels: a thermal printer prints it dot for dot (15 mm at 203 dpi),
so the ESC/POS bytes do not depend on how Pillow resamples.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 120
SCALE = 8  # drawn larger, then shrunk: smooth edges before the threshold


def drop() -> Image.Image:
    side = SIZE * SCALE
    image = Image.new("L", (side, side), 255)
    draw = ImageDraw.Draw(image)
    cx, cy, r = side / 2, side * 0.62, side * 0.33  # the round bottom
    tip = (cx, side * 0.04)
    theta = math.acos(r / (cy - tip[1]))  # where the sides touch the circle
    left = (cx - r * math.sin(theta), cy - r * math.cos(theta))
    right = (cx + r * math.sin(theta), cy - r * math.cos(theta))
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=0)
    draw.polygon([tip, right, left], fill=0)
    inner = r * 0.68  # a white gleam on the left of the bulb
    draw.arc((cx - inner, cy - inner, cx + inner, cy + inner), start=150, end=215, fill=255, width=int(side * 0.045))
    small = image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    return small.point(lambda value: 255 if value >= 128 else 0).convert("1")


if __name__ == "__main__":
    drop().save(Path(__file__).with_name("logo.png"), optimize=True)
