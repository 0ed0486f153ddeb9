"""Scan clean-up before sending: drop coloured pencil, levels or auto-contrast, despeckle, grey.

A pure function of an image and a `CleanupSettings` value; the file it came from is never
touched. Coloured pencil is found by its colour distance from the pencil's hue in an opponent
(luma/chroma, ITU-R 601) space, where graphite and paper are neutral. A pixel near the pencil's
hue moves towards what its brightest channel for that pencil says lies underneath, so faint
blue lines become paper while graphite drawn over them stays dark. The per-colour weight is a
precomputed table (32 768 colours), so a 2 MP preview proxy takes about 25 ms (see
benchmarks/cleanup_speed.py). Blocking: the GUI runs previews on a worker (latest wins) and
the full-resolution pass when staging the input.
"""

from __future__ import annotations

import functools
import math
from dataclasses import asdict, dataclass, fields, replace
from enum import StrEnum
from typing import Any

import numpy as np
from PIL import Image

from fluxdesk.core.printing.finishing import ink_mask, remove_small

PROXY_PIXELS = 2_000_000  # the preview's size: sharp enough to judge, fast enough to drag


class PencilColor(StrEnum):
    none = "none"
    blue = "blue"  # non-photo / light blue pencil
    red = "red"  # red or pink col-erase pencil
    any = "any"  # every coloured pencil: keep only neutral greys


# A typical pencil's colour on white paper (RGB), for its hue and its brightest channel.
_PENCILS: dict[PencilColor, tuple[int, int, int]] = {
    PencilColor.blue: (150, 205, 240),
    PencilColor.red: (235, 110, 120),
}
# Its brightest channel, for "any" colour: a light pencil of any hue.
_LIGHT_PENCIL = (235, 235, 235)
_HUE_TOLERANCE = math.radians(40)  # either side of the pencil's hue
_LUMA = np.array([0.299, 0.587, 0.114])  # ITU-R 601, as Pillow's "L" conversion


@dataclass(frozen=True, slots=True)
class CleanupSettings:
    remove: PencilColor = PencilColor.none
    sensitivity: int = 50  # 0..100: how faint a colour still counts as pencil
    auto_contrast: bool = False  # black and white points from the scan's histogram
    black_point: int = 0  # levels: this and darker become black
    white_point: int = 255  # levels: this and lighter become white (paper)
    gamma: float = 1.0  # > 1 lightens the mid-tones, < 1 darkens them
    despeckle_px: int = 0  # dark specks smaller than this many pixels become paper
    grayscale: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "remove", PencilColor(self.remove))
        if not 0 <= self.sensitivity <= 100:
            raise ValueError("sensitivity is from 0 to 100")
        if not 0 <= self.black_point < self.white_point <= 255:
            raise ValueError("the black point must be below the white point, within 0-255")
        if not 0.1 <= self.gamma <= 10:
            raise ValueError("gamma is from 0.1 to 10")
        if not 0 <= self.despeckle_px <= 100_000:
            raise ValueError("despeckle is from 0 to 100000 pixels")

    @property
    def is_identity(self) -> bool:
        """True when it would change nothing (grayscale aside)."""
        return replace(self, grayscale=True) == CleanupSettings()

    def scaled(self, factor: float) -> CleanupSettings:
        """The same clean-up for an image `factor` times the size (a preview proxy)."""
        return replace(self, despeckle_px=round(self.despeckle_px * factor * factor))

    def to_data(self) -> dict[str, Any]:
        data = asdict(self)
        data["remove"] = self.remove.value
        return data

    @classmethod
    def from_data(cls, data: Any) -> CleanupSettings:
        """From `to_data()` output (e.g. a history entry). Raises ValueError when invalid."""
        if not isinstance(data, dict):
            raise ValueError("clean-up settings must be an object")
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def proxy(image: Image.Image, max_pixels: int = PROXY_PIXELS) -> tuple[Image.Image, float]:
    """A screen-sized copy for the live preview, and its scale (1.0 when already small)."""
    width, height = image.size
    factor = min(1.0, math.sqrt(max_pixels / (width * height)))
    if factor >= 1.0:
        return image, 1.0
    size = (max(1, int(width * factor)), max(1, int(height * factor)))
    return image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0), factor


