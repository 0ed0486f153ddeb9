"""File → Back Up History… and Restore History…: the whole history as one archive, written and
read off the GUI thread with a progress dialog that can cancel."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QProgressDialog, QWidget

from fluxdesk.core.errors import FluxError, OperationCancelled
from fluxdesk.core.history.archive import ArchiveSummary, backup_history, restore_history
from fluxdesk.core.history.leases import live_owners
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.workers import JobRunner, ProgressTaskRunner, Report, TaskResult

log = logging.getLogger(__name__)

ARCHIVE_FILTER = QT_TRANSLATE_NOOP("BackupController", "FluxDesk history backup (*.zip)")


def _counts(report: Report) -> Callable[[int, int], None]:
    """The archive reports (done, total); the runner wants a fraction."""

    def progress(done: int, total: int) -> None:
        report(done / total if total else 0.0)

    return progress


class BackupController(QObject):
    message = Signal(str)
    restored = Signal()  # the history was replaced: read everything again
    finished = Signal(object)  # TaskResult of the last backup or restore (for tests)

    def __init__(
        self, store: HistoryStore, runner: JobRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._tasks = ProgressTaskRunner(max_threads=1, parent=self)
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        self._tasks.task_progress.connect(self._on_tasks_task_progress)
        self._progress: QProgressDialog | None = None
        self._task_id = 0

    def install(self, window: QMainWindow, before: QAction | None = None) -> None:
        """Adds the two actions to the window's File menu (before `before`)."""
        self.back_up_action = QAction(self.tr("Back Up History…"), window)
        self.back_up_action.setObjectName("backUpHistoryAction")
        self.restore_action = QAction(self.tr("Restore History…"), window)
        self.restore_action.setObjectName("restoreHistoryAction")
        self.back_up_action.triggered.connect(self._on_back_up_triggered)
        self.restore_action.triggered.connect(self._on_restore_triggered)
        menu = window.menuBar().actions()[0].menu() if window.menuBar().actions() else None
        if isinstance(menu, QMenu):
            menu.insertAction(before, self.back_up_action)  # type: ignore[arg-type]
            menu.insertAction(before, self.restore_action)  # type: ignore[arg-type]
            menu.insertSeparator(before)  # type: ignore[arg-type]

    @property
    def _window(self) -> QWidget | None:
        # The window that owns this controller (not kept in an attribute: see HistoryWiring).
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    def busy(self) -> bool:
        return self._tasks.pending() > 0

    # --- backing up -------------------------------------------------------------------------

    @Slot()
    def _on_back_up_triggered(self) -> None:
        default = Path.home() / f"FluxDesk history {time.strftime('%Y-%m-%d')}.zip"
        name, _ = QFileDialog.getSaveFileName(
            self._window, self.tr("Back Up History"), str(default), self.tr(ARCHIVE_FILTER)
        )
        if name:
            self.back_up_to(Path(name))

    def back_up_to(self, destination: Path) -> None:
        def work(report: Report, cancel: threading.Event) -> ArchiveSummary:
            return backup_history(self._store, destination, progress=_counts(report), cancel=cancel)

        self._start("backup", work, self.tr("Backing up the history…"))

    # --- restoring --------------------------------------------------------------------------

    @Slot()
    def _on_restore_triggered(self) -> None:
        if self._runner.active_count():
            QMessageBox.information(
                self._window,
                self.tr("Restore History"),
                self.tr("Jobs are running. Let them finish (or cancel them), then restore."),
            )
            return
        name, _ = QFileDialog.getOpenFileName(
            self._window, self.tr("Restore History"), str(Path.home()), self.tr(ARCHIVE_FILTER)
        )
        if not name:
            return
        answer = QMessageBox.question(
            self._window,
            self.tr("Restore History"),
            self.tr(
                "Replace the history with this backup? The current history is not deleted: it "
                "is kept beside the restored one, and every image stays in place."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_from(Path(name))

    def restore_from(self, archive: Path) -> None:
        own = self._store.owner

        def work(report: Report, cancel: threading.Event) -> ArchiveSummary:
            others = [token for token in live_owners(self._store.leases_dir) if token != own]
            if others:
                raise FluxError(
                    self.tr(
                        "Another FluxDesk (a window or a command) is using this history. Close "
                        "it, then restore; nothing was changed."
                    )
                )
            return restore_history(
                archive,
                self._store.db_path,
                self._store.images_dir,
                progress=_counts(report),
                cancel=cancel,
            )

        self._start("restore", work, self.tr("Restoring the history…"))

    # --- progress and results ---------------------------------------------------------------

    def _start(self, kind: str, work: object, label: str) -> None:
        if self.busy():
            self.message.emit(self.tr("A backup or restore is already running."))
            return
        self._task_id = self._tasks.run_with_progress(kind, work)  # type: ignore[arg-type]
        if self._window is not None:
            dialog = QProgressDialog(label, self.tr("Cancel"), 0, 100, self._window)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(400)  # quick backups never flash a dialog
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(self._on_progress_canceled)
            self._progress = dialog

    @Slot()
    def _on_progress_canceled(self) -> None:
        self._tasks.cancel(self._task_id)

    @Slot(int, float)
    def _on_tasks_task_progress(self, task_id: int, fraction: float) -> None:
        if self._progress is not None and task_id == self._task_id:
            self._progress.setValue(round(fraction * 100))

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        self.finished.emit(result)
        if isinstance(result.error, OperationCancelled):
            self.message.emit(self.tr("Cancelled; nothing was written."))
            return
        if not result.ok:
            log.warning("%s failed: %s", result.kind, result.error)
            text = core_text(result.error.user_message) if result.error else ""
            if self._window is not None and self._window.isVisible():
                QMessageBox.warning(self._window, self.tr("FluxDesk"), text)
            self.message.emit(text)
            return
        summary: ArchiveSummary = result.value
        if result.kind == "backup":
            self.message.emit(
                self.tr("Backed up {entries} entries and {images} images to {name}.").format(
                    entries=summary.entries, images=summary.images, name=summary.path.name
                )
            )
            return
        self.restored.emit()
        text = self.tr("Restored {entries} entries and {images} images.").format(
            entries=summary.entries, images=summary.images
        )
        if summary.previous_db is not None:
            text += " " + self.tr("The history it replaced is kept as {name}.").format(
                name=summary.previous_db.name
            )
        self.message.emit(text)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self._tasks.shutdown(timeout_ms)
