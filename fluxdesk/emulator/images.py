"""Result pictures: plausible, quick to make, and the same bytes for the same request and seed.

- Text-to-image: a seeded black-and-white "manga panel sketch" (panel borders, figures, buildings,
  hatching, speed lines) with the first words of the prompt written small in a corner.
- Edits with an input (Kontext, FLUX.2 with ``input_image``): the input "inked": grayscale,
  autocontrast, darkened, thresholded to clean black on white; the threshold and a slight change
  of line weight vary with the seed.
- Fill: the white part of ``mask`` (or the transparent part of ``image``) hatched, the rest kept.
- Expand: the original pasted unchanged, its edge pixels stretched outwards and faded to white.

Everything is drawn at the output size in 8-bit grayscale, so 1 MP takes tens of milliseconds.
"""

from __future__ import annotations

import hashlib
import io
import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

from fluxdesk.emulator.catalog import Family
from fluxdesk.emulator.validation import InputImage, ValidatedRequest

WHITE, BLACK = 255, 0
CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def render_result(request: ValidatedRequest, seed: int) -> bytes:
    """The encoded result image for a validated request; deterministic in (seed, inputs, prompt)."""
    rng = random.Random(_fingerprint(seed, request))
    size = (request.width, request.height)
    family = request.spec.family
    if family is Family.fill:
        mask = request.image("mask")
        picture = hatch_fill(_open(request.images[0]), _open(mask) if mask else None, rng)
    elif family is Family.expand:
        params = request.params
        sides = tuple(params.get(k) or 0 for k in ("left", "top", "right", "bottom"))
        picture = expand(_open(request.images[0]), sides, rng)  # type: ignore[arg-type]
    elif family.edits_input and request.images:
        picture = ink(_open(request.images[0]), size, rng)
    else:
        picture = panel_sketch(size, request.prompt, rng)
    return encode(picture, request.output_format)


def render_picture(
    prompt: str, seed: int, source: bytes | None, size: tuple[int, int], output_format: str
) -> bytes:
    """What the other emulators (fal.ai, ComfyUI) deliver: `source` inked, or a panel sketch
    when there is none; deterministic in (seed, prompt, source)."""
    digest = hashlib.sha256(f"{seed}\n{prompt}\n".encode())
    if source is not None:
        digest.update(hashlib.sha256(source).digest())
    rng = random.Random(int.from_bytes(digest.digest()[:8], "big"))
    picture = ink(_open(source), size, rng) if source else panel_sketch(size, prompt, rng)
    return encode(picture, output_format)


def source_size(source: bytes) -> tuple[int, int]:
    """An input's size, as the emulators need it to keep its shape (ValueError if unreadable)."""
    try:
        with Image.open(io.BytesIO(source)) as img:
            return img.size
    except (OSError, SyntaxError) as exc:
        raise ValueError(f"not an image ({exc})") from None


def encode(picture: Image.Image, output_format: str) -> bytes:
    buffer = io.BytesIO()
    picture = picture.convert("RGB")
    if output_format == "png":
        picture.save(buffer, "PNG", compress_level=1)  # speed over size: it is loopback
    elif output_format == "webp":
        picture.save(buffer, "WEBP", quality=85, method=0)
    else:
        picture.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _fingerprint(seed: int, request: ValidatedRequest) -> int:
    digest = hashlib.sha256(f"{seed}\n{request.prompt}\n".encode())
    for image in request.images:
        digest.update(hashlib.sha256(image.data).digest())
    return int.from_bytes(digest.digest()[:8], "big")


def _open(image: InputImage | bytes) -> Image.Image:
    data = image if isinstance(image, bytes) else image.data
    with Image.open(io.BytesIO(data)) as img:
        img = ImageOps.exif_transpose(img)
        if img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info:
            return img.convert("RGBA")
        return img.convert("RGB")


def _on_white(img: Image.Image) -> Image.Image:
    if img.mode != "RGBA":
        return img
    canvas = Image.new("RGB", img.size, (255, 255, 255))
    canvas.paste(img, mask=img.getchannel("A"))
    return canvas


# --- Edits ------------------------------------------------------------------------------------


def ink(source: Image.Image, size: tuple[int, int], rng: random.Random) -> Image.Image:
    """Scanned pencils in, clean black-on-white "ink" out."""
    gray = ImageOps.fit(_on_white(source).convert("L"), size, Image.Resampling.BILINEAR)
    gray = ImageOps.autocontrast(gray, cutoff=1)
    gamma = rng.uniform(1.3, 1.9)  # darken the mid-tones, where pencil lines live
    threshold = rng.randint(140, 205)
    lut = [WHITE if 255 * (v / 255) ** gamma > threshold else BLACK for v in range(256)]
    inked = gray.point(lut)
    weight = rng.choice(("thin", "normal", "bold"))
    if weight == "bold":
        inked = inked.filter(ImageFilter.MinFilter(3))  # black spreads: heavier lines
    elif weight == "thin":
        inked = inked.filter(ImageFilter.MaxFilter(3))
    return inked


