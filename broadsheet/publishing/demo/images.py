"""Pictures for the demo, drawn with Pillow: soft abstract compositions, never photos.

Each picture is seeded by a string (the article slug), so a demo looks the same every
time it is loaded. Shapes are drawn at a fraction of the size and scaled up, which
softens their edges for free and keeps the whole demo to a few seconds.
"""

import functools
import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

LEAD_SIZE = (1200, 675)
BANNER_SIZE = (1200, 300)
JPEG_QUALITY = 80
# Shapes are drawn this many times smaller than the picture, then scaled up.
SCALE = 2

# One palette per top-level section: two background colours, then accents.
PALETTES = {
    "international": [(16, 42, 67), (44, 98, 138), (242, 169, 59), (232, 93, 4), (237, 230, 210)],
    "inland": [(64, 46, 50), (140, 84, 66), (231, 187, 104), (249, 229, 188), (83, 120, 149)],
    "wirtschaft": [(14, 59, 54), (35, 110, 94), (212, 175, 55), (242, 232, 207), (199, 81, 70)],
    "kultur": [(52, 23, 66), (133, 41, 90), (241, 136, 91), (250, 213, 165), (86, 153, 166)],
    "umwelt": [(22, 58, 34), (80, 125, 62), (176, 204, 106), (240, 233, 180), (64, 140, 170)],
}


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    # Pillow's built-in font scales when FreeType is available (it is in the wheels).
    return ImageFont.load_default(size=size)


def _gradient(size: tuple[int, int], top, bottom, *, horizontal: bool = False) -> Image.Image:
    mask = Image.linear_gradient("L")
    if horizontal:
        mask = mask.transpose(Image.Transpose.ROTATE_90)
    mask = mask.resize(size, Image.Resampling.BILINEAR)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _shape(draw: ImageDraw.ImageDraw, rng: random.Random, size, fill) -> None:
    width, height = size
    kind = rng.choice(("circle", "circle", "band", "triangle"))
    if kind == "circle":
        radius = rng.randint(height // 8, height // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=fill)
    elif kind == "band":
        y = rng.randint(0, height)
        thickness = rng.randint(height // 20, height // 6)
        slope = rng.randint(-height // 2, height // 2)
        draw.polygon(
            [(0, y), (width, y + slope), (width, y + slope + thickness), (0, y + thickness)],
            fill=fill,
        )
    else:
        points = [
            (rng.randint(-width // 4, width), rng.randint(-height // 4, height)) for _ in range(3)
        ]
        draw.polygon(points, fill=fill)


def _composition(
    size: tuple[int, int], palette: list, rng: random.Random, shapes: int
) -> Image.Image:
    small = (size[0] // SCALE, size[1] // SCALE)
    top, bottom = palette[0], palette[1]
    if rng.random() < 0.5:
        top, bottom = bottom, top
    picture = _gradient(small, top, bottom, horizontal=rng.random() < 0.4).convert("RGBA")
    for _ in range(shapes):
        # Each shape on its own layer, so overlapping shapes blend instead of cover.
        layer = Image.new("RGBA", small, (0, 0, 0, 0))
        colour = rng.choice(palette[2:])
        _shape(ImageDraw.Draw(layer), rng, small, (*colour, rng.randint(70, 170)))
        picture = Image.alpha_composite(picture, layer)
    # A slight blur before scaling up turns the stair-stepped edges into soft ones.
    picture = picture.convert("RGB").filter(ImageFilter.GaussianBlur(1.2))
    return picture.resize(size, Image.Resampling.BILINEAR)


def _jpeg(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


@functools.cache  # deterministic: a second demo load in the same process reuses the bytes
def lead_image_jpeg(seed: str, *, section: str) -> bytes:
    """A 1200×675 illustration in the colours of a top-level section (its slug)."""
    rng = random.Random(seed)
    picture = _composition(LEAD_SIZE, PALETTES[section], rng, shapes=rng.randint(4, 7))
    draw = ImageDraw.Draw(picture)
    margin = 36
    font = _font(30)
    # The built-in font has no umlauts; section slugs are plain ASCII.
    text = f"{section.upper()}  ·  ILLUSTRATION"
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    y = LEAD_SIZE[1] - margin - (bottom - top)
    draw.rectangle(
        [margin - 14, y - 12, margin + (right - left) + 14, y + (bottom - top) + 14],
        fill=(16, 16, 16),
    )
    draw.text((margin, y - top), text, font=font, fill=(250, 246, 236))
    return _jpeg(picture)


@functools.cache
def shop_banner_jpeg(*, title: str, subtitle: str) -> bytes:
    """A 1200×300 banner for the shop promo block."""
    rng = random.Random("shop-banner")
    palette = PALETTES["kultur"]
    picture = _composition(BANNER_SIZE, palette, rng, shapes=6)
    draw = ImageDraw.Draw(picture)
    draw.rectangle([40, 60, 820, 240], fill=(20, 14, 24))
    draw.text((68, 84), title, font=_font(56), fill=(250, 213, 165))
    draw.text((70, 170), subtitle, font=_font(28), fill=(245, 240, 232))
    return _jpeg(picture)
