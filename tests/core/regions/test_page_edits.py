"""Page edits end to end without Qt: region, fill and expand jobs through the emulator, results
placed on the full-resolution page with every untouched pixel bit-identical."""

from __future__ import annotations

import json
import threading

import numpy as np
import pytest
from PIL import Image

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.api.client import FluxApi
from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.concurrency import ConcurrencyGate
from fluxdesk.core.errors import InputError
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.imaging.load import load_image
from fluxdesk.core.imaging.prepare import target_size
from fluxdesk.core.jobs import JobId, JobPlan, JobState, PollPolicy
from fluxdesk.core.regions import Polygon, Raster, Rect, paste_back, plan_region
from fluxdesk.core.regions.expand import (
    ExpandPlan,
    Sides,
    compose_expand,
    page_side_limit,
    plan_expand,
)
from fluxdesk.core.regions.page_edit import (
    PageEdit,
    RegionSettings,
    region_params,
    stage_expand,
    stage_region,
)
from fluxdesk.core.regions.page_edit_jobs import PageEditJob, run_page_edit_job


def grid_page(size: tuple[int, int], mode: str, step: int = 61) -> Image.Image:
    """Mid-grey paper with dark two-pixel grid lines at 23 + k·step, and a little noise so
    that 'unchanged' really means bit-identical."""
    width, height = size
    rng = np.random.default_rng(7)
    grey = rng.integers(200, 215, (height, width), dtype=np.uint8)
    for x in range(23, width, step):
        grey[:, x : x + 2] = 30
    for y in range(23, height, step):
        grey[y : y + 2, :] = 30
    if mode == "RGB":
        return Image.fromarray(np.dstack([grey, grey, np.minimum(255, grey + 20)]), "RGB")
    return Image.fromarray(grey, "L")


def run_edit(api: FluxApi, store: HistoryStore, edit: PageEdit, model: str, **params):
    request = GenerationRequest(model, "ink it", params, 42, edit.inputs)
    job_id = JobId(f"job-{model}-{len(store.list_jobs())}")
    updates = list(
        run_page_edit_job(
            job_id,
            PageEditJob(JobPlan(request, api, "test"), edit),
            store=store,
            policy=PollPolicy.immediate(),
            gate=ConcurrencyGate(),
            cancel=threading.Event(),
        )
    )
    final = updates[-1]
    assert final.state is JobState.succeeded, final.error
    assert final.error is None, final.error.user_message
    return job_id, final


def line_centres(profile: np.ndarray, near: int) -> float:
    window = np.arange(near - 6, near + 8)
    weights = profile[window]
    return float((weights * (window + 0.5)).sum() / weights.sum())


@pytest.mark.parametrize("mode", ["L", "RGB"])
def test_region_edit_round_trip_is_registered_and_leaves_the_rest_alone(
    api: FluxApi, store: HistoryStore, mode: str
) -> None:
    page = grid_page((2400, 3000), mode)
    selection = Rect(610, 820, 1710, 2050)
    spec = get_model("flux-kontext-pro")
    edit = stage_region(store, spec, page, None, selection, RegionSettings(margin_px=64))
    assert edit.inputs[0].width * edit.inputs[0].height == pytest.approx(1024 * 1024, rel=0.1)
    job_id, final = run_edit(api, store, edit, spec.id)

    composed = load_image(final.result.path)
    assert composed.size == page.size and composed.mode == mode
    before, after = np.asarray(page), np.asarray(composed)
    outside = np.ones(page.size[::-1], bool)
    outside[820:2050, 610:1710] = False
    assert np.array_equal(before[outside], after[outside]), "pixels outside the region changed"
    assert not np.array_equal(before[~outside], after[~outside]), "the region was not edited"

    # The emulator "inks" the crop: the grid lines come back black, where they were.
    dark = 255.0 - (after if mode == "L" else after[..., 0]).astype(np.float64)
    inner = dark[900:1970, 690:1630]
    errors = [
        abs(line_centres(inner.sum(axis=0), x - 690) - (x - 690 + 1))
        for x in range(23, 2400, 61)
        if 720 < x < 1600
    ] + [
        abs(line_centres(inner.sum(axis=1), y - 900) - (y - 900 + 1))
        for y in range(23, 3000, 61)
        if 930 < y < 1940
    ]
    assert len(errors) > 20 and max(errors) <= 1.0, f"misregistered by {max(errors):.2f} px"

    record = store.get_page_edit(job_id)
    assert record is not None and record.kind == "region" and record.page_size == page.size
    assert store.get_image(record.raw_sha256).width == edit.inputs[0].width
    assert json.loads(record.plan_json)["selection"] == {"rect": [610, 820, 1710, 2050]}
    job = store.get_job(job_id)
    assert job.result.sha256 == final.result.sha256 and job.edit_kind == "region"
    assert job.request.inputs[0].sha256 == edit.inputs[0].sha256  # the crop is what was sent


