"""The artist's loop in the real window: drop, generate variations, cancel one, compare,
continue from a result, reuse its settings. Every job's updates reach the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QPointF, Qt, QThread, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPushButton, QSpinBox, QToolButton
from pytestqt.qtbot import QtBot

from fluxdesk.core.jobs import JobState
from fluxdesk.emulator import EmulatorServer, Fault
from fluxdesk.ui.app import Built
from fluxdesk.ui.canvas import CompareMode
from fluxdesk.ui.history_model import ROW_ROLE, JobRow


def rows(built: Built) -> list[JobRow]:
    return built.parts.history_model.rows()


def states(built: Built) -> list[JobState]:
    return [row.state for row in rows(built)]


def drop_file(built: Built, path: Path) -> None:
    canvas = built.window.canvas
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    centre = QPointF(canvas.width() / 2, canvas.height() / 2)
    enter = QDragEnterEvent(
        centre.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(canvas, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        centre,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(canvas, event)


def test_object_names_are_exact(studio: Built) -> None:
    window = studio.window
    for name in (
        "canvas",
        "promptEdit",
        "modelPicker",
        "variationsSpin",
        "seedEdit",
        "generateButton",
        "historyDock",
        "historyView",
        "compareModeButton",
    ):
        assert window.findChild(object, name) is not None, name
    view = window.findChild(QAbstractItemView, "historyView")
    assert view is not None and view.model() is studio.parts.history_model


def test_the_core_loop(
    qtbot: QtBot, studio: Built, slow_emulator: EmulatorServer, pencils_file: Path, tmp_path: Path
) -> None:
    window = studio.window
    generation = studio.parts.generation

    with qtbot.waitSignal(generation.input_staged, timeout=10_000):
        drop_file(studio, pencils_file)
    assert generation.source() is not None and generation.source().path == pencils_file

    qtbot.keyClicks(window.findChild(object, "promptEdit"), "Ink these pencils, pure black")
    window.findChild(QSpinBox, "variationsSpin").setValue(4)
    with qtbot.waitSignal(generation.jobs_started, timeout=5000):
        qtbot.mouseClick(window.findChild(QPushButton, "generateButton"), Qt.MouseButton.LeftButton)
    assert len(rows(studio)) == 4  # every job appears at once, newest first
    qtbot.waitUntil(lambda: all(s is JobState.running for s in states(studio)), timeout=10_000)

    doomed = rows(studio)[1].id
    generation.cancel(doomed)
    qtbot.waitUntil(
        lambda: studio.parts.history_model.row_for(doomed).state is JobState.cancelled,
        timeout=5000,
    )
    slow_emulator.advance_clock(200)
    qtbot.waitUntil(lambda: states(studio).count(JobState.succeeded) == 3, timeout=15_000)
    assert states(studio).count(JobState.cancelled) == 1
    done = [row for row in rows(studio) if row.state is JobState.succeeded]
    assert all(row.result_path and row.result_path.exists() for row in done)
    assert len({row.seed for row in rows(studio)}) == 4
    record = generation.store.get_job(doomed)
    assert record is not None and record.state is JobState.cancelled and record.task_id

    # Compare: click a result, then switch to the wipe slider against the pencils.
    first = done[0]
    studio.window.history_dock.select_job(first.id)
    qtbot.waitUntil(lambda: window.canvas.current_key() == str(first.id), timeout=5000)
    window.findChild(QToolButton, "compareModeButton").click()
    assert window.canvas.compare_mode() is CompareMode.wipe
    window.grab().save(str(tmp_path / "comparing.png"))

    # Continue from it: it becomes the input and the next job records it as parent.
    with qtbot.waitSignal(generation.input_staged, timeout=10_000):
        window.history_dock.use_as_input_requested.emit(first.id)
    window.findChild(QSpinBox, "variationsSpin").setValue(1)
    with qtbot.waitSignal(generation.jobs_started, timeout=5000):
        window.prompt_panel.generate()
    child = rows(studio)[0]
    assert child.parent_id == first.id
    qtbot.waitUntil(  # submitted to the API before its clock moves on
        lambda: studio.parts.history_model.row_for(child.id).state is JobState.running,
        timeout=10_000,
    )
    slow_emulator.advance_clock(200)
    qtbot.waitUntil(
        lambda: studio.parts.history_model.row_for(child.id).state is JobState.succeeded,
        timeout=10_000,
    )
    record = generation.store.get_job(child.id)
    assert record is not None and record.parent_id == first.id

    # Reuse settings: prompt, model, parameters and seed come back into the panel.
    window.prompt_panel.set_state(window.prompt_panel.state().__class__("flux-2-pro", "other"))
    window.history_dock.reuse_settings_requested.emit(first.id)
    restored = window.prompt_panel.state()
    assert (restored.model, restored.prompt, restored.seed) == (
        "flux-kontext-pro",
        "Ink these pencils, pure black",
        first.seed,
    )


def test_faults_show_their_messages_in_the_dock(
    qtbot: QtBot, quick_studio: Built, emulator: EmulatorServer, pencils_file: Path
) -> None:
    emulator.script(Fault("submit", "status", status=402, times=1))
    emulator.script(Fault("poll", "task_status", task_status="Request Moderated", times=1))
    window = quick_studio.window
    window.prompt_panel.set_state(window.prompt_panel.state().__class__("flux-dev", "x", {}, 1, 2))
    with qtbot.waitSignal(quick_studio.parts.generation.jobs_started, timeout=5000):
        window.prompt_panel.generate()
    qtbot.waitUntil(lambda: all(s.is_terminal for s in states(quick_studio)), timeout=10_000)
    messages = sorted(row.error_message or "" for row in rows(quick_studio))
    assert any("credits" in m for m in messages) and any("moderation" in m for m in messages)
    view = window.findChild(QAbstractItemView, "historyView")
    shown = [view.model().index(n, 0).data(ROW_ROLE).error_message for n in range(2)]
    assert all(shown)


def test_every_runner_signal_arrives_on_the_gui_thread(qtbot: QtBot, quick_studio: Built) -> None:
    gui = QCoreApplication.instance().thread()
    seen: list[bool] = []

    class Probe(QPushButton):  # a QObject living on the GUI thread, with bound slots
        def on_update(self, update: object) -> None:
            seen.append(QThread.currentThread() == gui)

    probe = Probe()
    runner = quick_studio.parts.runner
    runner.job_updated.connect(probe.on_update)
    runner.job_finished.connect(probe.on_update)
    window = quick_studio.window
    window.prompt_panel.set_state(window.prompt_panel.state().__class__("flux-dev", "x", {}, 5, 3))
    with qtbot.waitSignal(runner.job_finished, timeout=10_000):
        window.prompt_panel.generate()
    qtbot.waitUntil(lambda: runner.active_count() == 0, timeout=10_000)
    assert seen and all(seen)
    probe.deleteLater()


def test_close_with_running_jobs_keeps_them_for_next_start(
    qtbot: QtBot, studio: Built, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = studio.window
    window.prompt_panel.set_state(window.prompt_panel.state().__class__("flux-dev", "x", {}, 7, 2))
    with qtbot.waitSignal(studio.parts.generation.jobs_started, timeout=5000):
        window.prompt_panel.generate()
    qtbot.waitUntil(lambda: all(s is JobState.running for s in states(studio)), timeout=10_000)
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *args, **kwargs: asked.append(args[2]) or QMessageBox.StandardButton.No,
    )
    assert not window.close()  # the artist said no
    assert asked and "still running" in asked[0]
    window.skip_close_question()
    assert window.close()
    assert studio.shutdown(5000)
    for row in rows(studio):
        record = studio.parts.generation.store.get_job(row.id)
        assert record is not None and record.state is JobState.running and record.task_id
