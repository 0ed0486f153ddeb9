"""Uncaught errors: a report in the log folder, a dialog, no secret, and the app keeps going."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot, qCritical
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fluxdesk.core.logs import register_secret
from fluxdesk.core.paths import AppPaths
from fluxdesk.ui.crash import REPEAT_WINDOW_S, CrashDialog, CrashNotice, CrashReporter

# The reporter replaces the hooks pytest-qt would use to fail these tests.
pytestmark = pytest.mark.qt_no_exception_capture

KEY = "slot-crash-key-7d3a9e1b"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Broken(QObject):
    poke = Signal()

    @Slot()
    def explode(self) -> None:
        raise RuntimeError(f"the slot broke while sending x-key {KEY}")


@dataclass
class Shown:
    title: str
    report: str
    read_only: bool
    copied: str


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[Shown]:
    """Each dialog as the artist saw it; they press Copy Report, then Close."""
    dialogs: list[Shown] = []

    def fake_exec(dialog: CrashDialog) -> int:
        dialog.copy_button.click()
        view = dialog.report_view
        copied = QApplication.clipboard().text()
        dialogs.append(Shown(dialog.windowTitle(), view.toPlainText(), view.isReadOnly(), copied))
        return 0

    monkeypatch.setattr(CrashDialog, "exec", fake_exec)
    return dialogs


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def reporter(qtbot: QtBot, paths: AppPaths, clock: Clock) -> Iterator[CrashReporter]:
    register_secret(KEY)
    previous = (sys.excepthook, threading.excepthook)
    reporter = CrashReporter(paths, clock=clock).install()
    yield reporter
    reporter.uninstall()
    assert (sys.excepthook, threading.excepthook) == previous
    reporter.deleteLater()


def _reports(paths: AppPaths) -> list[Path]:
    return sorted(paths.logs.glob("crash-*.txt"))


def test_a_slot_that_raises_shows_the_report_and_saves_it_without_the_key(
    qtbot: QtBot, reporter: CrashReporter, paths: AppPaths, shown: list[Shown]
) -> None:
    broken = Broken()
    broken.poke.connect(broken.explode)
    QTimer.singleShot(0, broken.poke.emit)  # from the event loop, as a click would
    qtbot.waitUntil(lambda: len(shown) == 1)

    [report] = _reports(paths)
    text = report.read_text(encoding="utf-8")
    assert "RuntimeError: the slot broke" in text and "in explode" in text
    assert KEY not in text
    assert shown[0].title == "FluxDesk ran into a problem"
    assert shown[0].report == text and shown[0].read_only
    assert shown[0].copied == text
    # The app goes on: the next event is handled as usual.
    done: list[bool] = []
    QTimer.singleShot(0, lambda: done.append(True))
    qtbot.waitUntil(lambda: done == [True])


def test_the_same_crash_again_within_seconds_opens_no_second_dialog(
    qtbot: QtBot, reporter: CrashReporter, paths: AppPaths, shown: list[Shown], clock: Clock
) -> None:
    broken = Broken()
    for _ in range(3):
        QTimer.singleShot(0, broken.explode)
    qtbot.waitUntil(lambda: len(shown) == 1)
    qtbot.wait(50)  # the two repeats have been handled by now
    assert len(shown) == 1 and len(_reports(paths)) == 1

    clock.now += REPEAT_WINDOW_S + 1
    QTimer.singleShot(0, broken.explode)
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert len(_reports(paths)) == 2


def test_an_exception_escaping_a_thread_is_reported_on_the_gui_thread(
    qtbot: QtBot, reporter: CrashReporter, paths: AppPaths, shown: list[Shown]
) -> None:
    def work() -> None:
        raise ValueError(f"background failure, token={KEY}")

    thread = threading.Thread(target=work, name="scan-import")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(shown) == 1)
    text = _reports(paths)[0].read_text(encoding="utf-8")
    assert "thread scan-import" in text and "ValueError: background failure" in text
    assert KEY not in text and KEY not in shown[0].report


def test_an_exception_escaping_a_qt_pool_thread_is_reported(
    qtbot: QtBot, reporter: CrashReporter, paths: AppPaths, shown: list[Shown]
) -> None:
    class Failing(QRunnable):
        def run(self) -> None:
            raise KeyError("lost")

    pool = QThreadPool()
    pool.start(Failing())
    assert pool.waitForDone(5000)
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert "KeyError: 'lost'" in _reports(paths)[0].read_text(encoding="utf-8")


def test_the_dialog_reads_well(qtbot: QtBot, paths: AppPaths, tmp_path: Path) -> None:
    report = "FluxDesk crash report\n\nTraceback\n---------\n" + "  File ...\n" * 30
    dialog = CrashDialog(CrashNotice(report, paths.logs / "crash-20260101-120000.txt"), paths.logs)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.grab().save(str(tmp_path / "crash-dialog.png"))
    assert dialog.open_logs_button.isEnabled()


def test_qt_critical_messages_go_to_the_log(
    reporter: CrashReporter, caplog: pytest.LogCaptureFixture, shown: list[Shown]
) -> None:
    with caplog.at_level(logging.WARNING, logger="qt"):
        qCritical("QPainter::begin: a test message")
    assert [r.levelno for r in caplog.records if r.name == "qt"] == [logging.ERROR]
    assert "a test message" in caplog.text
    assert shown == []  # a message is not a crash; only a fatal one leaves a report