def test_fill_round_trip_sends_a_matching_mask_and_keeps_the_rest(
    api: FluxApi, store: HistoryStore
) -> None:
    page = grid_page((1800, 1400), "L")
    painted = np.zeros((1400, 1800), np.uint8)
    painted[300:700, 500:1000] = 255
    painted[700:760, 500:1000] = 128  # a soft edge: half weight
    mask = Raster.of(painted)
    spec = get_model("flux-pro-1.0-fill")
    edit = stage_region(store, spec, page, None, mask)
    image, sent_mask = edit.inputs
    assert sent_mask.slot == "mask" and (sent_mask.width, sent_mask.height) == (
        image.width,
        image.height,
    )
    _, final = run_edit(api, store, edit, spec.id)
    after = np.asarray(load_image(final.result.path))
    before = np.asarray(page)
    assert np.array_equal(before[painted == 0], after[painted == 0])
    assert not np.array_equal(before[300:700, 500:1000], after[300:700, 500:1000])
    # Half-painted pixels take at most half of the model's answer.
    soft = np.abs(after[720:750, 540:960].astype(int) - before[720:750, 540:960])
    full = np.abs(after[400:600, 540:960].astype(int) - before[400:600, 540:960])
    assert soft.max() <= 255 // 2 + 1 and full.max() > 150


def test_raster_paste_weights_never_exceed_what_was_painted() -> None:
    values = np.zeros((300, 400), np.uint8)
    values[50:250, 100:300] = 200
    raster = Raster.of(values, origin=(1000, 500))
    assert raster.bbox == Rect(1100, 550, 1300, 750)
    plan = plan_region((2000, 1500), raster, margin_px=32)
    alpha = np.asarray(plan.paste_alpha(4))
    assert alpha.max() == 200
    page = Image.new("L", (2000, 1500), 0)
    out = np.asarray(paste_back(page, Image.new("L", plan.send_size, 255), plan, 4))
    assert out[650, 1200] == 200 and out[549, 1200] == 0 and out[650, 1099] == 0
    with pytest.raises(InputError):
        Raster.of(np.zeros((10, 10), np.uint8))


def test_lasso_region_is_staged_as_its_bounding_crop(store: HistoryStore) -> None:
    page = grid_page((1600, 1600), "RGB")
    lasso = Polygon.of([(400, 300), (1200, 420), (1000, 1300), (350, 1100)])
    edit = stage_region(store, get_model("flux-2-pro"), page, None, lasso)
    assert edit.placement.plan.crop == Rect(286, 236, 1264, 1364)
    assert region_params({"aspect_ratio": "1:1", "width": 512, "steps": 30}) == {"steps": 30}
    with pytest.raises(InputError):
        stage_region(store, get_model("flux-pro-1.1"), page, None, lasso)


