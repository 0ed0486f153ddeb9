"""Fills the history model from the store and supplies thumbnails, all off the GUI thread."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage

from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.imaging.thumbnails import ensure_thumbnail
from fluxdesk.core.jobs import JobId
from fluxdesk.ui.history_model import HistoryModel, JobRow
from fluxdesk.ui.workers import TaskResult, TaskRunner

log = logging.getLogger(__name__)

INITIAL_ROWS = 2000


class HistoryController(QObject):
    loaded = Signal(int)  # rows shown
    message = Signal(str)

    def __init__(
        self,
        store: HistoryStore,
        model: HistoryModel,
        thumbnails_dir: Path,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._model = model
        self._thumbnails_dir = thumbnails_dir
        self._tasks = TaskRunner(max_threads=2, parent=self)
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        model.thumbnail_wanted.connect(self._on_model_thumbnail_wanted)

    def load(self) -> None:
        self._tasks.run("load", self._read_rows)

    def _read_rows(self) -> list[JobRow]:
        return [JobRow.from_record(record) for record in self._store.list_jobs(INITIAL_ROWS)]

    def _make_thumbnail(self, sha256: str, source: Path) -> tuple[str, QImage]:
        # QImage (not QPixmap) is safe to build on a worker thread.
        return sha256, QImage(str(ensure_thumbnail(source, self._thumbnails_dir, sha256)))

    @Slot(str, object)
    def _on_model_thumbnail_wanted(self, sha256: str, source: Path) -> None:
        self._tasks.run("thumbnail", lambda: self._make_thumbnail(sha256, source))

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if not result.ok:
            log.warning("history task %s failed: %s", result.kind, result.error)
            if result.kind == "load" and result.error is not None:
                self.message.emit(result.error.user_message)
            return
        if result.kind == "load":
            self._model.reset_rows(result.value)
            self.loaded.emit(len(result.value))
        elif result.kind == "thumbnail":
            sha256, image = result.value
            if not image.isNull():
                self._model.set_thumbnail(sha256, image)

    # --- small actions ----------------------------------------------------------------------

    @Slot(object)
    def copy_prompt(self, job_id: JobId) -> None:
        row = self._model.row_for(job_id)
        if row is not None:
            QGuiApplication.clipboard().setText(row.request.prompt)
            self.message.emit(self.tr("Prompt copied."))

    @Slot(object)
    def open_folder(self, job_id: JobId) -> None:
        row = self._model.row_for(job_id)
        if row is not None and row.result_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(row.result_path.parent)))

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self._tasks.shutdown(timeout_ms)
