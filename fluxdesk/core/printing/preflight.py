"""Print preflight: problems an artist can act on before exporting, each with a severity, a
plain message and, where it has one, a box (left, top, right, bottom) in the checked image's
pixels for the canvas to highlight.

Checks: effective resolution below the target dpi; grey areas on a page marked mono; dark
pixels outside the safe area; lines thinner than ``ExportSettings.min_line_mm`` (an opening
with a disk that just fits a line of that width removes thinner strokes); screentones finer
than ~65 lpi, which moiré (a cheap FFT over tone-like blocks).

Run it on the page as placed, before finishing (a finished mono page has no grey left to
report). The image may be a proxy: physical sizes come from ``settings``. Blocking (about a
second for a 52 MP page); call from a worker thread. ``cancel`` is checked between checks.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from PIL import Image

from fluxdesk.core.messages import Message
from fluxdesk.core.printing.finishing import ColorMode, grey_mask, ink_mask
from fluxdesk.core.printing.pages import MM_PER_INCH, Rect
from fluxdesk.core.printing.settings import ExportSettings
from fluxdesk.core.printing.steps import Progress, check_cancel, report

Box = tuple[int, int, int, int]

MAX_SAFE_LPI = 65.0  # "60 lines or coarser" with a little measuring tolerance
_SCREEN_BLOCK = 256
_SCREEN_BLOCKS = 8  # per side, at most
_SCREEN_PEAK_RATIO = 20.0  # a tone's peak towers over the spectrum; hand hatching's doesn't


class Severity(StrEnum):
    error = "error"  # will print badly
    warning = "warning"  # probably unintended; look at it
    info = "info"


class Check(StrEnum):
    resolution = "resolution"
    grey = "grey"
    outside_safe = "outside_safe"
    thin_lines = "thin_lines"
    fine_screen = "fine_screen"


@dataclass(frozen=True, slots=True)
class Finding:
    check: Check
    severity: Severity
    message: str
    bbox: Box | None = None
    count: int | None = None  # pixels or places, as the message says
    value: float | None = None  # dpi, mm or lpi, as the message says


def preflight(
    image: Image.Image,
    settings: ExportSettings,
    *,
    source_dpi: float | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> list[Finding]:
    """Findings for ``image``, the page (trim or bleed box, as ``settings.bleed``) at any
    scale. ``source_dpi`` is the resolution the artwork really has on paper (e.g. a 1 MP
    result stretched over a B4 page: ~150 dpi); by default the image's own."""
    page_w_mm = settings.page.size_mm(bleed=settings.bleed)[0]
    px_per_mm = image.width / page_w_mm
    if image.mode == "1":
        ink = ~np.asarray(image)
    else:
        threshold = settings.finish.threshold if settings.mode is ColorMode.mono else 128
        ink = ink_mask(image, threshold)
    steps = (
        lambda: _resolution(source_dpi or px_per_mm * MM_PER_INCH, settings),
        lambda: _grey(image) if settings.mode is ColorMode.mono else None,
        lambda: _outside_safe(ink, image, settings),
        lambda: _thin_lines(ink, settings.min_line_mm * px_per_mm, settings.min_line_mm),
        lambda: _fine_screen(ink, px_per_mm * MM_PER_INCH),
    )
    findings = []
    for done, step in enumerate(steps, start=1):
        check_cancel(cancel)
        if finding := step():
            findings.append(finding)
        report(progress, done / len(steps))
    return findings


def _bbox(mask: np.ndarray, offset: tuple[int, int] = (0, 0)) -> Box | None:
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    if not rows.size:
        return None
    x, y = offset
    return (int(cols[0]) + x, int(rows[0]) + y, int(cols[-1]) + 1 + x, int(rows[-1]) + 1 + y)


def _grown(box: Box | None, by: int, shape: tuple[int, ...]) -> Box | None:
    if box is None:
        return None
    left, top, right, bottom = box
    height, width = shape[:2]
    return (max(0, left - by), max(0, top - by), min(width, right + by), min(height, bottom + by))


def _resolution(effective_dpi: float, settings: ExportSettings) -> Finding | None:
    if effective_dpi >= settings.dpi * 0.95:
        return None
    factor = settings.dpi / effective_dpi
    return Finding(
        Check.resolution,
        Severity.warning if factor < 2 else Severity.error,
        Message(
            "The artwork has {real_dpi:.0f} dpi of real detail on this page and is enlarged "
            "{factor:.1f}× to {dpi} dpi: check fine lines and hatching at 100 % zoom.",
            real_dpi=effective_dpi,
            factor=factor,
            dpi=settings.dpi,
        ),
        value=effective_dpi,
    )


def _grey(image: Image.Image) -> Finding | None:
    grey = np.asarray(grey_mask(image))
    # Anti-aliasing along edges (1–2 px) is expected; count only grey areas 3 px across.
    core = grey[1:-1, 1:-1] & grey[:-2, 1:-1] & grey[2:, 1:-1] & grey[1:-1, :-2] & grey[1:-1, 2:]
    count = int(core.sum())
    if not count:
        return None
    share = 100 * count / grey.size
    return Finding(
        Check.grey,
        Severity.warning,
        Message(
            "Grey areas ({count:,} px, {share:.1f} % of the page) remain on a page marked "
            "black and white; the threshold will turn them black or white.",
            count=count,
            share=share,
        ),
        bbox=_grown(_bbox(core, (1, 1)), 1, grey.shape),  # give back the eroded border
        count=count,
    )


