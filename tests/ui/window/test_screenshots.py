"""Screenshots for people to look at (not compared in CI): empty state, generating, comparing,
in light and dark palettes. Set FLUXDESK_SCREENSHOTS=/some/folder to keep them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fluxdesk.core.jobs import JobState
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.emulator import EmulatorServer
from fluxdesk.ui.app import Built
from fluxdesk.ui.canvas import CompareMode


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2d31",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f2023",
        QPalette.ColorRole.AlternateBase: "#34363b",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#34363b",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#3b6fd4",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Mid: "#45474d",
        QPalette.ColorRole.ToolTipBase: "#34363b",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8a8d93",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#6c6f75"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6c6f75"))
    return palette


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("FLUXDESK_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_window_screenshots(
    qtbot: QtBot,
    studio: Built,
    slow_emulator: EmulatorServer,
    pencils_file: Path,
    shots: Path,
    theme: str,
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.palette()
    if theme == "dark":
        app.setPalette(dark_palette())
    try:
        window = studio.window
        assert window.grab().save(str(shots / f"{theme}-1-empty.png"))

        generation = studio.parts.generation
        with qtbot.waitSignal(generation.input_staged, timeout=10_000):
            window.canvas_control.open_paths([pencils_file])
        state = PromptState(
            "flux-kontext-pro", "Ink these pencils: clean black lines, no grey", {}, None, 4
        )
        window.prompt_panel.set_state(state)
        with qtbot.waitSignal(generation.jobs_started, timeout=5000):
            window.prompt_panel.generate()
        model = studio.parts.history_model
        qtbot.waitUntil(
            lambda: all(r.state is JobState.running for r in model.rows()), timeout=10_000
        )
        qtbot.waitUntil(window.canvas.is_sharp, timeout=10_000)
        assert window.grab().save(str(shots / f"{theme}-2-generating.png"))

        slow_emulator.advance_clock(200)
        qtbot.waitUntil(lambda: model.active_count() == 0, timeout=15_000)
        first = model.rows()[0]
        window.history_dock.select_job(first.id)
        qtbot.waitUntil(lambda: window.canvas.current_key() == str(first.id), timeout=5000)
        window.canvas.set_compare_mode(CompareMode.wipe)
        qtbot.waitUntil(window.canvas.is_sharp, timeout=10_000)
        assert window.grab().save(str(shots / f"{theme}-3-comparing.png"))
    finally:
        app.setPalette(original)
