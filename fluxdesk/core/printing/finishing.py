"""Black-and-white finishing: threshold (manual or Otsu), despeckle, line smoothing, grey mask.

``finish`` is fast enough for a live preview on a screen-sized proxy (about 2 MP in a few tens
of milliseconds) and takes about a second on a 52 MP page. Settings are in pixels at the
target resolution; ``FinishSettings.scaled`` converts them for a proxy so the preview matches
the export. Blocking; call from a worker thread (the preview may run on a "latest wins" one).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np
from PIL import Image, ImageFilter

_EIGHT_CONNECTED = np.ones((3, 3), dtype=bool)  # diagonal ink pixels belong to one stroke


class ColorMode(StrEnum):
    mono = "mono"  # true 1-bit line art
    gray = "gray"  # 8-bit greys kept
    color = "color"


@dataclass(frozen=True, slots=True)
class FinishSettings:
    mode: ColorMode = ColorMode.mono
    threshold: int | None = None  # values below it become black; None: automatic (Otsu)
    despeckle_px: int = 0  # remove dark specks with fewer pixels than this (0: off)
    fill_pinholes: bool = True  # also fill white holes in black smaller than despeckle_px
    smooth_px: float = 0.0  # mono: blur radius before the threshold, rounds jagged lines

    def __post_init__(self) -> None:
        if self.threshold is not None and not 1 <= self.threshold <= 255:
            raise ValueError("the threshold must be between 1 and 255")
        if self.despeckle_px < 0 or self.smooth_px < 0:
            raise ValueError("despeckle and smoothing can't be negative")

    def scaled(self, factor: float) -> FinishSettings:
        """The same finishing for an image ``factor`` times the export's size (a preview proxy):
        speck areas scale with the square, the smoothing radius linearly."""
        return replace(
            self,
            despeckle_px=round(self.despeckle_px * factor * factor),
            smooth_px=self.smooth_px * factor,
        )


def to_gray(image: Image.Image) -> Image.Image:
    return image if image.mode == "L" else image.convert("L")


def otsu_threshold(image: Image.Image) -> int:
    """The threshold that best separates ink from paper (Otsu's method on the histogram)."""
    histogram = np.asarray(to_gray(image).histogram(), dtype=np.float64)
    levels = np.arange(256, dtype=np.float64)
    weight_dark = np.cumsum(histogram)
    weight_light = weight_dark[-1] - weight_dark
    sum_dark = np.cumsum(histogram * levels)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_dark = sum_dark / weight_dark
        mean_light = (sum_dark[-1] - sum_dark) / weight_light
        between = weight_dark * weight_light * (mean_dark - mean_light) ** 2
    between = np.nan_to_num(between[:-1])
    if not between.any():  # a blank or single-valued image: the usual mid-point
        return 128
    # Level k ends the dark class, so "below the threshold" means <= k.
    return int(np.argmax(between)) + 1


def ink_mask(image: Image.Image, threshold: int | None = None) -> np.ndarray:
    """True where the pixel is darker than ``threshold`` (Otsu when None)."""
    gray = to_gray(image)
    return np.asarray(gray) < (otsu_threshold(gray) if threshold is None else threshold)


def remove_small(mask: np.ndarray, min_pixels: int, *, eight_connected: bool = True) -> np.ndarray:
    """``mask`` without its connected parts of fewer than ``min_pixels`` pixels."""
    from scipy import ndimage

    if min_pixels <= 1 or not mask.any():
        return mask
    labels, _ = ndimage.label(mask, structure=_EIGHT_CONNECTED if eight_connected else None)
    keep = np.bincount(labels.ravel()) >= min_pixels
    keep[0] = False  # label 0 is outside the mask
    return keep[labels]


def despeckle_mask(ink: np.ndarray, min_pixels: int, *, fill_pinholes: bool = True) -> np.ndarray:
    ink = remove_small(ink, min_pixels)
    if fill_pinholes:
        # Paper is 4-connected when ink is 8-connected, so a diagonal stroke is not a hole's edge.
        ink = ~remove_small(~ink, min_pixels, eight_connected=False)
    return ink


def finish(image: Image.Image, settings: FinishSettings) -> Image.Image:
    """The image as it will print: mode 1 (mono), L (gray) or RGB (color)."""
    if settings.mode is ColorMode.color:
        return image if image.mode == "RGB" else image.convert("RGB")
    gray = to_gray(image)
    if settings.mode is ColorMode.gray:
        if not settings.despeckle_px:
            return gray
        # Greys stay; only specks (as the threshold would see them) are painted white.
        ink = ink_mask(gray, settings.threshold)
        specks = ink & ~remove_small(ink, settings.despeckle_px)
        pixels = np.array(gray)
        pixels[specks] = 255
        return Image.fromarray(pixels, "L")
    if settings.smooth_px > 0:
        gray = gray.filter(ImageFilter.GaussianBlur(settings.smooth_px))
    ink = ink_mask(gray, settings.threshold)
    if settings.despeckle_px:
        ink = despeckle_mask(ink, settings.despeckle_px, fill_pinholes=settings.fill_pinholes)
    return Image.fromarray(~ink)  # bool -> mode 1


def grey_mask(image: Image.Image, tolerance: int = 16) -> Image.Image:
    """Mode 1 mask of the pixels that are not black or white (within ``tolerance``), colour
    included: what a page marked mono still has to lose to the threshold."""
    gray = np.asarray(to_gray(image))
    grey = (gray > tolerance) & (gray < 255 - tolerance)
    if image.mode == "RGB":
        rgb = np.asarray(image)
        grey |= (rgb.max(axis=2).astype(np.int16) - rgb.min(axis=2)) > tolerance
    return Image.fromarray(grey)