def _outside_safe(ink: np.ndarray, image: Image.Image, settings: ExportSettings) -> Finding | None:
    guides = settings.guides
    scale = image.width / guides.canvas.width
    safe = _scaled(guides.safe, scale)
    outside = ink.copy()
    outside[safe.top : safe.bottom, safe.left : safe.right] = False
    count = int(outside.sum())
    if not count:
        return None
    return Finding(
        Check.outside_safe,
        Severity.warning,
        Message(
            "{count:,} dark pixels lie outside the safe area; that is fine for bleed panels, "
            "but text and faces there may be trimmed or sit too close to the edge.",
            count=count,
        ),
        bbox=_bbox(outside),
        count=count,
    )


def _scaled(rect: Rect, scale: float) -> Rect:
    return Rect.from_box(tuple(round(v * scale) for v in rect.as_box()))  # type: ignore[arg-type]


def _disk(diameter: int) -> np.ndarray:
    """A digital disk ``diameter`` pixels across (even sizes centred between pixels)."""
    centre = (diameter - 1) / 2
    y, x = np.mgrid[:diameter, :diameter]
    return (x - centre) ** 2 + (y - centre) ** 2 <= centre**2 + 0.5


def _thin_lines(ink: np.ndarray, min_px: float, min_mm: float) -> Finding | None:
    # Lines are whole pixels wide, so "thinner than 2.36 px" means at most 2 px: a disk of
    # ceil(min) px fits in every stroke that is wide enough and in none that is thinner.
    from scipy import ndimage

    diameter = math.ceil(min_px - 1e-6)
    if diameter < 2 or not ink.any():
        return None  # one pixel is already wider than the minimum at this scale
    opened = ndimage.binary_opening(ink, structure=_disk(diameter))
    thin = ink & ~opened
    ys, xs = np.nonzero(thin)  # sparse from here on: a page has few thin pixels
    if not ys.size:
        return None
    labels, _ = ndimage.label(thin, structure=np.ones((3, 3), dtype=bool))
    ids = labels[ys, xs]
    # Thick strokes lose a few corner pixels to the opening; a thin line is a long run.
    long_enough = np.bincount(ids) >= 4 * diameter * diameter
    long_enough[0] = False
    places = int(long_enough.sum())
    if not places:
        return None
    keep = long_enough[ids]
    bbox = (
        int(xs[keep].min()),
        int(ys[keep].min()),
        int(xs[keep].max()) + 1,
        int(ys[keep].max()) + 1,
    )
    return Finding(
        Check.thin_lines,
        Severity.warning,
        Message(
            "{count} line(s) are thinner than {min_mm:g} mm ({min_px:.1f} px at this size) "
            "and may break up or vanish in print.",
            count=places,
            min_mm=min_mm,
            min_px=min_px,
        ),
        bbox=bbox,
        count=places,
        value=min_mm,
    )


def _fine_screen(ink: np.ndarray, dpi: float) -> Finding | None:
    """Looks for a sharp periodic peak in blocks that are part ink, part paper (tones)."""
    height, width = ink.shape
    if height < _SCREEN_BLOCK or width < _SCREEN_BLOCK:
        return None
    window = np.outer(np.hanning(_SCREEN_BLOCK), np.hanning(_SCREEN_BLOCK))
    freq = np.hypot(
        *np.meshgrid(np.fft.fftfreq(_SCREEN_BLOCK), np.fft.rfftfreq(_SCREEN_BLOCK), indexing="ij")
    )
    low_cut = 20 / dpi  # ignore anything coarser than 20 lpi: panels, shapes
    finest, boxes = 0.0, []
    for top in np.linspace(0, height - _SCREEN_BLOCK, min(_SCREEN_BLOCKS, height // _SCREEN_BLOCK)):
        for left in np.linspace(
            0, width - _SCREEN_BLOCK, min(_SCREEN_BLOCKS, width // _SCREEN_BLOCK)
        ):
            y, x = int(top), int(left)
            block = ink[y : y + _SCREEN_BLOCK, x : x + _SCREEN_BLOCK].astype(np.float32)
            if not 0.1 < block.mean() < 0.9:
                continue
            spectrum = np.abs(np.fft.rfft2((block - block.mean()) * window))
            spectrum[freq < low_cut] = 0
            peak = int(np.argmax(spectrum))
            if spectrum.flat[peak] < _SCREEN_PEAK_RATIO * spectrum.mean():
                continue
            lpi = float(freq.flat[peak] * dpi)
            if lpi > MAX_SAFE_LPI:
                finest = max(finest, lpi)
                boxes.append((x, y, x + _SCREEN_BLOCK, y + _SCREEN_BLOCK))
    if not boxes:
        return None
    bbox = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    return Finding(
        Check.fine_screen,
        Severity.warning,
        Message(
            "A tone of about {lpi:.0f} lpi was found; tones finer than 60 lines often moiré "
            "in print. Use a coarser tone (60 lines or less).",
            lpi=finest,
        ),
        bbox=bbox,
        count=len(boxes),
        value=finest,
    )
