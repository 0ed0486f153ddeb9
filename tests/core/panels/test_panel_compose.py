"""Panel-by-panel composition: gutters and frame lines bit-identical, panels redone alone."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageOps
from synthetic_pages import SyntheticPage, make_page

from fluxdesk.core.errors import InputError
from fluxdesk.core.panels import compose_page, crop_panels, detect_panels, plan_panels
from fluxdesk.core.regions import working_size


def interiors(page: SyntheticPage) -> np.ndarray:
    """True where a panel's art is (inside the frame line; all of a borderless panel)."""
    width, height = page.image.size
    inside = np.zeros((height, width), bool)
    for polygon, border in zip(page.polygons, page.borders, strict=True):
        mask = np.zeros((height + 2, width + 2), np.uint8)
        points = np.round((np.array(polygon) + 0.5) * 16).astype(np.int32)
        cv2.fillPoly(mask, [points], 255, cv2.LINE_8, 4)
        if border == 0:
            inside |= mask[1:-1, 1:-1] > 0
        else:
            distance = cv2.distanceTransform(mask, cv2.DIST_L2, 5)[1:-1, 1:-1]
            inside |= distance > border + 1  # the scan blur spreads the line by a pixel
    return inside


def fake_results(crops: dict[int, Image.Image]) -> dict[int, Image.Image]:
    """A 'model' that inverts each panel and answers near 1 MP at its own size."""
    return {
        panel_id: ImageOps.invert(crop).resize(working_size(*crop.size, pixels=1000 * 1000))
        for panel_id, crop in crops.items()
    }


@pytest.fixture(scope="module")
def composed():
    page = make_page(6)  # seven panels, one bleeding off the page
    panels = detect_panels(page.image)
    plans = plan_panels(page.image.size, panels)
    results = fake_results(crop_panels(page.image, plans))
    return page, panels, plans, results, compose_page(page.image, plans, results)


def test_gutters_and_frames_are_bit_identical(composed) -> None:
    page, panels, _, _, out = composed
    assert len(panels) == len(page.polygons) == 7
    untouched = ~interiors(page)
    before, after = np.asarray(page.image), np.asarray(out)
    assert np.array_equal(before[untouched], after[untouched])
    changed = before != after
    assert changed.mean() > 0.3  # the panels themselves were replaced


def test_each_panel_is_sent_near_one_megapixel(composed) -> None:
    _, _, plans, _, _ = composed
    for plan in plans.values():
        width, height = plan.send_size
        assert width % 32 == 0 and height % 32 == 0
        assert 0.9e6 < width * height < 1.15e6


def test_a_panel_can_be_redone_alone(composed) -> None:
    page, panels, plans, results, out = composed
    first, second = panels[0].id, panels[1].id
    redo = dict(results)
    redo[first] = results[first].transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    again = compose_page(page.image, plans, redo)
    differs = np.asarray(again) != np.asarray(out)
    crop = plans[first].crop
    assert differs.any()
    assert not differs[:, : crop.left].any() and not differs[:, crop.right :].any()
    assert not differs[: crop.top].any() and not differs[crop.bottom :].any()
    # The same inputs give the same page; a panel left out keeps the original pixels.
    assert compose_page(page.image, plans, results).tobytes() == out.tobytes()
    only_second = np.asarray(compose_page(page.image, plans, {second: results[second]}))
    second_crop = plans[second].crop
    outside = np.ones(only_second.shape, bool)
    outside[second_crop.top : second_crop.bottom, second_crop.left : second_crop.right] = False
    assert np.array_equal(only_second[outside], np.asarray(page.image)[outside])


def test_rgb_page_and_unknown_panel(composed) -> None:
    page, panels, plans, results, _ = composed
    rgb = page.image.convert("RGB")
    out = compose_page(rgb, plans, {panels[2].id: results[panels[2].id].convert("RGB")})
    assert out.mode == "RGB"
    with pytest.raises(InputError):
        compose_page(page.image, plans, {999: results[panels[0].id]})