def test_expand_sides_are_scaled_clamped_and_snapped() -> None:
    big = plan_expand((6000, 8000), (1500, 2000), Sides(left=1000, top=0, right=9000, bottom=3))
    assert big.sent == Sides(left=250, top=0, right=2048, bottom=1)
    assert big.page == Sides(left=1000, top=0, right=8192, bottom=4)
    assert big.canvas_size == (6000 + 1000 + 8192, 8000 + 4)
    assert page_side_limit(6000, 1500) == 8192
    same = plan_expand((1000, 800), (1000, 800), Sides(left=37, right=2100))
    assert same.sent == Sides(left=37, right=2048) and same.page == same.sent
    odd = plan_expand((4999, 3001), (1731, 1039), Sides(top=700))
    assert 700 <= odd.page.top <= 703 and odd.page.top * 1039 / 3001 <= odd.sent.top
    # Snapping is stable: a snapped side (what the handles and fields show) maps to itself.
    rng = np.random.default_rng(5)
    for _ in range(200):
        page = (int(rng.integers(800, 9000)), int(rng.integers(800, 9000)))
        send = (int(page[0] * rng.uniform(0.2, 1.0)), int(page[1] * rng.uniform(0.2, 1.0)))
        sides = Sides(*(int(v) for v in rng.integers(0, 3000, 4)))
        plan = plan_expand(page, send, sides)
        assert plan_expand(page, send, plan.page) == plan


@pytest.mark.parametrize("send_size", [(800, 1000), (517, 646)])
def test_expand_places_the_page_exactly(send_size: tuple[int, int]) -> None:
    page = grid_page((800, 1000), "L")
    plan = ExpandPlan(page.size, send_size, Sides(left=100, top=40, right=0, bottom=260))
    # A perfect model: the page at the sent scale, on a canvas grown by the sent sides.
    sent_page = page.resize(send_size, Image.Resampling.LANCZOS)
    result = Image.new("L", plan.result_size, 255)
    result.paste(sent_page, (plan.sent.left, plan.sent.top))
    grown = compose_expand(page, result, plan)
    assert grown.size == plan.canvas_size
    left, top = plan.origin
    inside = np.asarray(grown)[top : top + 1000, left : left + 800]
    assert np.array_equal(inside, np.asarray(page)), "the original pixels moved or changed"
    # The model's copy lines up with the page too: its edge rows continue the grid in place.
    fitted = np.asarray(
        result.resize(
            plan.canvas_size,
            Image.Resampling.LANCZOS,
            box=(
                plan.sent.left - left * send_size[0] / 800,
                plan.sent.top - top * send_size[1] / 1000,
                result.width,
                result.height,
            ),
        )
    )
    dark = 255.0 - fitted[top + 200 : top + 800, :].astype(np.float64)
    profile = dark.sum(axis=0)
    for x in range(23, 800, 61):
        if 30 < x < 770:
            assert abs(line_centres(profile, left + x) - (left + x + 1)) <= 1.0


def test_expand_round_trip_through_the_emulator(api: FluxApi, store: HistoryStore) -> None:
    page = grid_page((2600, 3200), "L")  # 8.3 MP: sent at 4 MP, so the sides are scaled
    spec = get_model("flux-pro-1.0-expand")
    plan = plan_expand(
        page.size, target_size(*page.size, spec.max_input_pixels), Sides(left=400, bottom=900)
    )
    edit = stage_expand(store, spec, page, None, plan.sent.as_params())
    sent = edit.placement.plan
    assert (edit.inputs[0].width, edit.inputs[0].height) == sent.send_size
    _, final = run_edit(api, store, edit, spec.id, **sent.sent.as_params())
    grown = np.asarray(load_image(final.result.path))
    assert grown.shape[::-1] == sent.canvas_size
    left, top = sent.origin
    assert np.array_equal(grown[top : top + 3200, left : left + 2600], np.asarray(page))
    # The emulator stretches the edge pixels outward: the grid's vertical lines continue into
    # the new bottom strip, where they were.
    strip = 255.0 - grown[top + 3200 + 5 : top + 3200 + 60, :].astype(np.float64)
    profile = strip.sum(axis=0)
    for x in range(23, 2600, 61)[2:-2]:
        assert abs(line_centres(profile, left + x) - (left + x + 1)) <= 1.5
    with pytest.raises(InputError):
        stage_expand(store, spec, page, None, {})
