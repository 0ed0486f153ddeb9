"""Feeds the history views from the store, all reading off the GUI thread: the ids of the
current query, the rows as they scroll into view, thumbnails for the rows on screen, and
the lineage tree."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage

from fluxdesk.core.history.lineage import build_forest, links_of
from fluxdesk.core.history.search import HistoryQuery, models_in_history, search_ids
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.imaging.thumbnails import ensure_thumbnail
from fluxdesk.core.jobs import JobId
from fluxdesk.ui.history_model import HistoryModel
from fluxdesk.ui.history_rows import JobRow
from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.lineage_model import LineageModel
from fluxdesk.ui.workers import TaskResult, TaskRunner

log = logging.getLogger(__name__)

THUMBNAIL_PX = 160  # the largest a view paints them (grid tiles), before device pixel ratio
THUMBNAILS_IN_FLIGHT = 2


class HistoryController(QObject):
    loaded = Signal(int)  # entries in the current query's results
    models_changed = Signal(list)  # list[str]: models the history has entries for
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
        self.lineage = LineageModel(model.cache, model.thumbnails, self)
        self._tasks = TaskRunner(max_threads=3, parent=self)
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        model.cache.fetch_wanted.connect(self._on_cache_fetch_wanted)
        model.thumbnails.wanted.connect(self._on_thumbnails_wanted)
        self._query = HistoryQuery()
        self._generation = 0  # bumps with every query: answers to older ones are dropped
        self._thumbnails_in_flight = 0
        self._tree_wanted = False

    @property
    def store(self) -> HistoryStore:
        return self._store

    def query(self) -> HistoryQuery:
        return self._query

    def load(self) -> None:
        self.set_query(self._query)
        self._tasks.run("models", lambda: models_in_history(self._store))

    # --- the query --------------------------------------------------------------------------

    @Slot(object)
    def set_query(self, query: HistoryQuery) -> None:
        self._query = query
        self._generation += 1
        generation = self._generation
        self._tasks.run("ids", lambda: (generation, query, search_ids(self._store, query)))

    @Slot()
    def refresh(self) -> None:
        """Reads everything again (entries another window or `fluxdesk generate` added)."""
        self._model.cache.mark_stale()
        self._model.thumbnails.retry_failed()
        self.set_query(self._query)
        self._tasks.run("models", lambda: models_in_history(self._store))

    def want_tree(self, wanted: bool) -> None:
        """Keep the lineage tree up to date with the query (only while it is shown)."""
        self._tree_wanted = wanted
        if wanted:
            self._load_tree()

    def _load_tree(self) -> None:
        ids = self._model.ids()
        generation = self._generation
        self._tasks.run("tree", lambda: (generation, build_forest(links_of(self._store, ids))))

    # --- rows and thumbnails ----------------------------------------------------------------

    @Slot(tuple)
    def _on_cache_fetch_wanted(self, ids: tuple[JobId, ...]) -> None:
        self._tasks.run("rows", lambda: [JobRow.from_record(r) for r in self._store.get_jobs(ids)])

    @Slot(str, object)
    def _on_thumbnails_wanted(self, sha256: str, source: Path) -> None:
        self._pump_thumbnails()

    def _pump_thumbnails(self) -> None:
        thumbnails = self._model.thumbnails
        while self._thumbnails_in_flight < THUMBNAILS_IN_FLIGHT:
            request = thumbnails.next_request()
            if request is None:
                return
            sha256, source = request
            self._thumbnails_in_flight += 1
            self._tasks.run("thumbnail", lambda s=sha256, p=source: self._make_thumbnail(s, p))

    def _make_thumbnail(self, sha256: str, source: Path) -> tuple[str, QImage | None]:
        # QImage (not QPixmap) is safe to build on a worker thread.
        try:
            path = ensure_thumbnail(source, self._thumbnails_dir, sha256)
        except Exception as exc:  # a missing or damaged file: shown without a picture
            log.warning("no thumbnail for %s: %s", sha256[:12], exc)
            return sha256, None
        image = QImage(str(path))
        if image.width() > THUMBNAIL_PX or image.height() > THUMBNAIL_PX:
            image = image.scaled(
                THUMBNAIL_PX,
                THUMBNAIL_PX,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        return sha256, image

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if result.kind == "rows":
            self._model.cache.fetched(result.value if result.ok else [])
        elif result.kind == "thumbnail":
            self._thumbnails_in_flight -= 1
            if result.ok:
                self._model.thumbnails.put(*result.value)
            self._pump_thumbnails()
        elif not result.ok:
            log.warning("history task %s failed: %s", result.kind, result.error)
            if result.error is not None:
                self.message.emit(core_text(result.error.user_message))
        elif result.kind == "ids":
            generation, query, ids = result.value
            if generation == self._generation:
                self._model.set_ids(query, ids)
                self.loaded.emit(len(ids))
                if self._tree_wanted:
                    self._load_tree()
        elif result.kind == "tree":
            generation, forest = result.value
            if generation == self._generation:
                self.lineage.set_forest(forest)
        elif result.kind == "models":
            self.models_changed.emit(result.value)

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