def hatch_fill(source: Image.Image, mask: Image.Image | None, rng: random.Random) -> Image.Image:
    base = _on_white(source)
    if mask is not None:
        area = mask.convert("L").point(lambda v: 255 if v >= 128 else 0)
    elif source.mode == "RGBA":
        area = source.getchannel("A").point(lambda v: 255 if v < 128 else 0)
    else:
        return base  # nothing marked to fill
    pattern = Image.new("L", base.size, WHITE)
    _hatch(ImageDraw.Draw(pattern), (0, 0, *base.size), rng, cross=rng.random() < 0.5)
    return Image.composite(pattern.convert("RGB"), base.convert("RGB"), area)


def expand(
    source: Image.Image, sides: tuple[int, int, int, int], rng: random.Random
) -> Image.Image:
    """The original kept pixel for pixel, its edge pixels stretched outwards and faded to white."""
    original = _on_white(source).convert("RGB")
    left, top, right, bottom = sides
    w, h = original.size
    size = (w + left + right, h + top + bottom)
    # Edge replication, first sideways then up and down, so the corners get the corner pixels.
    row = Image.new("RGB", (size[0], h))
    row.paste(original, (left, 0))
    if left:
        row.paste(original.crop((0, 0, 1, h)).resize((left, h)), (0, 0))
    if right:
        row.paste(original.crop((w - 1, 0, w, h)).resize((right, h)), (left + w, 0))
    padded = Image.new("RGB", size)
    padded.paste(row, (0, top))
    if top:
        padded.paste(row.crop((0, 0, size[0], 1)).resize((size[0], top)), (0, 0))
    if bottom:
        padded.paste(row.crop((0, h - 1, size[0], h)).resize((size[0], bottom)), (0, top + h))
    across = _ramp(size[0], left, w).resize(size, Image.Resampling.NEAREST)
    down = _ramp(size[1], top, h).rotate(-90, expand=True).resize(size, Image.Resampling.NEAREST)
    white = Image.new("RGB", size, (255, 255, 255))
    canvas = Image.composite(padded, white, ImageChops.darker(across, down))
    sketch = ImageDraw.Draw(canvas)
    for _ in range(rng.randint(3, 8)):  # a few loose strokes so the extension is not flat
        x0, y0 = rng.randrange(size[0]), rng.randrange(size[1])
        x1, y1 = x0 + rng.randint(-200, 200), y0 + rng.randint(-60, 60)
        sketch.line((x0, y0, x1, y1), fill=(90, 90, 90), width=2)
    canvas.paste(original, (left, top))
    return canvas


def _ramp(total: int, start: int, length: int) -> Image.Image:
    """A one-pixel-high mask: 255 over [start, start + length), falling to 0 at both ends."""
    end = start + length
    values = bytearray(total)
    for x in range(total):
        if x < start:
            values[x] = 255 * x // start
        elif x >= end:
            values[x] = 255 * (total - 1 - x) // max(1, total - end)
        else:
            values[x] = 255
    return Image.frombytes("L", (total, 1), bytes(values))


# --- Text to image ----------------------------------------------------------------------------


