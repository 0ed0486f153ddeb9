"""The main window and its dialogs in Japanese (and English): translated, and no text clipped at
the default size. Set FLUXDESK_SCREENSHOTS=/some/folder to keep the screenshots (ja_*.png)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from text_clipping import clipped_texts

from fluxdesk.core.jobs import JobState
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.emulator import EmulatorServer
from fluxdesk.ui.app import Built
from fluxdesk.ui.canvas import CompareMode
from fluxdesk.ui.i18n import ENGLISH, JAPANESE, install_translations, remove_translations

# Texts that elide or scroll on purpose.
ELIDED = frozenset()


@pytest.fixture(params=[JAPANESE, ENGLISH])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """Installed before the window is built (list it before `studio`)."""
    translators = install_translations(qapp, request.param)
    yield request.param
    remove_translations(qapp, translators)


def _save(widget: QWidget, language: str, name: str) -> None:
    folder = os.environ.get("FLUXDESK_SCREENSHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / f"{language}_{name}.png"))


def _assert_fits(qtbot: QtBot, widget: QWidget) -> None:
    """Layouts settle on the event loop after a text changes: give them a moment."""
    try:
        qtbot.waitUntil(lambda: not clipped_texts(widget, ELIDED), timeout=1000)
    except qtbot.TimeoutError:
        clipped = clipped_texts(widget, ELIDED)
        pytest.fail("clipped text:\n" + "\n".join(map(str, clipped)))


def test_window_in_each_language_fits(
    language: str,
    qtbot: QtBot,
    studio: Built,
    slow_emulator: EmulatorServer,
    pencils_file: Path,
) -> None:
    window = studio.window
    button = window.prompt_panel.generate_button
    assert button.text() == ("生成" if language == JAPANESE else "Generate")
    _assert_fits(qtbot, window)
    _save(window, language, "1_empty")

    generation = studio.parts.generation
    with qtbot.waitSignal(generation.input_staged, timeout=10_000):
        window.canvas_control.open_paths([pencils_file])
    state = PromptState("flux-kontext-pro", "Ink these pencils: clean black lines", {}, None, 4)
    window.prompt_panel.set_state(state)
    assert button.text() == ("4 枚生成" if language == JAPANESE else "Generate 4 variations")
    with qtbot.waitSignal(generation.jobs_started, timeout=5000):
        window.prompt_panel.generate()
    model = studio.parts.history_model
    qtbot.waitUntil(lambda: all(r.state is JobState.running for r in model.rows()), timeout=10_000)
    qtbot.waitUntil(window.canvas.is_sharp, timeout=10_000)
    _assert_fits(qtbot, window)
    _save(window, language, "2_generating")

    slow_emulator.advance_clock(200)
    qtbot.waitUntil(lambda: model.active_count() == 0, timeout=15_000)
    first = model.rows()[0]
    window.history_dock.select_job(first.id)
    qtbot.waitUntil(lambda: window.canvas.current_key() == str(first.id), timeout=5000)
    window.canvas.set_compare_mode(CompareMode.wipe)
    qtbot.waitUntil(window.canvas.is_sharp, timeout=10_000)
    _assert_fits(qtbot, window)
    _save(window, language, "3_comparing")
