"""A page's panels kept in the history, panel jobs tagged, and a run composed into one entry."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image, ImageOps
from synthetic_pages import make_page

from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.errors import InputError
from fluxdesk.core.history.records import PanelTag
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.imaging.load import load_image
from fluxdesk.core.jobs import JobId
from fluxdesk.core.panels import ReadingDirection, crop_panels, detect_panels, plan_panels
from fluxdesk.core.panels.layouts import PageLayout, load_layout, page_fingerprint, save_layout
from fluxdesk.core.panels.runs import PanelRun, PanelTake, compose_run, tag_job


@pytest.fixture(scope="module")
def page():
    small = make_page(3, (1075, 1518))  # B5 at 150 dpi: quick
    return small, detect_panels(small.image)


def test_layout_round_trip_and_fingerprints(store: HistoryStore, page, tmp_path) -> None:
    synthetic, panels = page
    path = tmp_path / "p.png"
    synthetic.image.save(path)
    key = page_fingerprint(path)
    assert key == page_fingerprint(path) and len(key) == 64
    assert page_fingerprint(image=synthetic.image) != key  # pixels, not file bytes
    assert load_layout(store, key) is None
    layout = PageLayout(key, synthetic.image.size, ReadingDirection.left_to_right, tuple(panels))
    save_layout(store, layout)
    assert load_layout(store, key) == layout  # exact: floats survive JSON
    save_layout(store, PageLayout(key, synthetic.image.size, layout.direction, ()))
    assert load_layout(store, key).panels == ()  # "no panels" is kept too
    with store.transaction("test") as db:
        db.execute("UPDATE page_panels SET panels_json = '[{\"id\": 1}]'")
    assert load_layout(store, key) is None  # unreadable: ignored, never a crash
    with pytest.raises(InputError):
        page_fingerprint(tmp_path / "missing.png")


def test_compose_run_records_one_free_entry(store: HistoryStore, page, tmp_path) -> None:
    synthetic, panels = page
    path = tmp_path / "pencils.png"
    synthetic.image.save(path)
    plans = plan_panels(synthetic.image.size, panels)
    crops = crop_panels(synthetic.image, plans)
    results = {}
    for panel in panels[:3]:  # the others did not come back
        results[panel.id] = tmp_path / f"r{panel.id}.png"
        ImageOps.invert(crops[panel.id]).save(results[panel.id])
    takes = tuple(
        PanelTake(p, n, plans[p.id], JobId(f"job-{p.id}")) for n, p in enumerate(panels, 1)
    )
    request = GenerationRequest("flux-kontext-pro", "ink")
    run = PanelRun("run-1", "f" * 64, path, synthetic.image.size, request, len(panels), takes)
    stored = compose_run(store, run, results, JobId("composed-1"))
    record = store.get_job("composed-1")
    assert record is not None and record.result is not None
    assert record.source == "panels" and record.edit_kind == "panels"
    assert record.page_path == path and record.cost is None and record.price_estimate is None
    assert record.status == "done" and record.result.sha256 == stored.sha256
    plan = json.loads(store.get_page_edit("composed-1").plan_json)
    assert [p["job"] for p in plan["panels"]] == [
        f"job-{p.id}" if p.id in results else None for p in panels
    ]
    composed = np.asarray(load_image(stored.path))
    pencils = np.asarray(synthetic.image)
    untouched = np.ones(pencils.shape, bool)
    for panel in panels[:3]:
        crop = plans[panel.id].crop
        untouched[crop.top : crop.bottom, crop.left : crop.right] = False
    assert np.array_equal(composed[untouched], pencils[untouched])

    # Redo on top of that composition: only the redone panel's crop can change.
    base_run = PanelRun(
        "run-2",
        "f" * 64,
        path,
        synthetic.image.size,
        request,
        len(panels),
        takes,
        base_id=JobId("composed-1"),
        base_path=stored.path,
    )
    redone = panels[1].id
    again = compose_run(store, base_run, {redone: results[panels[0].id]}, JobId("composed-2"))
    assert store.get_job("composed-2").parent_id == "composed-1"
    differs = np.asarray(load_image(again.path)) != composed
    crop = plans[redone].crop
    differs[crop.top : crop.bottom, crop.left : crop.right] = False
    assert not differs.any()
    with pytest.raises(InputError):
        compose_run(store, run, {}, JobId("composed-3"))
    small = tmp_path / "small.png"
    Image.new("L", (10, 10)).save(small)
    with pytest.raises(InputError):
        compose_run(
            store,
            PanelRun("r", "f", small, synthetic.image.size, request, 1, takes),
            results,
            JobId("composed-4"),
        )


def test_a_panel_tag_labels_its_job(store: HistoryStore) -> None:
    request = GenerationRequest("flux-kontext-pro", "ink")
    store.create_job(JobId("j1"), request, source="gui", api_base="", price_estimate=4.0)
    tag_job(store, JobId("j1"), PanelTag("run-1", 5, 3, 7))
    assert store.get_job("j1").panel == PanelTag("run-1", 5, 3, 7)
