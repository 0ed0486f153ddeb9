"""Align to pencils: measure how far an edit model shifted or scaled the drawing.

Both images are reduced to the same proxy (long side ``PROXY_SIDE``), inverted so ink is
signal, and compared by cross-correlation of the blurred strokes. Not phase correlation: its
whitening matches edges, and a thick ink line's edges sit elsewhere than a thin pencil line's,
while a plain correlation of blurred strokes peaks where their centre lines meet. A search over
scales on a quarter-size proxy finds the coarse correction; then a grid of patches each
measures its local shift (sub-pixel, from a Gaussian-shaped peak) and a least-squares fit, with
outliers dropped, turns those into one offset and one scale about the page centre. A few
rounds converge.

Blocking (a few hundred milliseconds); call from a worker thread. ``cancel`` is checked
between rounds.
"""

from __future__ import annotations

import threading

import numpy as np
from PIL import Image

from fluxdesk.core.printing.fit import Alignment
from fluxdesk.core.printing.steps import Progress, check_cancel, report

PROXY_SIDE = 1024
_GRID = 5  # patches per side
_MIN_PEAK = 0.1  # a correlation below this is chance, not a match
_BLUR_SIGMA = 2.0  # proxy pixels: the correlation peak is shaped to this Gaussian
_ROUNDS = 4
_INLIER_PX = 1.5  # proxy pixels a patch may disagree with the fitted correction
_COARSE_SCALES = np.linspace(0.9, 1.1, 21)  # models rarely rescale a drawing by more than 10 %


