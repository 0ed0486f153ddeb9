"""A "what moved" map: where the model redrew shapes instead of just inking the pencils.

Both images become line maps on the pencils' grid (the result registered first). Each line
pixel of one image is scored by its distance to the nearest line of the other (a distance
transform): inking thickens, cleans and sharpens lines but keeps them within a few pixels of
the pencil stroke, so only lines that appeared, vanished or moved further than
``tolerance_px`` light up. Line pixels are spread into blobs and summarised as hotspots.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from fluxdesk.core.compare.register import Registration, align
from fluxdesk.core.regions.geometry import Rect

WORK_LONG_SIDE = 2048
TOLERANCE_PX = 6.0  # pencil px (0.25 mm at 600 dpi): inking moves a stroke less than this
HOT_LEVEL = 64  # heat (of 255) at which a blob counts as a hotspot
_MIN_LINE_CONTRAST = 40  # grey levels between Otsu's two classes; less means no lines at all


@dataclass(frozen=True, slots=True)
class Hotspot:
    box: Rect  # pencil px
    score: float  # heat-weighted area of changed line, pencil px²


@dataclass(frozen=True, slots=True)
class ChangeMap:
    heatmap: Image.Image  # mode L at the pencils' size; 0 = unchanged, 255 = redrawn
    hotspots: tuple[Hotspot, ...]  # strongest first


def change_map(
    pencils: Image.Image,
    result: Image.Image,
    registration: Registration,
    *,
    tolerance_px: float = TOLERANCE_PX,
    work_long_side: int = WORK_LONG_SIDE,
) -> ChangeMap:
    """Where lines appeared, vanished or moved by more than `tolerance_px` (pencil px).

    Works at ~2000 px and scales the heat map up to the pencils' size. Blocking; call from a
    worker thread (about 0.4 s for a 26 MP page).
    """
    import cv2

    k = min(1.0, work_long_side / max(pencils.size))
    size = (round(pencils.width * k), round(pencils.height * k))
    gray = pencils if pencils.mode == "L" else pencils.convert("L")
    pencil_lines = _lines(np.asarray(gray.resize(size, Image.Resampling.BOX)))
    gray_result = result.convert("L")
    result_lines = _lines(np.asarray(align(gray_result, pencils.size, registration, k)))
    tolerance = max(1.0, tolerance_px * k)
    radius = max(1, round(2 * tolerance))
    added = _strays(result_lines, pencil_lines, tolerance)
    dropped = _strays(pencil_lines, result_lines, tolerance)
    # Where the result does not reach (it was framed a little differently), nothing is known.
    covered = _coverage(gray_result.size, pencils.size, registration, k, radius)
    strays = np.maximum(added, dropped) * covered
    heat = cv2.GaussianBlur(cv2.dilate(strays, _disc(radius)), (0, 0), radius / 2)
    heat8 = np.round(np.clip(heat, 0, 1) * 255).astype(np.uint8)
    hotspots = _hotspots(heat8, strays, k, pencils.size, 2 * radius, tolerance_px**2)
    full = cv2.resize(heat8, pencils.size, interpolation=cv2.INTER_LINEAR)
    return ChangeMap(Image.fromarray(full), hotspots)


def _lines(gray: np.ndarray) -> np.ndarray:
    """Dark strokes as a bool map (Otsu on a lightly blurred page)."""
    import cv2

    soft = cv2.GaussianBlur(gray, (0, 0), 1.0)
    _, lines = cv2.threshold(soft, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    dark, light = soft[lines > 0], soft[lines == 0]
    if dark.size == 0 or light.size == 0 or light.mean() - dark.mean() < _MIN_LINE_CONTRAST:
        return np.zeros(gray.shape, bool)
    return lines > 0


def _strays(lines: np.ndarray, other: np.ndarray, tolerance: float) -> np.ndarray:
    """Per line pixel of `lines`: 0 within `tolerance` of a line of `other`, rising to 1 at
    twice that distance (float32)."""
    import cv2

    if not other.any():
        return lines.astype(np.float32)
    distance = cv2.distanceTransform(np.where(other, 0, 255).astype(np.uint8), cv2.DIST_L2, 5)
    score = np.clip((distance - tolerance) / tolerance, 0, 1)
    return np.where(lines, score, 0).astype(np.float32)


def _coverage(
    result_size: tuple[int, int],
    pencils_size: tuple[int, int],
    registration: Registration,
    k: float,
    margin: int,
) -> np.ndarray:
    """1.0 where the registered result covers the work grid (less `margin`), else 0."""
    import cv2

    size = (round(pencils_size[0] * k), round(pencils_size[1] * k))
    ones = np.ones((result_size[1], result_size[0]), np.uint8)
    matrix = registration.matrix(result_size, pencils_size, k)
    covered = cv2.warpAffine(ones, matrix, size, flags=cv2.INTER_NEAREST, borderValue=0)
    return cv2.erode(covered, _disc(margin), borderValue=1).astype(np.float32)


def _disc(radius: int) -> np.ndarray:
    import cv2

    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))


def _hotspots(
    heat: np.ndarray,
    strays: np.ndarray,
    k: float,
    pencils_size: tuple[int, int],
    group: int,
    min_score: float,
) -> tuple[Hotspot, ...]:
    """Hot blobs within `group` work px of each other form one hotspot (both sides of a moved
    eye are one change), boxed tightly around their hot pixels."""
    import cv2

    hot = (heat >= HOT_LEVEL).astype(np.uint8)
    count, labels = cv2.connectedComponents(cv2.dilate(hot, _disc(group)), connectivity=8)
    labels = np.where(hot > 0, labels, 0)
    mass = np.bincount(labels.ravel(), weights=strays.ravel(), minlength=count)
    width, height = pencils_size
    spots = []
    for label in range(1, count):
        score = float(mass[label]) / (k * k)
        if score < min_score:
            continue
        ys, xs = np.nonzero(labels == label)
        right = min(width, int(np.ceil((xs.max() + 1) / k)))
        bottom = min(height, int(np.ceil((ys.max() + 1) / k)))
        spots.append(Hotspot(Rect(int(xs.min() / k), int(ys.min() / k), right, bottom), score))
    return tuple(sorted(spots, key=lambda spot: spot.score, reverse=True))
