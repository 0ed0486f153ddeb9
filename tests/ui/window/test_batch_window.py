"""The chapter batch in the window: New Batch → the priced confirmation → every page runs →
the contact sheet, reviewed from the keyboard (A accept, R redo, B branch, C compare, [ ])."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from batch_helpers import make_pages, submits
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from test_screenshots import dark_palette

from fluxdesk.core.batch import PageStatus, SeedPolicy
from fluxdesk.core.budget import Budget
from fluxdesk.core.jobs import JobState
from fluxdesk.emulator import EmulatorServer
from fluxdesk.ui.app import Built
from fluxdesk.ui.batch.contact_sheet import ContactSheet
from fluxdesk.ui.batch.tools import BatchTools
from fluxdesk.ui.canvas import CompareMode
from fluxdesk.ui.controllers.canvas import INPUT_KEY


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("FLUXDESK_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def tools_of(built: Built) -> BatchTools:
    assert built.batch is not None
    return built.batch


def run_batch(qtbot: QtBot, built: Built, folder: Path, shots: Path | None = None) -> ContactSheet:
    """New Batch over `folder` (2 results per page, fixed seed 7), confirmed, until done."""
    tools = tools_of(built)
    qtbot.waitUntil(lambda: tools._parts.tools.presets.library().presets != (), timeout=5000)
    sheet = tools.open_sheet()
    dialog = tools.open_new_batch()
    dialog.add_folder_pages(folder)
    dialog.task.setCurrentIndex(dialog.task.findData("ink-bw-print"))
    dialog.variations.setValue(2)
    dialog.policy.setCurrentIndex(dialog.policy.findData(SeedPolicy.fixed.value))
    dialog.random_seed.setChecked(False)
    dialog.seed.setValue(7)
    assert dialog.chapter.text() == folder.name
    dialog.continue_button.click()
    qtbot.waitUntil(lambda: tools.confirm_dialog is not None, timeout=5000)
    confirm = tools.confirm_dialog
    assert confirm is not None
    pages = len(list(folder.iterdir()))
    warnings = confirm.findChildren(QLabel, "batchBudgetWarning")
    assert [w.text() for w in warnings] == [f"⚠ {r}" for r in confirm.proposal.budget_reasons]
    assert confirm.total.text() == f"{pages * 2 * 4} credits (${pages * 2 * 4 / 100:.2f})"
    if shots is not None:
        assert len(warnings) == 1 and "above your confirmation threshold" in warnings[0].text()
        confirm.grab().save(str(shots / "batch_confirm_budget.png"))
    confirm.run_button.click()
    qtbot.waitUntil(
        lambda: (
            (view := tools.controller.view()) is not None and view.count(PageStatus.done) == pages
        ),
        timeout=20_000,
    )
    return sheet


def test_a_batch_is_priced_confirmed_run_and_reviewed(
    qtbot: QtBot, quick_studio: Built, emulator: EmulatorServer, tmp_path: Path, shots: Path
) -> None:
    built = quick_studio
    tools = tools_of(built)
    folder = make_pages(tmp_path / "Chapter 5", 4)
    built.parts.tools.spending.set_budget(Budget(confirm_above=20.0))  # the batch is 32
    sheet = run_batch(qtbot, built, folder, shots)
    assert tools.controller.view().batch.settings.variations == 2  # type: ignore[union-attr]
    controller = tools.controller
    assert len(submits(emulator)) == 8
    view = controller.view()
    assert view is not None and {job.effective_seed for p in view.pages for job in p.jobs} == {7, 8}
    assert "4 pages" in sheet.summary.text() and "32 credits" in sheet.summary.text()

    # A accepts the result on the tile; it is starred in History.
    sheet.select_page(0)
    qtbot.keyClick(sheet.grid, Qt.Key.Key_BracketRight)  # the page's second result
    shown = sheet.current_tile().shown  # type: ignore[union-attr]
    assert shown is not None and shown.effective_seed == 8
    qtbot.keyClick(sheet.grid, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: controller.view().page(0).status is PageStatus.accepted)  # type: ignore[union-attr]
    assert built.parts.generation.store.get_job(shown.id).starred  # type: ignore[union-attr]

    # R runs page 2 again with a new seed; its tile shows it running, then done.
    sheet.select_page(1)
    qtbot.keyClick(sheet.grid, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: controller.view().page(1).page.run == 1, timeout=5000)  # type: ignore[union-attr]
    qtbot.waitUntil(
        lambda: controller.view().page(1).status is PageStatus.done,  # type: ignore[union-attr]
        timeout=10_000,
    )
    page = controller.view().page(1)  # type: ignore[union-attr]
    assert len(page.current) == 2 and page.page.seed not in (7, 8)
    assert {job.effective_seed for job in page.current} == {page.page.seed, page.page.seed + 1}
    assert len(page.candidates) == 4 and len(submits(emulator)) == 10

    # C shows the pencils and the result on the canvas, wipe compare.
    sheet.select_page(2)
    qtbot.keyClick(sheet.grid, Qt.Key.Key_C)
    shown = sheet.current_tile().shown  # type: ignore[union-attr]
    assert built.window.canvas_control.showing() == shown.id  # type: ignore[union-attr]
    assert built.window.canvas.compare_mode() is CompareMode.wipe
    sheet.grab().save(str(shots / "batch_sheet_finished.png"))


def test_branch_brings_a_new_result_back_as_the_pick(
    qtbot: QtBot, quick_studio: Built, tmp_path: Path
) -> None:
    built = quick_studio
    tools = tools_of(built)
    sheet = run_batch(qtbot, built, make_pages(tmp_path / "ch", 2))
    controller = tools.controller
    sheet.select_page(1)
    branched = sheet.current_tile().shown  # type: ignore[union-attr]
    qtbot.keyClick(sheet.grid, Qt.Key.Key_B)

    window, generation = built.window, built.parts.generation
    page = controller.view().page(1).page  # type: ignore[union-attr]
    assert window.canvas_control.showing() == INPUT_KEY
    assert generation.source().parent_id == branched.id  # type: ignore[union-attr]
    state = window.prompt_panel.state()
    assert state.preset_id == "ink-bw-print" and state.variations == 2 and state.seed is None
    qtbot.waitUntil(lambda: built.parts.history_edits.current_page() == page.page_id)

    # The artist iterates in the normal loop: one more result, on the batch's page.
    window.prompt_panel.set_state(
        state.__class__(state.model, "cleaner lines", state.params, 31, 1, (), None)
    )
    qtbot.waitUntil(lambda: generation.staged_input() is not None, timeout=5000)
    window.prompt_panel.generate_action.trigger()
    qtbot.waitUntil(
        lambda: len(controller.view().page(1).others) == 1,  # type: ignore[union-attr]
        timeout=10_000,
    )
    new = controller.view().page(1).others[0]  # type: ignore[union-attr]
    assert new.parent_id == branched.id and new.state is JobState.succeeded  # type: ignore[union-attr]

    sheet.select_page(1)
    for _ in range(len(controller.view().page(1).candidates)):  # type: ignore[union-attr]
        if sheet.current_tile().shown.id == new.id:  # type: ignore[union-attr]
            break
        qtbot.keyClick(sheet.grid, Qt.Key.Key_BracketRight)
    qtbot.keyClick(sheet.grid, Qt.Key.Key_A)
    qtbot.waitUntil(
        lambda: controller.view().page(1).page.accepted_job == new.id  # type: ignore[union-attr]
    )
    assert controller.view().page(1).pick.id == new.id  # type: ignore[union-attr]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_batch_screenshots(
    qtbot: QtBot,
    studio: Built,
    slow_emulator: EmulatorServer,
    tmp_path: Path,
    shots: Path,
    theme: str,
) -> None:
    """For people to look at: New Batch, the contact sheet mid-run and finished (12 pages on
    Kontext [max], six at a time)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.palette()
    if theme == "dark":
        app.setPalette(dark_palette())
    try:
        tools = tools_of(studio)
        qtbot.waitUntil(lambda: tools._parts.tools.presets.library().presets != (), timeout=5000)
        sheet = tools.open_sheet()
        dialog = tools.open_new_batch()
        dialog.add_folder_pages(make_pages(tmp_path / "Chapter 7", 12, (840, 1190)))
        dialog.task.setCurrentIndex(dialog.task.findData("ink-bw-print"))
        dialog.variations.setValue(1)
        qtbot.waitUntil(lambda: dialog.pages_count.width() >= dialog.pages_count.sizeHint().width())
        assert dialog.grab().save(str(shots / f"batch_new_{theme}.png"))
        panel_state = dialog.prompt_state()
        dialog.prompt_state = lambda: replace(panel_state, model="flux-kontext-max")  # type: ignore[method-assign]
        dialog.continue_button.click()
        qtbot.waitUntil(lambda: tools.confirm_dialog is not None, timeout=5000)
        assert tools.confirm_dialog is not None
        assert tools.confirm_dialog.grab().save(str(shots / f"batch_confirm_{theme}.png"))
        tools.confirm_dialog.run_button.click()
        controller = tools.controller

        qtbot.waitUntil(lambda: len(slow_emulator.tasks) == 6, timeout=10_000)
        slow_emulator.advance_clock(200)  # the first six finish, the next six start
        qtbot.waitUntil(lambda: len(slow_emulator.tasks) == 12, timeout=10_000)
        slow_emulator.advance_clock(45)
        qtbot.waitUntil(
            lambda: (
                (view := controller.view()) is not None
                and view.count(PageStatus.done) == 6
                and all(p.progress > 0.3 for p in view.pages[6:])
            ),
            timeout=10_000,
        )
        qtbot.waitUntil(lambda: len(tools.model._pixmaps) >= 18, timeout=10_000)
        sheet.select_page(4)
        assert sheet.grab().save(str(shots / f"batch_sheet_running_{theme}.png"))

        slow_emulator.advance_clock(200)
        qtbot.waitUntil(lambda: controller.view().finished, timeout=10_000)  # type: ignore[union-attr]
        for position in (0, 1, 3):
            sheet.select_page(position)
            qtbot.keyClick(sheet.grid, Qt.Key.Key_A)
        qtbot.waitUntil(lambda: controller.view().count(PageStatus.accepted) == 3)  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: len(tools.model._pixmaps) >= 24, timeout=10_000)
        sheet.select_page(2)
        assert sheet.grab().save(str(shots / f"batch_sheet_finished_{theme}.png"))
    finally:
        app.setPalette(original)