def align_to(
    reference: Image.Image,
    image: Image.Image,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Alignment:
    """How ``image``, stretched onto ``reference``'s frame, must move and scale to match it
    (see ``Alignment``; values in reference pixels). ``confidence`` is the share of the drawn
    parts of the page that agree with the correction; 0 means nothing matched (the identity
    is returned)."""
    factor = min(1.0, PROXY_SIDE / max(reference.size))
    size = (max(16, round(reference.width * factor)), max(16, round(reference.height * factor)))
    ref = _ink(reference, size)
    img = _ink(image, size)
    centre = np.array([size[0] / 2, size[1] / 2])

    offset, scale, peak = _coarse(ref, img, centre)
    if peak < _MIN_PEAK:
        report(progress, 1.0)
        return Alignment(confidence=0.0)
    confidence = 0.0
    for round_ in range(_ROUNDS):
        check_cancel(cancel)
        warped = _warp(img, offset, scale, centre)
        fitted = _fit_patches(ref, warped, centre)
        report(progress, (round_ + 1) / _ROUNDS)
        if fitted is None:
            if round_ == 0:  # the whole-frame match was luck: no part of the page agrees
                return Alignment(confidence=0.0)
            break
        residual_scale, residual_offset, confidence = fitted
        # Compose: the residual acts after the current estimate.
        offset = residual_scale * offset + residual_offset
        scale *= residual_scale
        if abs(residual_scale - 1) < 1e-4 and np.abs(residual_offset).max() < 0.02:
            break
    report(progress, 1.0)
    sx, sy = reference.width / size[0], reference.height / size[1]
    return Alignment(float(offset[0] * sx), float(offset[1] * sy), float(scale), confidence)


def _coarse(
    reference: np.ndarray, image: np.ndarray, centre: np.ndarray
) -> tuple[np.ndarray, float, float]:
    """Best whole-frame (offset, scale, peak) over a range of scales, on a quarter-size proxy:
    a few percent of scale smears a whole-frame correlation peak beyond recognition."""
    small_ref, small_img = _reduce(reference, 4), _reduce(image, 4)
    best = (np.zeros(2), 1.0, -1.0)
    for scale in _COARSE_SCALES:
        warped = _warp(small_img, np.zeros(2), scale, centre / 4)
        shift, peak = _correlate(small_ref, warped)
        if peak > best[2]:
            best = (np.array(shift) * 4, float(scale), peak)
    return best


def _reduce(ink: np.ndarray, factor: int) -> np.ndarray:
    return np.asarray(Image.fromarray(ink, "F").reduce(factor), dtype=np.float32)


def _ink(image: Image.Image, size: tuple[int, int]) -> np.ndarray:
    gray = image.convert("L").resize(size, Image.Resampling.BOX)
    return 255.0 - np.asarray(gray, dtype=np.float32)


def _warp(ink: np.ndarray, offset: np.ndarray, scale: float, centre: np.ndarray) -> np.ndarray:
    """``ink`` with content at p moved to c + scale·(p − c) + offset (continuous coordinates)."""
    inverse = 1.0 / scale
    cx, cy = centre
    coefficients = (
        inverse,
        0.0,
        cx - (cx + offset[0]) * inverse,
        0.0,
        inverse,
        cy - (cy + offset[1]) * inverse,
    )
    moved = Image.fromarray(ink, "F").transform(
        (ink.shape[1], ink.shape[0]),
        Image.Transform.AFFINE,
        coefficients,
        Image.Resampling.BILINEAR,
        fillcolor=0.0,
    )
    return np.asarray(moved, dtype=np.float32)


def _correlate(reference: np.ndarray, image: np.ndarray) -> tuple[tuple[float, float], float]:
    """(dx, dy) such that reference(p) ≈ image(p − d), and the correlation there (−1 … 1)."""
    height, width = reference.shape
    window = np.outer(np.hanning(height), np.hanning(width)).astype(np.float32)
    fy = np.fft.fftfreq(height)[:, None]
    fx = np.fft.rfftfreq(width)[None, :]
    # Blurring both by σ/√2 makes the peak a Gaussian of σ, which a log-parabola locates to a
    # fraction of a pixel.
    blur = np.exp(-((np.pi * _BLUR_SIGMA) ** 2) * (fx**2 + fy**2))
    a = np.fft.rfft2((reference - reference.mean()) * window) * blur
    b = np.fft.rfft2((image - image.mean()) * window) * blur
    surface = np.fft.irfft2(a * np.conj(b), s=(height, width))
    norm = np.sqrt(_energy(a, width) * _energy(b, width))
    py, px = np.unravel_index(int(np.argmax(surface)), surface.shape)
    peak = float(surface[py, px] / norm) if norm > 0 else 0.0
    column, row = surface[:, px], surface[py, :]
    dy = py + _subpixel(column[(py - 1) % height], column[py], column[(py + 1) % height])
    dx = px + _subpixel(row[(px - 1) % width], row[px], row[(px + 1) % width])
    dx = dx - width if dx > width / 2 else dx
    dy = dy - height if dy > height / 2 else dy
    return (float(dx), float(dy)), peak


def _energy(spectrum: np.ndarray, width: int) -> float:
    """Sum of squares of the signal behind a real-FFT spectrum (Parseval)."""
    power = np.abs(spectrum) ** 2
    # Columns other than 0 and Nyquist stand for two (conjugate) frequencies each.
    last = power.shape[1] - 1 if width % 2 == 0 else power.shape[1]
    total = power.sum() + power[:, 1:last].sum()
    return float(total / (spectrum.shape[0] * width))


def _subpixel(before: float, at: float, after: float) -> float:
    logs = np.log(np.maximum([before, at, after], 1e-12))
    denominator = logs[0] - 2 * logs[1] + logs[2]
    if denominator >= 0:
        return 0.0
    return float(np.clip(0.5 * (logs[0] - logs[2]) / denominator, -0.5, 0.5))


def _fit_patches(
    reference: np.ndarray, image: np.ndarray, centre: np.ndarray
) -> tuple[float, np.ndarray, float] | None:
    """Residual (scale, offset, confidence) from local shifts measured on a grid of patches."""
    height, width = reference.shape
    side = min(height, width) * 2 // _GRID
    points, shifts, weights, drawn = [], [], [], 0
    for row in range(_GRID):
        for col in range(_GRID):
            top = round((height - side) * row / (_GRID - 1))
            left = round((width - side) * col / (_GRID - 1))
            patch = np.s_[top : top + side, left : left + side]
            if reference[patch].std() < 2 or image[patch].std() < 2:
                continue  # blank paper: nothing to match
            drawn += 1
            shift, peak = _correlate(reference[patch], image[patch])
            if peak >= _MIN_PEAK:
                points.append((left + side / 2 - centre[0], top + side / 2 - centre[1]))
                shifts.append(shift)
                weights.append(peak)
    if not points:
        return None
    p, m, w = np.array(points), np.array(shifts), np.array(weights)
    keep = np.ones(len(p), dtype=bool)
    for tolerance in (None, _INLIER_PX):  # fit all, drop what disagrees, refit, drop again
        growth, offset = _least_squares(p[keep], m[keep], w[keep], scaled=keep.sum() >= 3)
        errors = np.linalg.norm(m - (growth * p + offset), axis=1)
        keep = errors <= (tolerance or max(_INLIER_PX, 2 * float(np.median(errors[keep]))))
        if not keep.any():
            return None
    growth, offset = _least_squares(p[keep], m[keep], w[keep], scaled=keep.sum() >= 3)
    # The share of the drawn parts of the page that agree with the correction.
    confidence = float(keep.sum() / drawn)
    return 1.0 + growth, offset, confidence


def _least_squares(
    points: np.ndarray, shifts: np.ndarray, weights: np.ndarray, *, scaled: bool
) -> tuple[float, np.ndarray]:
    """shift ≈ growth · point + offset (growth 0 when too few points to measure a scale)."""
    root = np.sqrt(weights)
    if not scaled:
        return 0.0, (shifts * weights[:, None]).sum(axis=0) / weights.sum()
    n = len(points)
    design = np.zeros((2 * n, 3))
    design[:n, 0], design[:n, 1] = points[:, 0], 1.0
    design[n:, 0], design[n:, 2] = points[:, 1], 1.0
    target = np.concatenate([shifts[:, 0], shifts[:, 1]])
    scale_rows = np.concatenate([root, root])
    solution, *_ = np.linalg.lstsq(design * scale_rows[:, None], target * scale_rows, rcond=None)
    return float(solution[0]), solution[1:]
