"""Uncaught errors: a saved report and a calm dialog instead of a silent failure or a dead app.

`CrashReporter.install()` takes over `sys.excepthook` (exceptions escaping a slot, a Qt
virtual or a QRunnable), `threading.excepthook` (plain Python threads) and Qt's message
handler (Qt's own critical and fatal messages go to the log; a fatal one also leaves a report).
Each report is written to the log folder from the thread that failed, then shown on the GUI
thread. The app keeps running: nothing is lost, since every result is in the history already.
"""

from __future__ import annotations

import contextlib
import html
import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import PySide6
from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    Qt,
    QThread,
    QtMsgType,
    QUrl,
    Signal,
    Slot,
    qInstallMessageHandler,
    qVersion,
)
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.crash_report import (
    CrashContext,
    build_report,
    crash_signature,
    scrub,
    write_report,
)
from fluxdesk.core.paths import AppPaths

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

# The same crash again within this many seconds is logged, not shown again.
REPEAT_WINDOW_S = 10.0

_QT_LEVELS = {QtMsgType.QtCriticalMsg: logging.ERROR, QtMsgType.QtFatalMsg: logging.CRITICAL}


@dataclass(frozen=True, slots=True)
class CrashNotice:
    report: str  # scrubbed
    path: Path | None  # None if the log folder could not be written


class CrashDialog(QDialog):
    def __init__(self, notice: CrashNotice, logs: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._logs = logs
        self.setWindowTitle(self.tr("FluxDesk ran into a problem"))
        self.setMinimumSize(680, 480)
        headline = QLabel(self.tr("FluxDesk ran into a problem."))
        font = headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        headline.setFont(font)
        saved = (
            self.tr("The report below is saved as {name} in the log folder.").format(
                name=notice.path.name
            )
            if notice.path is not None
            else self.tr("The report below could not be saved; copy it from here.")
        )
        advice = QLabel(
            "<p>"
            + self.tr("Your work is safe: every result is already saved in the history.")
            + "</p><p>"
            + self.tr(
                "You can keep working. If something looks wrong, close and reopen FluxDesk; "
                "jobs still running are picked up again at the next start. To help us fix "
                "it, copy the report (it holds no keys or passwords) and send it to us with "
                "a line on what you were doing."
            )
            + " "
            + html.escape(saved)
            + "</p>"
        )
        advice.setWordWrap(True)
        self.report_view = QPlainTextEdit(notice.report)
        self.report_view.setReadOnly(True)
        self.report_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy Report"))
        self.open_logs_button = QPushButton(self.tr("Open Log Folder"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_logs_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.open_logs_button.clicked.connect(self._on_open_logs_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(headline)
        layout.addWidget(advice)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)

    @Slot()
    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.report_view.toPlainText())
        self.copy_button.setText(self.tr("Copied"))

    @Slot()
    def _on_open_logs_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._logs)))


