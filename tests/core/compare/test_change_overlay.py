"""Registration of a result on its pencils, onion skin, and the "what moved" heat map."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image

from fluxdesk.core.compare import Registration, align, change_map, onion_skin, register
from fluxdesk.core.compare.phase import PhaseCorrelator

SIZE = (1800, 2500)
EYE = (900, 1000)
MODEL_SIZE = (864, 1200)  # the model answers near 1 MP


@pytest.fixture(scope="module")
def pencils() -> np.ndarray:
    """Grey pencil strokes and circles on paper, with an eye at EYE, and scan noise."""
    rng = np.random.default_rng(7)
    width, height = SIZE
    page = np.full((height, width), 236, np.uint8)
    for _ in range(50):
        start = tuple(int(v) for v in rng.integers(0, SIZE))
        end = tuple(int(v) for v in rng.integers(0, SIZE))
        cv2.line(page, start, end, int(rng.integers(90, 160)), 2, cv2.LINE_AA)
    for _ in range(15):
        centre = tuple(int(v) for v in rng.integers(200, (width - 200, height - 200)))
        cv2.circle(page, centre, int(rng.integers(30, 150)), 120, 2, cv2.LINE_AA)
    cv2.circle(page, EYE, 40, 110, 3, cv2.LINE_AA)
    return np.clip(page + rng.normal(0, 4, page.shape), 0, 255).astype(np.uint8)


def inked(pencils: np.ndarray) -> np.ndarray:
    """Pure black, thickened lines: what an inking model should give back."""
    ink = np.where(cv2.GaussianBlur(pencils, (0, 0), 1) < 200, 0, 255).astype(np.uint8)
    return cv2.erode(ink, np.ones((5, 5), np.uint8))


def as_model_output(page: np.ndarray) -> Image.Image:
    return Image.fromarray(page).resize(MODEL_SIZE, Image.Resampling.LANCZOS)


def transformed(page: np.ndarray, scale: float, tx: float, ty: float) -> np.ndarray:
    """`page` zoomed by `scale` about the centre and shifted by (tx, ty), in page px."""
    height, width = page.shape
    cx, cy = width / 2 - 0.5, height / 2 - 0.5
    matrix = np.array([[scale, 0, (1 - scale) * cx + tx], [0, scale, (1 - scale) * cy + ty]])
    return cv2.warpAffine(page, matrix, (width, height), borderValue=255)


@pytest.mark.parametrize(("scale", "tx", "ty"), [(1.03, 20.0, -12.0), (0.975, -9.0, 16.0)])
def test_registration_recovers_known_shift_and_scale(pencils, scale, tx, ty) -> None:
    result = as_model_output(transformed(inked(pencils), scale, tx, ty))
    found = register(Image.fromarray(pencils), result)
    # The result is the pencils moved by (scale, t); registration maps it back.
    assert found.scale == pytest.approx(1 / scale, abs=0.002)
    assert found.dx == pytest.approx(-tx / scale, abs=1.5)
    assert found.dy == pytest.approx(-ty / scale, abs=1.5)
    assert found.confidence > 0.3


def test_unrelated_image_has_low_confidence(pencils) -> None:
    rng = np.random.default_rng(3)
    other = np.full(pencils.shape, 236, np.uint8)
    for _ in range(50):
        start = tuple(int(v) for v in rng.integers(0, SIZE))
        cv2.line(other, start, tuple(int(v) for v in rng.integers(0, SIZE)), 40, 4)
    found = register(Image.fromarray(pencils), as_model_output(other))
    assert found.confidence < 0.15


def test_aligned_result_lands_on_the_pencils(pencils) -> None:
    ink = inked(pencils)
    result = as_model_output(transformed(ink, 1.02, 14.0, -6.0))
    aligned = np.asarray(align(result, SIZE, register(Image.fromarray(pencils), result)))
    assert aligned.shape == pencils.shape
    tx, ty, _ = PhaseCorrelator(ink[400:2100, 300:1500].astype(np.float32)).shift(
        aligned[400:2100, 300:1500].astype(np.float32)
    )
    assert abs(tx) < 1.0 and abs(ty) < 1.0


def test_inking_alone_leaves_the_heat_map_cold(pencils) -> None:
    result = as_model_output(transformed(inked(pencils), 1.02, 10.0, 5.0))
    page = Image.fromarray(pencils)
    changes = change_map(page, result, register(page, result))
    heat = np.asarray(changes.heatmap)
    assert changes.heatmap.mode == "L" and changes.heatmap.size == SIZE
    assert heat.max() < 40 and changes.hotspots == ()


def test_a_moved_eye_is_the_hotspot(pencils) -> None:
    ink = inked(pencils)
    cv2.circle(ink, EYE, 40, 255, 9)  # erase the inked eye...
    cv2.circle(ink, (EYE[0] + 15, EYE[1]), 40, 0, 5)  # ...and draw it 15 px to the right
    result = as_model_output(ink)
    page = Image.fromarray(pencils)
    changes = change_map(page, result, register(page, result))
    assert changes.hotspots
    top = changes.hotspots[0].box
    assert top.left <= EYE[0] <= top.right and top.top <= EYE[1] <= top.bottom
    assert top.width < 250 and top.height < 250
    heat = np.asarray(changes.heatmap)
    assert heat[EYE[1], EYE[0] - 40] > 128  # on the old and new outline, left side
    assert heat[EYE[1] - 400, EYE[0]] == 0


def test_onion_skin_tints_each_side(pencils) -> None:
    ink = np.full(pencils.shape, 255, np.uint8)
    cv2.line(ink, (100, 100), (100, 600), 0, 6)  # a line only the result has
    skin = np.asarray(
        onion_skin(Image.fromarray(pencils), as_model_output(ink), Registration.identity())
    )
    assert skin.shape == (*pencils.shape, 3)
    red, green, blue = (int(v) for v in skin[350, 100])
    assert red > 150 and green < 90 and blue < 90
    pencil_only = np.argwhere((pencils < 130) & (np.asarray(ink) == 255))[0]
    red, _, blue = (int(v) for v in skin[tuple(pencil_only)])
    assert blue > red
    small = onion_skin(
        Image.fromarray(pencils), as_model_output(ink), Registration.identity(), out_scale=0.25
    )
    assert small.size == (450, 625)
