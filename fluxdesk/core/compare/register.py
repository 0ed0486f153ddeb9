"""Registers a model's result onto the pencils it was made from, and overlays the two.

The result is first stretched onto the pencils' frame (it was made from them, usually near
1 MP), then a residual uniform scale and shift are estimated: phase correlation of edge maps
at ~1000 px over a small scale search, then refined from local shifts in a grid of tiles
(``phase.PhaseCorrelator``; OpenCV resamples and computes edges).

Transform: a point ``n`` of the stretched result lies on the pencils at
``c + scale * (n - c) + (dx, dy)``, where ``c`` is the pencils' centre (all in pencil px).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from fluxdesk.core.compare.phase import PhaseCorrelator

WORK_LONG_SIDE = 1024
MAX_SCALE_ERROR = 0.06  # models keep the framing; a residual zoom beyond ±6% is not a redraw
_COARSE_STEPS = 13  # 1% apart: the tile fit takes it from there
_TILES = 4  # per side, for the local shifts that pin down scale
_MIN_TILE_RESPONSE = 0.08  # below this a tile has too little line work to trust


@dataclass(frozen=True, slots=True)
class Registration:
    """Where the result sits on the pencils (see the module docstring for the transform)."""

    dx: float
    dy: float
    scale: float
    confidence: float  # phase-correlation peak, 0..1: < 0.05 unrelated images, > 0.2 a match

    @classmethod
    def identity(cls) -> Registration:
        return cls(0.0, 0.0, 1.0, 1.0)

    def matrix(
        self, result_size: tuple[int, int], pencils_size: tuple[int, int], out_scale: float = 1.0
    ) -> np.ndarray:
        """2×3 affine from result pixel centres to pixel centres of the pencils' grid scaled by
        `out_scale` (the convention of ``cv2.warpAffine``)."""
        (rw, rh), (pw, ph) = result_size, pencils_size
        rows = []
        for stretch, centre, shift, column in (
            (pw / rw, pw / 2, self.dx, 0),
            (ph / rh, ph / 2, self.dy, 1),
        ):
            gain = out_scale * self.scale * stretch
            offset = out_scale * (centre + self.scale * (stretch * 0.5 - centre) + shift) - 0.5
            row = [0.0, 0.0, offset]
            row[column] = gain
            rows.append(row)
        return np.array(rows, np.float64)


def register(
    pencils: Image.Image,
    result: Image.Image,
    *,
    max_scale_error: float = MAX_SCALE_ERROR,
    work_long_side: int = WORK_LONG_SIDE,
) -> Registration:
    """Estimates the result's residual shift and uniform scale on the pencils.

    A coarse scale search (whole-image phase correlation per trial scale), then local shifts
    in a grid of tiles fitted to a scale-and-shift by weighted least squares.
    Blocking; call from a worker thread (about 0.5 s, whatever the page size).
    """
    k = min(1.0, work_long_side / max(pencils.size))
    size = (max(1, round(pencils.width * k)), max(1, round(pencils.height * k)))
    reference = _edges(_gray(pencils, size))
    moving = _edges(_gray(result, size))
    correlator = PhaseCorrelator(reference)
    trials = []
    for scale in np.linspace(1 - max_scale_error, 1 + max_scale_error, _COARSE_STEPS):
        tx, ty, response = correlator.shift(_warp(moving, float(scale), (0.0, 0.0)))
        # Drawn at `scale`, the result appears shifted by t: the pencils lie the other way.
        trials.append((response, float(scale), (-tx, -ty)))
    _, scale, shift = max(trials)
    scale, shift = _refine(reference, _warp(moving, scale, shift), scale, shift)
    _, _, response = correlator.shift(_warp(moving, scale, shift))
    return Registration(shift[0] / k, shift[1] / k, scale, max(0.0, response))


def _refine(
    reference: np.ndarray, aligned: np.ndarray, scale: float, shift: tuple[float, float]
) -> tuple[float, tuple[float, float]]:
    """Fits the residual ``t(x) = (1 - s) (x - c) - d`` to tile shifts; composes it on."""
    height, width = reference.shape
    th, tw = height // _TILES, width // _TILES
    if min(th, tw) < 32:
        return scale, shift
    rows = []
    for i in range(_TILES):
        for j in range(_TILES):
            window = (slice(i * th, (i + 1) * th), slice(j * tw, (j + 1) * tw))
            tx, ty, response = PhaseCorrelator(reference[window]).shift(aligned[window])
            if response >= _MIN_TILE_RESPONSE:
                qx, qy = (j + 0.5) * tw - width / 2, (i + 0.5) * th - height / 2
                rows.append((qx, qy, tx, ty, response))
    if len(rows) < 3:
        return scale, shift
    data = np.array(rows)
    keep = np.ones(len(data), bool)
    for _ in range(2):  # fit, drop tiles the model redrew (far off the fit), fit again
        a, bx, by = _fit(data[keep])
        residual = np.hypot(a * data[:, 0] + bx - data[:, 2], a * data[:, 1] + by - data[:, 3])
        keep = residual <= max(1.0, 2 * float(np.median(residual)))
        if keep.sum() < 3:
            break
    sigma = 1 - a
    return sigma * scale, (sigma * shift[0] - bx, sigma * shift[1] - by)


def _fit(data: np.ndarray) -> tuple[float, float, float]:
    """Weighted least squares for ``t = a q + b`` over both axes (a shared)."""
    qx, qy, tx, ty, weight = data.T
    zeros, ones = np.zeros_like(qx), np.ones_like(qx)
    design = np.vstack([np.column_stack([qx, ones, zeros]), np.column_stack([qy, zeros, ones])])
    target = np.concatenate([tx, ty])
    root = np.sqrt(np.concatenate([weight, weight]))
    solution = np.linalg.lstsq(design * root[:, None], target * root, rcond=None)[0]
    return float(solution[0]), float(solution[1]), float(solution[2])


def _warp(image: np.ndarray, scale: float, shift: tuple[float, float]) -> np.ndarray:
    """`image` under ``p = c + scale (n - c) + shift`` (c the centre), same size."""
    import cv2

    height, width = image.shape
    cx, cy = width / 2 - 0.5, height / 2 - 0.5  # the centre in cv2's pixel-centre coordinates
    matrix = np.array(
        [[scale, 0, (1 - scale) * cx + shift[0]], [0, scale, (1 - scale) * cy + shift[1]]]
    )
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR)


def align(
    result: Image.Image,
    pencils_size: tuple[int, int],
    registration: Registration,
    out_scale: float = 1.0,
) -> Image.Image:
    """The result resampled onto the pencils' pixel grid (times `out_scale`), paper-white where
    it does not reach. Keeps the result's mode (L or RGB). Blocking; call from a worker."""
    import cv2

    size = (round(pencils_size[0] * out_scale), round(pencils_size[1] * out_scale))
    source = result if result.mode in ("L", "RGB") else result.convert("RGB")
    matrix = registration.matrix(result.size, pencils_size, out_scale)
    fill = 255 if source.mode == "L" else (255, 255, 255)
    warped = cv2.warpAffine(
        np.asarray(source), matrix, size, flags=cv2.INTER_LINEAR, borderValue=fill
    )
    return Image.fromarray(warped, source.mode)