_BITS = 5  # per channel in the pencil-weight table: 32 768 entries, 128 KB
_STRIP_PIXELS = 4_000_000  # full pages are cleaned in strips: bounded memory


def _chroma(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(Cb, Cr) of RGB rows, as in ITU-R 601 YCbCr, centred on 0."""
    luma = rgb @ _LUMA
    return 0.564 * (rgb[..., 2] - luma), 0.713 * (rgb[..., 0] - luma)


@functools.lru_cache(maxsize=16)
def _weight_table(remove: PencilColor, sensitivity: int) -> np.ndarray:
    """How surely each colour (quantised to _BITS per channel) is the chosen pencil, 0..1.

    Distance in the chroma plane: along the pencil's hue past a neutral threshold, and within
    a cone around that hue. Computed once per setting, then looked up per pixel."""
    levels = (np.arange(1 << _BITS, dtype=np.float64) + 0.5) * (256 >> _BITS)
    red, green, blue = np.meshgrid(levels, levels, levels, indexing="ij")
    rgb = np.stack([red, green, blue], axis=-1)
    low = 3.0 + (100 - sensitivity) * 0.25  # chroma below this is neutral (graphite, paper)
    ramp = 8.0
    if remove is PencilColor.any:
        chroma = (rgb.max(axis=-1) - rgb.min(axis=-1)) * 0.6
        weight = np.clip((chroma - low) / ramp, 0.0, 1.0)
    else:
        cb, cr = _chroma(rgb)
        hue_cb, hue_cr = _chroma(np.array(_PENCILS[remove], dtype=np.float64))
        length = math.hypot(hue_cb, hue_cr)
        along = (cb * hue_cb + cr * hue_cr) / length  # chroma towards the pencil's hue
        across = np.abs(cb * hue_cr - cr * hue_cb) / length  # and away from it
        cone = along * math.tan(_HUE_TOLERANCE)
        within_hue = np.clip((cone - across) / (0.5 * cone + 1.0), 0.0, 1.0)
        weight = np.clip((along - low) / ramp, 0.0, 1.0) * within_hue
    return weight.astype(np.float32).ravel()  # index: red, green, blue (most significant first)


def _remove_pencil(image: Image.Image, settings: CleanupSettings, gray: bool) -> np.ndarray:
    """Each pixel moved towards what lies under the pencil, by how surely it is pencil."""
    table = _weight_table(settings.remove, settings.sensitivity)
    shift = 8 - _BITS
    pencil = _PENCILS.get(settings.remove, _LIGHT_PENCIL)
    channel = int(np.argmax(pencil))
    paper = _paper_levels(image)  # grey, red, green, blue
    any_hue = settings.remove is PencilColor.any
    paper_channel = max(paper[1:]) if any_hue else paper[1 + channel]
    # The pencil alone on this paper reads as the paper's grey, never lighter.
    scale = paper[0] / max(1.0, paper_channel * pencil[channel] / 255.0)
    rows = max(1, _STRIP_PIXELS // image.width)
    strips = []
    for top in range(0, image.height, rows):
        whole = rows >= image.height  # a preview proxy: no copy
        strip = image if whole else image.crop((0, top, image.width, min(image.height, top + rows)))
        planes = [np.asarray(plane) for plane in strip.split()]
        index = (planes[0] >> shift).astype(np.uint16)
        for plane in planes[1:]:
            index <<= _BITS
            index |= plane >> shift
        weight = np.take(table, index)
        if any_hue:
            under = np.maximum(np.maximum(planes[0], planes[1]), planes[2]).astype(np.float32)
        else:
            under = planes[channel].astype(np.float32)
        under *= scale
        np.minimum(under, paper[0], out=under)
        targets = [np.asarray(strip.convert("L"), np.float32)] if gray else planes
        cleaned = [_blend(np.asarray(t, np.float32), under, weight) for t in targets]
        strips.append(cleaned[0] if gray else np.dstack(cleaned))
    return np.concatenate(strips, axis=0)


def _paper_levels(image: Image.Image) -> tuple[float, float, float, float]:
    """The paper's grey and its red, green and blue: the levels that only 2 % of a reduced
    copy's pixels are lighter than."""
    small = image.reduce(max(1, round(math.sqrt(image.width * image.height) / 512)))
    levels = []
    for plane in (small.convert("L"), *small.split()):
        cumulative = np.cumsum(plane.histogram())
        levels.append(float(np.searchsorted(cumulative, cumulative[-1] * 0.98)))
    return levels[0], levels[1], levels[2], levels[3]


def _blend(values: np.ndarray, under: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """values + weight * (under - values), rounded to bytes (in place where it can)."""
    result = under - values
    result *= weight
    result += values
    result += 0.5
    np.clip(result, 0, 255, out=result)
    return result.astype(np.uint8)


def _levels_table(black: float, white: float, gamma: float) -> np.ndarray:
    values = np.clip((np.arange(256, dtype=np.float32) - black) / max(1.0, white - black), 0, 1)
    return np.round(255.0 * values ** (1.0 / gamma)).astype(np.uint8)


def _auto_points(gray: np.ndarray, clip: float = 0.005) -> tuple[int, int]:
    """Black point: the darkest `clip` of the pixels go black. White point: the lower edge of
    the paper's peak in the histogram, so paper grain and scanner noise go pure white."""
    histogram = np.asarray(Image.fromarray(gray).histogram())  # Pillow's C histogram: fast
    cumulative = np.cumsum(histogram)
    black = int(np.searchsorted(cumulative, cumulative[-1] * clip))
    paper = 96 + int(np.argmax(histogram[96:]))
    edge = paper
    while edge > 0 and histogram[edge - 1] > histogram[paper] / 4:
        edge -= 1
    white = max(edge, black + 16)
    if white > 255:  # a blank or nearly blank page: leave it alone
        return 0, 255
    return black, white


def _to_gray(rgb: np.ndarray) -> np.ndarray:
    return np.asarray(Image.fromarray(rgb, "RGB").convert("L"))


def _despeckle(pixels: np.ndarray, gray: np.ndarray, min_pixels: int) -> None:
    ink = ink_mask(Image.fromarray(gray))
    specks = ink & ~remove_small(ink, min_pixels)
    pixels[specks] = 255


def clean_up(image: Image.Image, settings: CleanupSettings) -> Image.Image:
    """`image` (mode L or RGB) cleaned: mode L when `settings.grayscale` or the input is grey,
    else RGB. Never modifies `image`."""
    as_gray = settings.grayscale or image.mode != "RGB"
    removing = settings.remove is not PencilColor.none and image.mode == "RGB"
    if removing:
        pixels = _remove_pencil(image, settings, as_gray)  # a new array
    else:
        pixels = np.asarray(image.convert("L") if as_gray else image)  # maybe read-only

    if settings.auto_contrast:
        black, white = _auto_points(pixels if pixels.ndim == 2 else _to_gray(pixels))
    else:
        black, white = settings.black_point, settings.white_point
    if (black, white, settings.gamma) != (0, 255, 1.0):
        pixels = np.take(_levels_table(black, white, settings.gamma), pixels)  # a new array
    elif not removing:
        pixels = np.array(pixels)  # writable copy: despeckle paints into it
    if settings.despeckle_px > 1:
        gray = pixels if pixels.ndim == 2 else _to_gray(pixels)
        _despeckle(pixels, gray, settings.despeckle_px)
    return Image.fromarray(pixels, "L" if pixels.ndim == 2 else "RGB")