def panel_sketch(size: tuple[int, int], prompt: str, rng: random.Random) -> Image.Image:
    width, height = size
    unit = max(1, min(width, height) // 100)
    page = Image.new("L", size, WHITE)
    margin, gutter = 3 * unit, 2 * unit
    for box in _layout((margin, margin, width - margin, height - margin), gutter, rng):
        panel = Image.new("L", (box[2] - box[0], box[3] - box[1]), WHITE)
        _draw_panel(ImageDraw.Draw(panel), panel.size, unit, rng)
        page.paste(panel, box[:2])
        ImageDraw.Draw(page).rectangle(box, outline=BLACK, width=max(2, unit // 2 + 1))
    _caption(ImageDraw.Draw(page), prompt, size, unit)
    return page


def _layout(area: tuple[int, int, int, int], gutter: int, rng: random.Random) -> list:
    x0, y0, x1, y1 = area
    kind = rng.choice(("one", "rows", "columns", "top_wide"))
    if kind == "one" or x1 - x0 < 8 * gutter or y1 - y0 < 8 * gutter:
        return [area]
    split = rng.uniform(0.38, 0.62)
    if kind == "columns":
        xm = int(x0 + (x1 - x0) * split)
        return [(x0, y0, xm - gutter // 2, y1), (xm + gutter // 2, y0, x1, y1)]
    ym = int(y0 + (y1 - y0) * split)
    top = (x0, y0, x1, ym - gutter // 2)
    if kind == "rows":
        return [top, (x0, ym + gutter // 2, x1, y1)]
    xm = int(x0 + (x1 - x0) * rng.uniform(0.4, 0.6))
    return [
        top,
        (x0, ym + gutter // 2, xm - gutter // 2, y1),
        (xm + gutter // 2, ym + gutter // 2, x1, y1),
    ]


def _draw_panel(draw: ImageDraw.ImageDraw, size: tuple[int, int], unit: int, rng: random.Random):
    w, h = size
    if rng.random() < 0.5:
        _speed_lines(draw, size, rng)
    horizon = int(h * rng.uniform(0.55, 0.8))
    draw.line((0, horizon, w, horizon), fill=BLACK, width=max(1, unit // 3))
    for _ in range(rng.randint(0, 3)):  # buildings on the horizon
        bw, bh = rng.randint(w // 12, w // 5 + 1), rng.randint(h // 8, h // 2 + 1)
        bx = rng.randrange(max(1, w - bw))
        draw.rectangle(
            (bx, horizon - bh, bx + bw, horizon), outline=BLACK, fill=WHITE, width=unit // 2 + 1
        )
        for wy in range(horizon - bh + 2 * unit, horizon - 2 * unit, 4 * unit):
            draw.line((bx + unit, wy, bx + bw - unit, wy), fill=BLACK, width=1)
    for _ in range(rng.randint(1, 3)):
        _figure(draw, rng.randint(w // 6, max(w // 6 + 1, 5 * w // 6)), horizon, h, unit, rng)
    if rng.random() < 0.6:
        hx, hy = rng.randrange(w), rng.randrange(h)
        _hatch(draw, (hx, hy, hx + w // 4, hy + h // 5), rng, cross=False)


def _figure(draw, x: int, ground: int, h: int, unit: int, rng: random.Random) -> None:
    tall = int(h * rng.uniform(0.3, 0.55))
    head = max(3, tall // 7)
    hip, neck = ground - tall // 2, ground - tall + 2 * head
    line = max(1, unit // 2 + 1)
    draw.ellipse((x - head, neck - 2 * head, x + head, neck), outline=BLACK, fill=WHITE, width=line)
    draw.line((x, neck, x, hip), fill=BLACK, width=line)
    for sign in (-1, 1):
        reach = sign * rng.randint(head, 3 * head)
        draw.line(
            (x, neck + head, x + reach, neck + rng.randint(0, 3 * head)), fill=BLACK, width=line
        )
        draw.line(
            (x, hip, x + sign * rng.randint(head // 2, 2 * head), ground), fill=BLACK, width=line
        )


def _speed_lines(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random) -> None:
    w, h = size
    cx, cy = rng.uniform(0.3, 0.7) * w, rng.uniform(0.3, 0.7) * h
    reach = math.hypot(w, h)
    for _ in range(rng.randint(40, 90)):
        angle = rng.uniform(0, 2 * math.pi)
        inner = reach * rng.uniform(0.18, 0.35)
        start = (cx + inner * math.cos(angle), cy + inner * math.sin(angle))
        draw.line((*start, cx + reach * math.cos(angle), cy + reach * math.sin(angle)), fill=BLACK)


def _hatch(
    draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], rng: random.Random, *, cross: bool
) -> None:
    x0, y0, x1, y1 = box
    spacing = rng.randint(6, 14)
    span = (x1 - x0) + (y1 - y0)
    for offset in range(0, span, spacing):
        draw.line((x0 + offset, y0, x0 + offset - (y1 - y0), y1), fill=BLACK, width=1)
        if cross:
            draw.line((x1 - offset, y0, x1 - offset + (y1 - y0), y1), fill=BLACK, width=1)


def _caption(draw: ImageDraw.ImageDraw, prompt: str, size: tuple[int, int], unit: int) -> None:
    words = prompt.split()
    if not words:
        return
    text = " ".join(words[:6]) + (" …" if len(words) > 6 else "")
    try:
        font: ImageFont.ImageFont | ImageFont.FreeTypeFont = ImageFont.load_default(
            size=max(10, 2 * unit)
        )
    except (OSError, TypeError, ValueError):  # no FreeType: the fixed bitmap font
        font = ImageFont.load_default()
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x, y = 6 * unit, size[1] - 6 * unit - (bottom - top)  # inside the panel border
    draw.rectangle(
        (x - unit, y - unit, x + right - left + unit, y + bottom - top + unit), fill=WHITE
    )
    draw.text((x - left, y - top), text, fill=BLACK, font=font)