def test_stop_cancels_what_is_waiting_and_sends_nothing_more(
    qtbot: QtBot,
    studio: Built,
    slow_emulator: EmulatorServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tools = tools_of(studio)
    qtbot.waitUntil(lambda: tools._parts.tools.presets.library().presets != (), timeout=5000)
    sheet = tools.open_sheet()
    dialog = tools.open_new_batch()
    dialog.add_folder_pages(make_pages(tmp_path / "ch", 8))
    dialog.task.setCurrentIndex(dialog.task.findData("ink-bw-print"))
    state = replace(dialog.prompt_state(), model="flux-kontext-max", variations=1)
    dialog.prompt_state = lambda: state  # type: ignore[method-assign]
    dialog.continue_button.click()
    qtbot.waitUntil(lambda: tools.confirm_dialog is not None, timeout=5000)
    tools.confirm_dialog.run_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: len(slow_emulator.tasks) == 6, timeout=10_000)  # two pages wait

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    sheet.stop_button.click()
    controller = tools.controller
    # Sent or waiting for a slot: cancelled. A page still being prepared is never sent.
    qtbot.waitUntil(
        lambda: (
            (view := controller.view()) is not None
            and view.batch.stopped
            and view.count(PageStatus.failed) + view.count(PageStatus.pending) == 8
        ),
        timeout=10_000,
    )
    view = controller.view()
    assert view is not None and view.count(PageStatus.failed) >= 6
    for page in view.pages:
        assert page.message == "Cancelled." if page.jobs else page.status is PageStatus.pending
    assert "stopped" in sheet.summary.text() and not sheet.stop_button.isEnabled()
    controller.reconcile()  # as after a restart: a stopped batch sends nothing by itself
    qtbot.waitUntil(lambda: studio.parts.runner.active_count() == 0, timeout=5000)
    assert len(submits(slow_emulator)) == 6
