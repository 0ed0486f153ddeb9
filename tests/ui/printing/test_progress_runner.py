"""ProgressTaskRunner: progress and results arrive on the GUI thread; cancel ends a task."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QThread, Slot
from pytestqt.qtbot import QtBot

from fluxdesk.core.errors import OperationCancelled
from fluxdesk.ui.workers import ProgressTaskRunner, Report, TaskResult


class Probe(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.progress: list[float] = []
        self.results: list[TaskResult] = []
        self.on_gui_thread: list[bool] = []

    def _note_thread(self) -> None:
        gui = QCoreApplication.instance().thread()
        self.on_gui_thread.append(QThread.currentThread() == gui)

    @Slot(int, float)
    def on_progress(self, task_id: int, fraction: float) -> None:
        self._note_thread()
        self.progress.append(fraction)

    @Slot(object)
    def on_finished(self, result: TaskResult) -> None:
        self._note_thread()
        self.results.append(result)


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[ProgressTaskRunner]:
    runner = ProgressTaskRunner(max_threads=1)
    yield runner
    assert runner.shutdown(5000), "a task thread outlived its test"


def test_progress_and_result_reach_the_gui_thread(qtbot: QtBot, runner: ProgressTaskRunner) -> None:
    probe = Probe()
    runner.task_progress.connect(probe.on_progress)
    runner.task_finished.connect(probe.on_finished)

    def work(report: Report, cancel: threading.Event) -> str:
        for step in range(1, 201):
            report(step / 200)
        return "done"

    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        runner.run_with_progress("work", work)
    assert probe.results[0].value == "done"
    assert probe.progress[-1] == 1.0 and len(probe.progress) <= 101  # whole percents only
    assert all(probe.on_gui_thread)


def test_cancel_ends_a_running_and_a_queued_task(qtbot: QtBot, runner: ProgressTaskRunner) -> None:
    started = threading.Event()

    def blocking(report: Report, cancel: threading.Event) -> None:
        started.set()
        cancel.wait(5)
        if cancel.is_set():
            raise OperationCancelled()

    def never(report: Report, cancel: threading.Event) -> None:
        raise AssertionError("a task cancelled while queued must not run")

    results: list[TaskResult] = []
    runner.task_finished.connect(results.append)
    first = runner.run_with_progress("a", blocking)
    second = runner.run_with_progress("b", never)  # waits: the pool has one thread
    qtbot.waitUntil(started.is_set, timeout=5000)
    runner.cancel(second)
    runner.cancel(first)
    qtbot.waitUntil(lambda: len(results) == 2, timeout=5000)
    assert {result.task_id for result in results} == {first, second}
    assert all(result.error is not None and result.error.kind == "cancelled" for result in results)
