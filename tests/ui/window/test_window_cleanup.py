"""Scan clean-up in the real window: a live preview on the canvas (before / after), then the
cleaned scan is what gets stored and sent, with its settings on record; the file is untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw
from pytestqt.qtbot import QtBot

from fluxdesk.core.imaging.cleanup import CleanupSettings, PencilColor
from fluxdesk.core.jobs import JobState
from fluxdesk.ui.app import Built
from fluxdesk.ui.controllers.canvas import INPUT_KEY


@pytest.fixture
def blue_pencil_scan(tmp_path: Path) -> Path:
    """Warm paper, non-photo-blue construction lines, graphite drawn over them."""
    image = Image.new("RGB", (1400, 1000), (246, 243, 235))
    draw = ImageDraw.Draw(image)
    for n in range(9):
        draw.line((60 + n * 150, 30, 250 + n * 120, 970), fill=(140, 190, 222), width=4)
        draw.ellipse((80 + n * 140, 120, 220 + n * 140, 260), outline=(170, 208, 230), width=3)
    for n in range(6):
        draw.line((0, 120 + n * 150, 1400, 180 + n * 140), fill=(70, 70, 74), width=5)
    path = tmp_path / "blue-pencils.png"
    image.save(path)
    return path


def test_clean_up_previews_live_and_the_cleaned_scan_is_sent(
    qtbot: QtBot, quick_studio: Built, blue_pencil_scan: Path
) -> None:
    window = quick_studio.window
    generation = quick_studio.parts.generation
    original = hashlib.sha256(blue_pencil_scan.read_bytes()).hexdigest()
    with qtbot.waitSignal(generation.input_staged, timeout=10_000):
        window.canvas_control.open_paths([blue_pencil_scan])
    plain = generation.staged_input()

    tools = window.tools
    tools.cleanup_dock.toggleViewAction().trigger()
    qtbot.waitUntil(tools.cleanup.is_active, timeout=5000)  # the panel is in front
    panel = tools.cleanup_panel
    with qtbot.waitSignal(tools.cleanup.preview_shown, timeout=10_000) as shown:
        panel.reset_button.click()  # the suggested clean-up: blue out, auto contrast
    preview = shown.args[0]
    assert preview.settings.remove is PencilColor.blue and panel.settings() == preview.settings
    assert window.canvas.current_key() == INPUT_KEY
    qtbot.wait(50)
    window.grab().save("/tmp/cleanup_after.png")
    cleaned = preview.image.convertToFormat(preview.image.Format.Format_Grayscale8)
    row = [cleaned.pixelColor(x, 60).lightness() for x in range(0, cleaned.width(), 2)]
    assert min(row) > 200  # this row crosses nine blue lines: all paper now

    # Before / After swaps the canvas between the scan and the cleaned preview.
    panel.before_button.click()
    qtbot.wait(50)
    window.grab().save("/tmp/cleanup_before.png")
    panel.after_button.click()

    # Dragging the sensitivity: previews are latest-wins, the last one matches the panel.
    for value in (20, 40, 60, 80):
        panel.sensitivity.setValue(value)
    qtbot.waitUntil(
        lambda: (
            (latest := tools.cleanup.latest_preview()) is not None
            and latest.settings.sensitivity == 80
        ),
        timeout=10_000,
    )

    with qtbot.waitSignal(generation.input_staged, timeout=10_000):
        tools.cleanup.flush()  # staging runs once the sliders rest
    staged = generation.staged_input()
    assert staged is not None and staged.sha256 != plain.sha256
    sent = Image.open(generation.store.image_path(staged.sha256, "png"))
    assert sent.mode == "L"  # grey, blue pencil gone: paper is pure white
    sent_pixels = np.asarray(sent)
    assert np.median(sent_pixels) == 255
    # The construction lines' columns between graphite lines are paper now.
    assert sent_pixels[40:100, :].min() > 200

    panel_state = window.prompt_panel.state().__class__("flux-kontext-pro", "Ink it", {}, 5, 1)
    window.prompt_panel.set_state(panel_state)
    with qtbot.waitSignal(generation.jobs_started, timeout=5000) as started:
        window.prompt_panel.generate()
    [job_id] = started.args[0]
    model = quick_studio.parts.history_model
    qtbot.waitUntil(lambda: model.row_for(job_id).state is JobState.succeeded, timeout=10_000)
    record = generation.store.get_job(job_id)
    assert record.request.inputs[0].sha256 == staged.sha256  # the cleaned copy was sent
    assert CleanupSettings.from_data(dict(record.request.cleanup)) == panel.settings()
    assert hashlib.sha256(blue_pencil_scan.read_bytes()).hexdigest() == original

    # Off again: the scan goes as it is, and the canvas shows the full-resolution scan.
    with qtbot.waitSignal(generation.input_staged, timeout=10_000):
        panel.enabled_box.click()
    assert generation.staged_input().sha256 == plain.sha256
    assert generation.cleanup() is None

    # Reusing the entry's settings reproduces its clean-up too.
    window.history_dock.reuse_settings_requested.emit(job_id)
    assert panel.settings() == CleanupSettings.from_data(dict(record.request.cleanup))
    with qtbot.waitSignal(generation.input_staged, timeout=10_000):
        tools.cleanup.flush()
    assert generation.staged_input().sha256 == staged.sha256  # the same bytes as sent then
