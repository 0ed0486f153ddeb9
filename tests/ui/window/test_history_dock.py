"""The history dock over a real store: search and filters off the GUI thread, star, delete
with undo, the Trash, compare, the lineage tree, project pages, backup and restore, and a
history too big to load at once."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from fluxdesk.core.api.models import DownloadedImage, GenerationRequest, TaskHandle
from fluxdesk.core.history import curation
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId, JobState
from fluxdesk.emulator import EmulatorServer
from fluxdesk.ui.app import Built
from fluxdesk.ui.history_diff_dialog import EntryDiffDialog

PROMPTS = [
    "ink these pencils, thin lines",
    "ink these pencils, bold lines",
    "add screentone to the sky",
    "flats for page three",
]


def png(shade: int) -> DownloadedImage:
    buffer = io.BytesIO()
    Image.new("L", (40, 56), shade).save(buffer, "PNG")
    return DownloadedImage(buffer.getvalue(), "png", 40, 56)


def add_entry(store: HistoryStore, number: int, prompt: str, **kwargs: object) -> JobId:
    job_id = JobId(f"entry-{number:05d}")
    request = GenerationRequest(str(kwargs.pop("model", "flux-dev")), prompt, {}, number)
    store.create_job(
        job_id, request, source="test", api_base="https://api.bfl.ai", price_estimate=2.5, **kwargs
    )  # type: ignore[arg-type]
    store.mark_submitted(job_id, TaskHandle(f"t{number}", f"https://api.bfl.ai/r?id={number}", 2.5))
    store.mark_ready(job_id)
    store.save_result(job_id, png(number % 250), number)
    return job_id


@pytest.fixture
def filled(qtbot: QtBot, quick_studio: Built) -> tuple[Built, list[JobId]]:
    store = quick_studio.parts.generation.store
    ids = [add_entry(store, n, prompt) for n, prompt in enumerate(PROMPTS)]
    child = add_entry(store, 10, "ink these pencils, bold lines, darker", parent_id=ids[1])
    history = quick_studio.parts.history
    with qtbot.waitSignal(history.loaded, timeout=5000):
        history.refresh()
    return quick_studio, [*ids, child]


def shown(built: Built) -> list[JobId]:
    return built.parts.history_model.ids()


def test_search_and_filters_run_off_the_gui_thread(qtbot: QtBot, filled) -> None:
    built, ids = filled
    dock = built.window.history_dock
    assert shown(built) == list(reversed(ids))  # newest first, one row per entry
    with qtbot.waitSignal(built.parts.history.loaded, timeout=5000):
        qtbot.keyClicks(dock.filters.search, "bold")  # debounced: one query after typing
    assert shown(built) == [ids[4], ids[1]]
    dock.filters.search.clear()
    qtbot.waitUntil(lambda: len(shown(built)) == 5)

    with qtbot.waitSignal(built.parts.history.loaded, timeout=5000):
        dock.filters.status.setCurrentIndex(dock.filters.status.findData("failed"))
    assert shown(built) == []
    assert dock.findChild(object, "historyEmpty").isVisible()
    with qtbot.waitSignal(built.parts.history.loaded, timeout=5000):
        dock.filters.status.setCurrentIndex(0)
    assert len(shown(built)) == 5


def test_star_delete_undo_and_the_trash(qtbot: QtBot, filled, monkeypatch) -> None:
    built, ids = filled
    dock = built.window.history_dock
    store = built.parts.generation.store
    model = built.parts.history_model
    qtbot.waitUntil(lambda: model.row_for(ids[0]) is not None)

    dock.select_job(ids[0])
    dock.actions_.star.trigger()
    qtbot.waitUntil(lambda: model.row_for(ids[0]).starred)
    assert store.get_job(ids[0]).starred  # type: ignore[union-attr]
    with qtbot.waitSignal(built.parts.history.loaded, timeout=5000):
        dock.filters.starred.setChecked(True)
    assert shown(built) == [ids[0]]
    with qtbot.waitSignal(built.parts.history.loaded, timeout=5000):
        dock.filters.starred.setChecked(False)

    dock.select_job(ids[2])
    dock.actions_.delete.trigger()
    qtbot.waitUntil(lambda: ids[2] not in shown(built))
    assert dock.notice.isVisible() and "Trash" in dock.notice.label.text()
    dock.view.setFocus()
    qtbot.keyClick(dock.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ids[2] in shown(built), timeout=5000)
    assert store.get_job(ids[2]).deleted_at is None  # type: ignore[union-attr]

    dock.select_job(ids[3])
    dock.actions_.delete.trigger()
    qtbot.waitUntil(lambda: ids[3] not in shown(built))
    with qtbot.waitSignal(built.parts.history.loaded, timeout=5000):
        dock.filters.trash.setChecked(True)
    assert shown(built) == [ids[3]]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: model.row_for(ids[3]) is not None)
    dock.select_job(ids[3])
    dock.actions_.purge.trigger()
    qtbot.waitUntil(lambda: store.get_job(ids[3]) is None, timeout=5000)
    qtbot.waitUntil(lambda: shown(built) == [])


def test_compare_two_entries(qtbot: QtBot, filled) -> None:
    built, ids = filled
    dock = built.window.history_dock
    model = built.parts.history_model
    qtbot.waitUntil(lambda: all(model.row_for(i) is not None for i in ids))
    dock.select_job(ids[0])
    selection = dock.view.selectionModel()
    selection.select(model.index_for(ids[1]), QItemSelectionModel.SelectionFlag.Select)
    compare = dock.findChild(object, "compareEntriesButton")
    assert compare.isVisible()
    with qtbot.waitSignal(built.parts.history_edits.compare_ready, timeout=5000):
        compare.click()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, EntryDiffDialog)]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert "thin" in dialog.prompt.toPlainText() and "bold" in dialog.prompt.toPlainText()
    names = [dialog.table.item(n, 0).text() for n in range(dialog.table.rowCount())]
    assert names == ["Seed", "Cost", "Time"]  # only what changed, and what each step cost
    dialog.close()


def test_the_lineage_tree(qtbot: QtBot, filled) -> None:
    built, ids = filled
    dock = built.window.history_dock
    lineage = built.parts.history.lineage
    dock.findChild(object, "historyView_tree").click()
    qtbot.waitUntil(lambda: lineage.node_count() == 5, timeout=5000)
    assert dock.current_view() is dock.tree
    parent = lineage.index_for(ids[1])
    assert lineage.rowCount(parent) == 1
    assert lineage.index(0, 0, parent).internalId() == lineage.index_for(ids[4]).internalId()
    assert lineage.rowCount() == 4  # roots: the child sits under its parent
    child = lineage.index(0, 0, parent)
    qtbot.waitUntil(lambda: child.data(Qt.ItemDataRole.ToolTipRole) is not None)
    changes = child.data(Qt.ItemDataRole.ToolTipRole).split("From the step before:")[1]
    assert changes.split() == ["+", ",", "darker"]  # only what this step added
    dock.findChild(object, "historyView_list").click()
    assert dock.current_view() is dock.view


def test_new_jobs_belong_to_the_current_page(
    qtbot: QtBot, quick_studio: Built, emulator: EmulatorServer
) -> None:
    edits = quick_studio.parts.history_edits
    with qtbot.waitSignal(edits.current_page_changed, timeout=5000) as changed:
        edits.new_page("Harbour Lights", "Chapter 1", "Page 3")
    page = changed.args[0]
    dock = quick_studio.window.history_dock
    assert dock.projects.text() == "Harbour Lights › Chapter 1 › Page 3"
    window = quick_studio.window
    window.prompt_panel.set_state(window.prompt_panel.state().__class__("flux-dev", "x", {}, 1, 1))
    runner = quick_studio.parts.runner
    with qtbot.waitSignal(runner.job_finished, timeout=10_000) as finished:
        window.prompt_panel.generate()
    record = quick_studio.parts.generation.store.get_job(finished.args[0].job_id)
    assert record is not None and record.page_id == page
    with qtbot.waitSignal(quick_studio.parts.history.loaded, timeout=5000):
        dock.filters.this_page.setChecked(True)
    assert shown(quick_studio) == [record.id]


def test_backup_and_restore_from_the_window(qtbot: QtBot, filled, tmp_path: Path) -> None:
    built, ids = filled
    backup = built.parts.backup
    archive = tmp_path / "history.zip"
    with qtbot.waitSignal(backup.finished, timeout=10_000) as done:
        backup.back_up_to(archive)
    assert done.args[0].ok and archive.is_file()
    store = built.parts.generation.store
    curation.move_to_trash(store, ids[:2])
    curation.purge_trash(store, older_than_days=None)
    with qtbot.waitSignals([backup.finished, built.parts.history.loaded], timeout=10_000):
        backup.restore_from(archive)
    assert store.count_jobs() == 5
    qtbot.waitUntil(lambda: len(shown(built)) == 5)


def test_a_big_history_is_read_as_it_scrolls(qtbot: QtBot, quick_studio: Built) -> None:
    store = quick_studio.parts.generation.store
    now = time.time()
    request = GenerationRequest("flux-dev", "a quiet harbour at dawn", {}, 1).to_json()
    with store.transaction("test") as db:
        db.executemany(
            "INSERT INTO jobs (id, created_at, updated_at, source, api_base, model, prompt, "
            "seed, request_json, state) VALUES (?, ?, ?, 'test', 'x', 'flux-dev', ?, 1, ?, ?)",
            [
                (f"bulk-{n:05d}", now - n, now - n, f"harbour {n}", request, JobState.cancelled)
                for n in range(4000)
            ],
        )
    history = quick_studio.parts.history
    with qtbot.waitSignal(history.loaded, timeout=5000):
        history.refresh()
    model = quick_studio.parts.history_model
    view = quick_studio.window.history_dock.view
    assert model.rowCount() == 4000
    qtbot.waitUntil(lambda: model.row(model.index(0)) is not None)
    assert len(model.rows()) < 1000  # only what is (nearly) on screen was read
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.row(model.index(3999)) is not None, timeout=5000)
    assert model.row(model.index(3999)).id == "bulk-03999"


def test_resume_a_paused_job_from_the_dock(
    qtbot: QtBot, quick_studio: Built, emulator: EmulatorServer
) -> None:
    """A job this window paused (the connection dropped after BFL accepted it) is fetched by
    Resume, without sending it again."""
    from fluxdesk.core.api.body import build_body
    from fluxdesk.core.api.catalog import get_model
    from fluxdesk.core.api.client import FluxApi

    key = os.environ["BFL_API_KEY"]  # the window's key (set by the studio fixture)
    store = quick_studio.parts.generation.store
    request = GenerationRequest("flux-dev", "a lighthouse", {}, 5)
    spec = get_model("flux-dev")
    handle = FluxApi(emulator.base_url, key).submit(
        spec.endpoint, build_body(spec, request, store.image_bytes)
    )
    job = JobId("paused-job")
    store.create_job(job, request, source="gui", api_base=emulator.base_url, price_estimate=2.5)
    store.mark_submitted(job, handle)
    store.note(job, "network", "Lost contact with the API while waiting for the result.")
    history = quick_studio.parts.history
    with qtbot.waitSignal(history.loaded, timeout=5000):
        history.refresh()
    model = quick_studio.parts.history_model
    qtbot.waitUntil(lambda: model.row_for(job) is not None and model.row_for(job).paused)
    dock = quick_studio.window.history_dock
    dock.select_job(job)
    dock.actions_.resume.trigger()
    qtbot.waitUntil(lambda: model.row_for(job).state is JobState.succeeded, timeout=10_000)
    record = store.get_job(job)
    assert record is not None and record.result is not None and record.task_id == handle.task_id
    assert len(emulator.tasks) == 1
