"""The main window and its dialogs in Japanese (and English): translated, and no text clipped at
the default size; the Panels tool bar, the Changes dock, the chapter batch (New Batch, the
confirmation, the contact sheet) and the layered PSD export too. Set
FLUXDESK_SCREENSHOTS=/some/folder to keep the screenshots (ja_*.png)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_helpers import make_pages
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QToolButton, QWidget
from pytestqt.qtbot import QtBot
from text_clipping import clipped_texts

from fluxdesk.core.batch import PageStatus
from fluxdesk.core.jobs import JobState
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.emulator import EmulatorServer
from fluxdesk.ui.app import Built
from fluxdesk.ui.canvas import CompareMode
from fluxdesk.ui.crash import CrashDialog, CrashNotice
from fluxdesk.ui.i18n import ENGLISH, JAPANESE, install_translations, remove_translations
from fluxdesk.ui.printing.export_dialog import ExportPageDialog
from fluxdesk.ui.printing.state import PrintState
from fluxdesk.ui.provider_settings import ProviderSettings
from fluxdesk.ui.settings_dialog import SettingsDialog

SCREEN = QSize(1440, 860)  # a small laptop screen less the task bar
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


def _check_dialog(
    qtbot: QtBot, dialog: QWidget, language: str, name: str, *, close: bool = True
) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    # The offscreen screen is 800 px tall; a dialog opens at its size hint on a real one.
    dialog.resize(dialog.sizeHint().expandedTo(dialog.size()).boundedTo(SCREEN))
    _assert_fits(qtbot, dialog)
    _save(dialog, language, name)
    if close:
        dialog.close()


def test_dialogs_and_panels_in_each_language_fit(
    language: str, qtbot: QtBot, studio: Built, pencils_file: Path, tmp_path: Path
) -> None:
    window = studio.window
    parts = studio.parts
    with qtbot.waitSignal(parts.generation.input_staged, timeout=10_000):
        window.canvas_control.open_paths([pencils_file])

    settings = SettingsDialog(parts.preferences.value, parts.account.key_state(), window)
    settings.add_section(ProviderSettings(parts.providers, settings))
    assert settings.windowTitle() == (
        "FluxDesk の設定" if language == JAPANESE else ("FluxDesk Settings")
    )
    _check_dialog(qtbot, settings, language, "4_settings")

    window.tools.open_preset_editor()
    _check_dialog(qtbot, window.tools.editor, language, "5_presets")
    window.tools.open_ledger()
    _check_dialog(qtbot, window.tools.ledger, language, "6_spending")
    export = ExportPageDialog(PrintState(), tmp_path / "page.tif", True, window)
    _check_dialog(qtbot, export, language, "7_export_page")
    crash = CrashDialog(CrashNotice("Traceback …\nValueError: example", None), tmp_path, window)
    _check_dialog(qtbot, crash, language, "8_crash")

    window.finish.show_panel()  # Finish & Export shares the left dock area with the prompt
    _assert_fits(qtbot, window)
    _save(window, language, "9_finish_export")
    window.tools.cleanup_dock.show()
    window.tools.cleanup_dock.raise_()
    _assert_fits(qtbot, window)
    _save(window, language, "10_cleanup")
    window.history_dock.findChild(QToolButton, "historyView_grid").click()
    _assert_fits(qtbot, window)
    _save(window, language, "11_history_grid")


def test_panels_batch_and_psd_in_each_language_fit(
    language: str, qtbot: QtBot, quick_studio: Built, pencils_file: Path, tmp_path: Path
) -> None:
    built = quick_studio
    window, parts = built.window, built.parts
    japanese = language == JAPANESE
    with qtbot.waitSignal(parts.generation.input_staged, timeout=10_000):
        window.canvas_control.open_paths([pencils_file])
    state = PromptState("flux-kontext-pro", "Ink these pencils: clean black lines", {}, 5, 1)
    with qtbot.waitSignal(parts.generation.jobs_started, timeout=5000) as started:
        window.prompt_panel.set_state(state)
        window.prompt_panel.generate()
    (job_id,) = started.args[0]
    model = parts.history_model
    qtbot.waitUntil(lambda: model.row_for(job_id).state is JobState.succeeded, timeout=10_000)  # type: ignore[union-attr]
    window.canvas_control.show_job(job_id)

    # The Panels tool over the result, with the page's panels found.
    panels = window.panels
    with qtbot.waitSignal(panels.controller.detected, timeout=10_000):
        panels.detect()
    assert panels.options.isVisible()
    assert panels.options.run_all_button.text() == ("すべて実行" if japanese else "Run all")
    qtbot.waitUntil(window.canvas.is_sharp, timeout=10_000)
    _assert_fits(qtbot, window)
    _save(window, language, "12_panels")

    # What moved: the Changes dock beside History.
    window.canvas.set_compare_mode(CompareMode.changes)
    status = window.changes.panel.status
    busy = "結果を下書きに位置合わせしています…" if japanese else "Registering the result"
    qtbot.waitUntil(lambda: bool(status.text()) and busy not in status.text(), timeout=10_000)
    _assert_fits(qtbot, window)
    _save(window, language, "13_changes")
    window.canvas.set_compare_mode(CompareMode.off)

    # A chapter batch: New Batch, its priced confirmation, the contact sheet with its pages.
    tools = built.batch
    assert tools is not None
    qtbot.waitUntil(lambda: tools._parts.tools.presets.library().presets != (), timeout=5000)
    sheet = tools.open_sheet()
    dialog = tools.open_new_batch()
    dialog.add_folder_pages(make_pages(tmp_path / "Chapter 5", 3))
    dialog.task.setCurrentIndex(dialog.task.findData("ink-bw-print"))
    assert dialog.windowTitle() == ("新しい話の一括処理" if japanese else "New Chapter Batch")
    _check_dialog(qtbot, dialog, language, "14_new_batch", close=False)
    dialog.continue_button.click()
    qtbot.waitUntil(lambda: tools.confirm_dialog is not None, timeout=5000)
    confirm = tools.confirm_dialog
    assert confirm is not None
    _check_dialog(qtbot, confirm, language, "15_confirm_batch", close=False)
    confirm.run_button.click()
    qtbot.waitUntil(
        lambda: (view := tools.controller.view()) is not None and view.count(PageStatus.done) == 3,
        timeout=20_000,
    )
    _check_dialog(qtbot, sheet, language, "16_contact_sheet")

    # File > Export Layered PSD… for the starred result.
    parts.history_edits.set_starred([job_id], True)
    qtbot.waitUntil(lambda: model.row_for(job_id).starred, timeout=5000)  # type: ignore[union-attr]
    window.actions_.export_psd.trigger()
    psd = tools.psd
    qtbot.waitUntil(lambda: psd.dialog() is not None, timeout=10_000)
    export = psd.dialog()
    assert export is not None
    assert export.windowTitle() == (
        "レイヤー付きPSDを書き出し" if japanese else "Export Layered PSD"
    )
    _check_dialog(qtbot, export, language, "17_psd_export")
