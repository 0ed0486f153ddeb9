"""What the page, chapter and layered PSD exports share: one export at a time on a worker, run
from a dialog that shows its progress, can cancel it, and stays open until it has ended."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.workers import ProgressTaskRunner, TaskResult


class ExportDialog(Protocol):
    def set_progress(self, fraction: float) -> None: ...
    def show_cancelled(self) -> None: ...
    def show_error(self, text: str) -> None: ...
    def isVisible(self) -> bool: ...
    def deleteLater(self) -> None: ...


class DialogExport(QObject):
    message = Signal(str)
    exported = Signal(object)  # what was written (a path, or a summary)

    def __init__(self, anchor: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._anchor = anchor  # a widget in the window: dialogs open over its window
        self._tasks = ProgressTaskRunner(max_threads=1, parent=self)
        self._tasks.task_progress.connect(self._on_tasks_task_progress)
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        self._dialog: ExportDialog | None = None
        self._task: int | None = None
        self._last_folder: Path | None = None

    def is_running(self) -> bool:
        return self._task is not None

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self._tasks.shutdown(timeout_ms)

    def _drop_dialog(self) -> None:
        """Forgets a closed dialog (a running export keeps it until the export ends)."""
        if self._dialog is not None and not self._dialog.isVisible():
            self._dialog.deleteLater()
            self._dialog = None

    def _show_failure(self, result: TaskResult) -> None:
        """A cancelled or failed export, in its dialog (or the status bar once it is closed)."""
        dialog, error = self._dialog, result.error
        if error is None:
            return
        if error.kind == "cancelled":
            if dialog is not None:
                dialog.show_cancelled()
        elif dialog is not None:
            dialog.show_error(core_text(error.user_message))
        else:
            self.message.emit(core_text(error.user_message))

    @Slot()
    def _on_dialog_cancel_requested(self) -> None:
        if self._task is not None:
            self._tasks.cancel(self._task)

    @Slot(int)
    def _on_dialog_finished(self, code: int) -> None:
        if self._task is None:
            self._drop_dialog()

    @Slot(int, float)
    def _on_tasks_task_progress(self, task_id: int, fraction: float) -> None:
        if task_id == self._task and self._dialog is not None:
            self._dialog.set_progress(fraction)

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        raise NotImplementedError  # each export reports its own result
