"""Region edit, Fill and Expand in the real window against the emulator: marked with the tools,
sent, placed back on the full-resolution page. Untouched pixels stay bit-identical, the edit is
registered within a pixel, a grown page keeps the original exactly where it was.

Screenshots for people to look at (not compared): /tmp/region_*.png (FLUXDESK_SCREENSHOTS).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fluxdesk.core.imaging.load import load_image
from fluxdesk.core.jobs import JobState
from fluxdesk.core.regions import Rect
from fluxdesk.ui.app import Built
from fluxdesk.ui.canvas import CompareMode
from fluxdesk.ui.canvas.tools import Brush
from fluxdesk.ui.history_model import JobRow

SHOTS = Path(os.environ.get("FLUXDESK_SCREENSHOTS", "/tmp"))
STEP = 53  # grid spacing, page px


def grid_page(path: Path, size: tuple[int, int], mode: str) -> np.ndarray:
    """Paper with a little noise (so 'untouched' means bit-identical) and a dark grid."""
    width, height = size
    rng = np.random.default_rng(3)
    grey = rng.integers(212, 228, (height, width), dtype=np.uint8)
    for start in range(17, max(size), STEP):
        grey[:, start : start + 2] = 40
        grey[start : start + 2, :] = 40
    pixels = np.dstack([grey, grey, grey // 2 + 100]) if mode == "RGB" else grey
    Image.fromarray(pixels, mode).save(path, compress_level=1)
    return pixels


def open_page(qtbot: QtBot, studio: Built, path: Path, size: tuple[int, int]) -> None:
    window = studio.window
    with qtbot.waitSignal(studio.parts.generation.input_staged, timeout=10_000):
        window.canvas_control.open_paths([path])
    qtbot.waitUntil(lambda: window.edit_tools.tools.page_size() == size, timeout=10_000)
    qtbot.waitUntil(window.canvas.is_sharp, timeout=10_000)


def generate_and_wait(qtbot: QtBot, studio: Built, prompt: str = "") -> JobRow:
    panel = studio.window.prompt_panel
    panel.prompt_editor.set_text(prompt)
    model = studio.parts.history_model
    before = model.rowCount()
    assert panel.generate(), panel.check().problems
    qtbot.waitUntil(lambda: model.rowCount() == before + 1, timeout=15_000)
    qtbot.waitUntil(lambda: model.rows()[0].state.is_terminal, timeout=30_000)
    row = model.rows()[0]
    assert row.state is JobState.succeeded, row.error_message
    assert row.error_message is None, row.error_message
    return row


def save_shot(studio: Built, name: str) -> None:
    QApplication.processEvents()
    assert studio.window.grab().save(str(SHOTS / f"region_{name}.png"))


def line_centre(profile: np.ndarray, near: int) -> float:
    window = np.arange(near - 8, near + 10)
    weights = profile[window]
    return float((weights * (window + 0.5)).sum() / weights.sum())


@pytest.mark.parametrize("mode", ["L", "RGB"])
def test_region_edit_round_trip(
    qtbot: QtBot, quick_studio: Built, tmp_path: Path, drag, at, mode: str
) -> None:
    studio, window = quick_studio, quick_studio.window
    size = (1400, 1900)
    path = tmp_path / f"grid-{mode}.png"
    original = grid_page(path, size, mode)
    open_page(qtbot, studio, path, size)
    window.edit_tools.tools.set_tool("rectangle")
    canvas = window.canvas
    canvas.grab()
    drag(canvas, [(320, 450), (700, 800), (1110, 1330)], release=False)
    if mode == "RGB":
        save_shot(studio, "selection")  # the rectangle while it is being dragged
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=at(canvas, 1110, 1330))
    selection = window.edit_tools.tools.selection.selection()
    assert isinstance(selection, Rect)
    headline = window.prompt_panel.scope_label.text().replace("\u00a0", " ")
    assert headline == f"Editing the selected region ({selection.width} × {selection.height} px)"

    row = generate_and_wait(qtbot, studio, "ink this panel")
    assert row.result_size == size and row.edit_kind == "region" and row.page_path == path
    sent = row.request.inputs[0]
    assert 0.9e6 < sent.width * sent.height < 1.2e6  # the region near 1 MP, not the page
    composed = np.asarray(load_image(row.result_path))
    outside = np.ones(size[::-1], bool)
    outside[selection.top : selection.bottom, selection.left : selection.right] = False
    assert np.array_equal(composed[outside], original[outside]), "untouched pixels changed"
    assert not np.array_equal(composed[~outside], original[~outside])

    # The emulator inks the grid: its lines come back where they were, within a pixel.
    ink = 255.0 - (composed if mode == "L" else composed[..., 0]).astype(np.float64)
    inner = ink[
        selection.top + 20 : selection.bottom - 20, selection.left + 20 : selection.right - 20
    ]
    errors = []
    for start in range(17, max(size), STEP):
        x, y = start - selection.left - 20, start - selection.top - 20
        if 10 < x < inner.shape[1] - 12:
            errors.append(abs(line_centre(inner.sum(axis=0), x) - (x + 1)))
        if 10 < y < inner.shape[0] - 12:
            errors.append(abs(line_centre(inner.sum(axis=1), y) - (y + 1)))
    assert len(errors) > 20 and max(errors) <= 1.0, f"misregistered by {max(errors):.2f} px"

    # The composed page compares with the pencils in place: same page, wipe slider.
    window.canvas_control.show_job(row.id)
    canvas.set_compare_mode(CompareMode.wipe)
    qtbot.waitUntil(
        lambda: canvas.current_key() == str(row.id) and canvas.is_sharp(), timeout=10_000
    )
    assert canvas.page_size().toSize().toTuple() == size
    if mode == "RGB":
        canvas.set_wipe_position(0.5)
        save_shot(studio, "composed_wipe")


def test_fill_round_trip(qtbot: QtBot, quick_studio: Built, tmp_path: Path, drag) -> None:
    studio, window = quick_studio, quick_studio.window
    size = (1500, 1900)
    path = tmp_path / "fill.png"
    original = grid_page(path, size, "L")
    open_page(qtbot, studio, path, size)
    panel = window.prompt_panel
    panel.set_model("flux-pro-1.0-fill")
    assert "Paint a mask first" in panel.problem_summary.text()
    assert not panel.generate_button.isEnabled()

    tools = window.edit_tools.tools
    tools.set_tool("brush")
    tools.brush.set_brush(Brush(90, hard=False))
    window.canvas.grab()
    drag(window.canvas, [(400, 500), (700, 650), (1000, 520), (1100, 900)])
    drag(window.canvas, [(500, 1200), (900, 1300)])
    mask = tools.mask.layer().pixels.copy()
    assert panel.state().model == "flux-pro-1.0-fill"
    assert panel.scope_label.text().startswith("Repainting the masked area")
    window.canvas.set_zoom(window.canvas.zoom())  # the brush outline shows where the pointer is
    save_shot(studio, "mask")

    row = generate_and_wait(qtbot, studio, "cross-hatched shadow")
    image, sent_mask = row.request.inputs
    assert sent_mask.slot == "mask" and (sent_mask.width, sent_mask.height) == (
        image.width,
        image.height,
    )
    composed = np.asarray(load_image(row.result_path))
    assert composed.shape == original.shape
    assert np.array_equal(composed[mask == 0], original[mask == 0]), "unpainted pixels changed"
    painted = mask == 255
    assert (composed[painted] != original[painted]).mean() > 0.2  # hatched where painted


def test_expand_round_trip(qtbot: QtBot, quick_studio: Built, tmp_path: Path, drag) -> None:
    studio, window = quick_studio, quick_studio.window
    size = (2100, 2150)  # 4.5 MP: sent at 4 MP, so the sides are scaled both ways
    path = tmp_path / "expand.png"
    original = grid_page(path, size, "L")
    open_page(qtbot, studio, path, size)
    tools = window.edit_tools.tools
    tools.set_tool("expand")
    canvas = window.canvas
    canvas.set_zoom(canvas.zoom() * 0.7)
    canvas.grab()
    drag(canvas, [(2100, 1075), (2500, 1075)])  # the right edge outward
    middle = tools.expand.plan().canvas_size[0] / 2  # the top handle, on the grown canvas
    drag(canvas, [(middle, 0), (middle, -300)])  # the top edge outward
    panel = window.prompt_panel
    assert panel.state().model == "flux-pro-1.0-expand"
    plan = tools.expand.plan()
    assert plan.sent.right > 0 and plan.sent.top > 0
    assert panel.state().params["right"] == plan.sent.right  # the fields follow the handles
    spin = window.edit_tools.bar.expand_options.spins["right"]
    assert spin.value() == plan.page.right  # and the options bar shows page pixels
    panel.set_params({"left": 120})  # typing a side in the panel moves that handle
    plan = tools.expand.plan()
    assert plan.sent.left == 120
    assert window.edit_tools.bar.expand_options.spins["left"].value() == plan.page.left
    save_shot(studio, "expand")

    row = generate_and_wait(qtbot, studio)
    grown = np.asarray(load_image(row.result_path))
    assert grown.shape[::-1] == plan.canvas_size
    left, top = plan.origin
    assert np.array_equal(grown[top : top + size[1], left : left + size[0]], original)
    assert row.edit_kind == "expand"