def onion_skin(
    pencils: Image.Image,
    result: Image.Image,
    registration: Registration,
    *,
    pencil_color: tuple[int, int, int] = (30, 110, 255),
    result_color: tuple[int, int, int] = (230, 40, 40),
    out_scale: float = 1.0,
) -> Image.Image:
    """Pencils and registered result as two tinted inks multiplied on white (RGB): lines in
    both look dark, lines only in one show its colour. Blocking; call from a worker thread."""
    import cv2

    size = (round(pencils.width * out_scale), round(pencils.height * out_scale))
    under = np.asarray(_gray(pencils, size))
    over = np.asarray(align(result.convert("L"), pencils.size, registration, out_scale))
    levels = np.arange(256, dtype=np.float32)
    channels = []
    for under_tint, over_tint in zip(pencil_color, result_color, strict=True):
        # Per grey level: white stays white, black becomes the tint (uint8 lookup tables).
        under_lut = np.round(255 - (255 - levels) * (1 - under_tint / 255)).astype(np.uint8)
        over_lut = np.round(255 - (255 - levels) * (1 - over_tint / 255)).astype(np.uint8)
        channels.append(cv2.multiply(under_lut[under], over_lut[over], scale=1 / 255))
    return Image.fromarray(np.dstack(channels), "RGB")


def _gray(image: Image.Image, size: tuple[int, int]) -> np.ndarray:
    gray = image if image.mode == "L" else image.convert("L")
    if gray.size != size:
        shrink = size[0] < gray.width
        gray = gray.resize(size, Image.Resampling.BOX if shrink else Image.Resampling.BILINEAR)
    return np.asarray(gray)


def _edges(gray: np.ndarray) -> np.ndarray:
    """Gradient magnitude: pencil strokes and inked lines share their edges, not their tone."""
    import cv2

    soft = cv2.GaussianBlur(gray.astype(np.float32), (0, 0), 1.0)
    return cv2.magnitude(cv2.Sobel(soft, cv2.CV_32F, 1, 0), cv2.Sobel(soft, cv2.CV_32F, 0, 1))