class CrashReporter(QObject):
    """Build on the GUI thread. Reports may come from any thread; dialogs open on this one."""

    report_ready = Signal(object)  # CrashNotice

    def __init__(
        self,
        paths: AppPaths,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._context = CrashContext(
            logs=paths.logs,
            data=paths.data,
            versions={"Qt": qVersion(), "PySide6": PySide6.__version__},
        )
        self._clock = clock
        self._lock = threading.Lock()
        self._last_seen: dict[tuple[str, ...], float] = {}
        self._showing = False
        self._installed = False
        self._previous_hooks = (sys.excepthook, threading.excepthook)
        self._previous_qt_handler: Callable[..., None] | None = None
        # Queued even on the GUI thread: the dialog opens after the failing slot has returned.
        self.report_ready.connect(self._on_report_ready, Qt.ConnectionType.QueuedConnection)

    def install(self) -> CrashReporter:
        if not self._installed:
            self._previous_hooks = (sys.excepthook, threading.excepthook)
            self._previous_qt_handler = qInstallMessageHandler(self._on_qt_message)
            sys.excepthook = self._on_uncaught
            threading.excepthook = self._on_thread_exception
            self._installed = True
        return self

    def uninstall(self) -> None:
        if self._installed:
            sys.excepthook, threading.excepthook = self._previous_hooks
            qInstallMessageHandler(self._previous_qt_handler)
            self._installed = False

    def report(
        self,
        exc_type: type[BaseException],
        exc_value: BaseException | None,
        tb: TracebackType | None,
        where: str,
    ) -> Path | None:
        """Any thread. Logs the error, writes the report and has the GUI thread show it.
        Returns the report's path, or None for a repeat (only logged)."""
        signature = crash_signature(exc_type, tb)
        with self._lock:
            now = self._clock()
            last = self._last_seen.get(signature)
            self._last_seen[signature] = now
        repeat = last is not None and now - last < REPEAT_WINDOW_S
        # The report's log tail is what led here, so it is taken before this error is logged.
        text = (
            ""
            if repeat
            else build_report(exc_type, exc_value, tb, where=where, context=self._context)
        )
        log.critical("Unexpected error in %s", where, exc_info=(exc_type, exc_value, tb))
        if repeat:
            return None
        path: Path | None = None
        try:
            path = write_report(text, self._context.logs)
        except OSError:
            log.exception("could not write the crash report")
        notice = CrashNotice(text, path)
        if _on_gui_thread() and QThread.currentThread().loopLevel() == 0:
            self._on_report_ready(notice)  # before or after the event loop: show it now
        else:
            self.report_ready.emit(notice)  # queued: shown once the failing slot has returned
        return path

    def _on_uncaught(
        self,
        exc_type: type[BaseException],
        exc_value: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc_value, tb)
            return
        where = "the window" if _on_gui_thread() else f"thread {threading.current_thread().name}"
        self._guarded(exc_type, exc_value, tb, where)

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        self._guarded(args.exc_type, args.exc_value, args.exc_traceback, f"thread {name}")

    def _guarded(
        self,
        exc_type: type[BaseException],
        exc_value: BaseException | None,
        tb: TracebackType | None,
        where: str,
    ) -> None:
        try:
            path = self.report(exc_type, exc_value, tb, where)
        except Exception:  # the reporter must never be the second crash
            sys.__excepthook__(exc_type, exc_value or exc_type(), tb)
            return
        if sys.stderr is not None:  # a console-less app on Windows has none
            where_saved = f" (report: {path})" if path else ""
            summary = "".join(traceback.format_exception_only(exc_type, exc_value))
            message = scrub(summary).rstrip()
            print(f"fluxdesk: unexpected error{where_saved}: {message}", file=sys.stderr)

    def _on_qt_message(self, mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):  # warnings: too chatty
            qt_log.log(_QT_LEVELS[mode], "%s", message)
        if mode == QtMsgType.QtFatalMsg:  # Qt aborts when this returns: leave the report now
            stack = "".join(traceback.format_stack(limit=20))
            error = RuntimeError(f"Qt fatal error: {message}\nPython stack:\n{stack}")
            text = build_report(RuntimeError, error, None, where="Qt", context=self._context)
            with contextlib.suppress(OSError):
                write_report(text, self._context.logs)
        if self._previous_qt_handler is not None:
            self._previous_qt_handler(mode, context, message)
        elif sys.stderr is not None and mode != QtMsgType.QtDebugMsg:
            print(scrub(message), file=sys.stderr)

    @Slot(object)
    def _on_report_ready(self, notice: CrashNotice) -> None:
        if self._showing or QApplication.instance() is None:
            return  # one dialog at a time; the later report is saved and logged
        self._showing = True
        dialog = CrashDialog(notice, self._context.logs, _main_window())
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
            self._showing = False


def _main_window() -> QWidget | None:
    """The window to centre the dialog on, also when FluxDesk is not the active app."""
    visible = [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]
    return QApplication.activeWindow() or next(
        (widget for widget in visible if isinstance(widget, QMainWindow)), None
    )


def _on_gui_thread() -> bool:
    app = QApplication.instance()
    return app is not None and QThread.currentThread() == app.thread()


def install_crash_reporter(app: QApplication, paths: AppPaths) -> CrashReporter:
    """The composition root's one call; the reporter lives as long as the application."""
    return CrashReporter(paths, app).install()
