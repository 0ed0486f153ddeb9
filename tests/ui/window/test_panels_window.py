"""Panels in the real window against the emulator: detection on a generated page with known
frames (scored by IoU), editing with undo, the panels kept with the page, a run on panels
composed with the gutters bit-identical, a redone panel changing only itself.

Screenshots for people to look at (not compared): /tmp/panels_*.png (FLUXDESK_SCREENSHOTS).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fluxdesk.core.api.models import DownloadedImage, GenerationRequest, InputImage
from fluxdesk.core.imaging.load import load_image
from fluxdesk.core.jobs import JobId, JobState
from fluxdesk.core.panels import ReadingDirection
from fluxdesk.core.panels.layouts import load_layout, page_fingerprint
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.core.regions.page_edit import encode_png
from fluxdesk.emulator import EmulatorServer
from fluxdesk.ui.app import Built
from fluxdesk.ui.canvas import CompareMode
from fluxdesk.ui.history_model import JobRow
from fluxdesk.ui.panels.tool import PanelMode

# The page generator, IoU scoring and fake inking of the core tests.
CORE_TESTS = Path(__file__).parents[2] / "core"
sys.path[:0] = [str(CORE_TESTS / "panels"), str(CORE_TESTS / "compare")]
from synthetic_pages import SyntheticPage, make_page  # noqa: E402
from test_change_overlay import inked, transformed  # noqa: E402
from test_panel_compose import interiors  # noqa: E402
from test_panel_detect import page_score  # noqa: E402

SHOTS = Path(os.environ.get("FLUXDESK_SCREENSHOTS", "/tmp"))
CTRL = Qt.KeyboardModifier.ControlModifier
SEED = 6  # seven panels, slanted gutters, one borderless panel bleeding off the page
OTHER_LAYOUTS = (2, 13, 21)


@pytest.fixture(scope="module")
def page() -> SyntheticPage:
    return make_page(SEED)


@pytest.fixture
def page_file(page: SyntheticPage, tmp_path: Path) -> Path:
    path = tmp_path / "page-07.png"
    page.image.save(path, compress_level=1)
    return path


def shot(studio: Built, name: str) -> None:
    QApplication.processEvents()
    assert studio.window.grab().save(str(SHOTS / f"panels_{name}.png"))


def open_page(qtbot: QtBot, studio: Built, path: Path) -> None:
    window = studio.window
    with qtbot.waitSignal(studio.parts.generation.input_staged, timeout=10_000):
        window.canvas_control.open_paths([path])
    qtbot.waitUntil(window.canvas.is_sharp, timeout=10_000)


def detect(qtbot: QtBot, studio: Built) -> None:
    panels = studio.window.panels
    with qtbot.waitSignal(panels.controller.detected, timeout=10_000):
        panels.detect_action.trigger()


def centre(panel) -> tuple[float, float]:
    points = np.array(panel.polygon.points)
    return float(points[:, 0].mean()), float(points[:, 1].mean())


def key(qtbot: QtBot, studio: Built, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier):
    canvas = studio.window.canvas
    canvas.setFocus()
    qtbot.keyClick(canvas, key, modifier)


def test_detect_edit_undo_and_keep_with_the_page(
    qtbot: QtBot,
    quick_studio: Built,
    page: SyntheticPage,
    page_file: Path,
    tmp_path: Path,
    drag,
    at,
) -> None:
    studio, window = quick_studio, quick_studio.window
    feature, canvas = window.panels, window.canvas
    state = feature.state
    # Detect (from the menu: it picks the Panels tool) on generated layouts with known frames.
    for seed in OTHER_LAYOUTS:
        other = make_page(seed, (1075, 1518))  # B5 at 150 dpi: quick
        other.image.save(tmp_path / f"layout-{seed}.png", compress_level=1)
        open_page(qtbot, studio, tmp_path / f"layout-{seed}.png")
        detect(qtbot, studio)
        score = page_score(other, list(state.panels()))
        print(f"layout {seed}: {len(other.polygons)} panels, IoU {score:.3f}")
        assert score >= 0.9
    open_page(qtbot, studio, page_file)
    detect(qtbot, studio)
    assert window.edit_tools.tools.current_tool() == "panels"
    detected = state.panels()
    score = page_score(page, list(detected))
    print(f"layout {SEED} (B5 300 dpi): {len(detected)} panels, IoU {score:.3f}")
    assert len(detected) == len(page.polygons) == 7 and score >= 0.9
    shot(studio, "detected")

    # Click selects, Shift+click adds, Ctrl+G merges; Ctrl+Z on the canvas takes it back.
    first, second = detected[0], detected[1]
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at(canvas, *centre(first)))
    assert state.selected_ids() == [first.id]
    qtbot.mouseClick(
        canvas,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        at(canvas, *centre(second)),
    )
    assert state.selected_ids() == [first.id, second.id]
    feature.merge_action.trigger()
    assert len(state.panels()) == 6
    key(qtbot, studio, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert state.panels() == detected

    # Drag a corner of the selected panel; split a panel with a line; draw one; delete one.
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at(canvas, *centre(first)))
    x, y = first.polygon.points[0]
    drag(canvas, [(x, y), (x + 20, y + 30), (x + 40, y + 60)])
    moved = state.panels()[0].polygon.points[0]
    assert moved == pytest.approx((x + 40, y + 60), abs=2 / canvas.zoom())  # a widget px
    feature.set_mode(PanelMode.split)
    box = detected[2].bbox
    middle = (box.left + box.right) / 2
    drag(
        canvas,
        [(middle, box.top - 30), (middle, (box.top + box.bottom) / 2), (middle, box.bottom + 30)],
        release=False,
    )
    shot(studio, "editing")  # a split line being drawn across panel 3
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=at(canvas, middle, box.bottom + 30))
    assert len(state.panels()) == 8
    feature.set_mode(PanelMode.draw)
    drag(canvas, [(60, 40), (400, 100), (700, 140)])  # a rectangle in the top margin
    assert len(state.panels()) == 9
    feature.set_mode(PanelMode.edit)
    key(qtbot, studio, Qt.Key.Key_Delete)  # the drawn panel is selected
    assert len(state.panels()) == 8
    edited = state.panels()
    assert state.undo_stack.count() == 5  # detect, move, split, draw, delete
    for _ in range(4):
        key(qtbot, studio, Qt.Key.Key_Z, CTRL)
    assert state.panels() == detected
    for _ in range(4):
        key(qtbot, studio, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert state.panels() == edited

    # Reading order: left to right numbers the panels again (undoable too).
    feature.direction_actions[ReadingDirection.left_to_right].trigger()
    assert state.direction() is ReadingDirection.left_to_right
    assert [p.id for p in state.panels()] != [p.id for p in edited]
    reordered = state.panels()

    # The panels are kept with the page (in the history): open another page, then this one.
    store, page_key = studio.parts.generation.store, page_fingerprint(page_file)
    qtbot.waitUntil(lambda: getattr(load_layout(store, page_key), "panels", None) == reordered)
    other = tmp_path / "other.png"
    Image.new("L", (800, 1100), 240).save(other)
    open_page(qtbot, studio, other)
    assert state.panels() == ()
    open_page(qtbot, studio, page_file)
    qtbot.waitUntil(lambda: state.panels() == reordered, timeout=5000)
    assert state.direction() is ReadingDirection.left_to_right
    assert state.undo_stack.count() == 0


def composed_rows(studio: Built) -> list[JobRow]:
    return [row for row in studio.parts.history_model.rows() if row.edit_kind == "panels"]


def test_run_on_panels_composes_the_page_and_redoes_one_panel(
    qtbot: QtBot,
    studio: Built,
    slow_emulator: EmulatorServer,
    page: SyntheticPage,
    page_file: Path,
) -> None:
    window, model = studio.window, studio.parts.history_model
    feature = window.panels
    open_page(qtbot, studio, page_file)
    detect(qtbot, studio)
    panels = feature.state.panels()
    window.prompt_panel.set_state(
        PromptState("flux-kontext-pro", "Ink these pencils: clean black lines", {}, None, 1)
    )
    window.edit_tools.tools.set_tool("panels")
    with qtbot.waitSignal(studio.parts.generation.jobs_started, timeout=10_000) as started:
        feature.run_all_action.trigger()
    assert len(started.args[0]) == len(panels) == 7
    qtbot.waitUntil(
        lambda: (
            model.active_count() == 7 and all(r.state is JobState.running for r in model.rows())
        ),
        timeout=10_000,
    )
    rows = model.rows()
    assert sorted(row.title.split(" · ")[0] for row in rows) == [
        f"Panel {n} of 7" for n in range(1, 8)
    ]
    kept = studio.parts.generation.store.get_job(rows[0].id)  # the label survives a restart
    assert kept is not None and kept.panel == rows[0].panel
    for row in rows:  # each panel travels on its own, near the model's working size
        sent = row.request.inputs[0]
        assert 0.9e6 < sent.width * sent.height < 1.15e6
    shot(studio, "batch")

    slow_emulator.advance_clock(200)
    qtbot.waitUntil(lambda: len(composed_rows(studio)) == 1, timeout=20_000)
    composed = composed_rows(studio)[0]
    assert composed.page_path == page_file and composed.result_size == page.image.size
    pencils = np.asarray(page.image)
    first = np.asarray(load_image(composed.result_path))
    untouched = ~interiors(page)  # gutters, margins and frame lines
    assert np.array_equal(first[untouched], pencils[untouched]), "a gutter or frame changed"
    assert (first[~untouched] != pencils[~untouched]).mean() > 0.3  # the panels were inked

    # The composed page is on the canvas over its pencils: compare with the wipe.
    qtbot.waitUntil(lambda: window.canvas.current_key() == str(composed.id), timeout=5000)
    window.canvas.set_compare_mode(CompareMode.wipe)
    qtbot.waitUntil(window.canvas.is_sharp, timeout=10_000)
    shot(studio, "composed_wipe")

    # Redo panel 2 alone: one job, pasted into the composed page on screen.
    redo = panels[1]
    feature.state.select([redo.id])
    window.prompt_panel.set_state(
        PromptState("flux-kontext-pro", "Ink with heavier lines", {}, None, 1)
    )
    with qtbot.waitSignal(studio.parts.generation.jobs_started, timeout=10_000) as started:
        feature.run_selected_action.trigger()
    assert len(started.args[0]) == 1
    redo_row = lambda: model.row_for(started.args[0][0])  # noqa: E731
    qtbot.waitUntil(lambda: redo_row().state is JobState.running, timeout=10_000)
    assert redo_row().title.startswith("Panel 2 of 7")
    slow_emulator.advance_clock(200)
    qtbot.waitUntil(lambda: len(composed_rows(studio)) == 2, timeout=20_000)
    second_row = composed_rows(studio)[0]
    assert second_row.parent_id == composed.id
    second = np.asarray(load_image(second_row.result_path))
    differs = second != first
    inside = np.zeros(differs.shape, np.uint8)
    polygon = np.round((np.array(redo.polygon.points) - 0.5) * 16).astype(np.int32)
    cv2.fillPoly(inside, [polygon], 255, cv2.LINE_8, 4)
    assert differs.any() and not differs[inside == 0].any(), "the redo changed another panel"
    assert np.array_equal(second[untouched], pencils[untouched])

    # The composed page as the next input keeps the page's panels.
    window.canvas_control.use_as_input(second_row.id)
    qtbot.waitUntil(lambda: feature.state.panels() == panels, timeout=5000)


EYE = (1500, 700)  # in panel 1 (top right) of the generated page


def plant_result(studio: Built, pencils: np.ndarray, result: Image.Image) -> JobRow:
    """A finished Kontext entry made from `pencils`, as if the model had answered `result`."""
    store = studio.parts.generation.store
    height, width = pencils.shape
    stored = store.add_image(encode_png(Image.fromarray(pencils)), "png", width, height)
    request = GenerationRequest(
        "flux-kontext-pro", "ink", {}, 1, (InputImage("input_image", stored.sha256, width, height),)
    )
    job_id = JobId("planted-eye")
    store.create_job(job_id, request, source="gui", api_base="", price_estimate=None)
    data = encode_png(result)
    store.save_result(job_id, DownloadedImage(data, "png", *result.size), 1)
    record = store.get_job(job_id)
    assert record is not None
    row = JobRow.from_record(record)
    studio.parts.history_model.add_row(row)
    return row


def test_change_overlay_finds_the_moved_eye(
    qtbot: QtBot, quick_studio: Built, page: SyntheticPage
) -> None:
    studio, window = quick_studio, quick_studio.window
    canvas, changes = window.canvas, window.changes
    pencils = np.asarray(page.image).copy()
    cv2.circle(pencils, EYE, 40, 60, 3, cv2.LINE_AA)
    ink = inked(pencils)
    cv2.circle(ink, EYE, 40, 255, 9)  # the model redrew the eye 18 px to the right
    cv2.circle(ink, (EYE[0] + 18, EYE[1]), 40, 0, 5)
    result = Image.fromarray(transformed(ink, 1.015, 12.0, -8.0)).resize(
        (896, 1248), Image.Resampling.LANCZOS
    )
    row = plant_result(studio, pencils, result)
    window.canvas_control.show_job(row.id)
    qtbot.waitUntil(lambda: canvas.current_key() == str(row.id) and canvas.is_sharp(), timeout=5000)

    window.actions_.compare[CompareMode.changes].trigger()  # Alt+6
    assert canvas.compare_mode() is CompareMode.changes
    qtbot.waitUntil(lambda: changes.controller.analysis() is not None, timeout=10_000)
    analysis = changes.controller.analysis()
    registration = analysis.registration
    assert registration.scale == pytest.approx(1 / 1.015, abs=0.003)
    assert registration.dx == pytest.approx(-12 / 1.015, abs=2)
    print([spot.box for spot in analysis.hotspots])
    index, eye = next(
        (n, spot.box)
        for n, spot in enumerate(analysis.hotspots)
        if spot.box.left <= EYE[0] <= spot.box.right and spot.box.top <= EYE[1] <= spot.box.bottom
    )
    assert eye.width < 400 and eye.height < 400
    assert changes.dock.isVisible() and changes.heat.is_visible()
    assert changes.panel.hotspots.count() == min(12, len(analysis.hotspots)) + 1  # "and n more"
    print(
        f"registered in {analysis.register_seconds:.2f} s, heat map in "
        f"{analysis.heat_seconds:.2f} s, {len(analysis.hotspots)} hotspot(s)"
    )
    shot(studio, "heatmap")

    # Click the eye's hotspot in the list: the canvas zooms onto it.
    item = changes.panel.hotspots.item(index)
    list_widget = changes.panel.hotspots
    qtbot.mouseClick(
        list_widget.viewport(),
        Qt.MouseButton.LeftButton,
        pos=list_widget.visualItemRect(item).center(),
    )
    centre_ = canvas.view_center()
    assert canvas.zoom() > 0.5
    assert eye.left <= centre_.x() <= eye.right and eye.top <= centre_.y() <= eye.bottom
    shot(studio, "heatmap_zoomed")

    window.actions_.compare[CompareMode.onion].trigger()  # Alt+5
    assert not changes.heat.is_visible() and changes.dock.isVisible()
    canvas.fit()
    shot(studio, "onion")
    canvas.zoom_to_rect(QRectF(EYE[0] - 150, EYE[1] - 120, 300, 240), 0.6)
    shot(studio, "onion_zoomed")

    window.actions_.compare[CompareMode.off].trigger()  # Alt+1: the dock goes, History is back
    assert not changes.dock.isVisible()
