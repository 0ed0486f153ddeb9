"""The history as a list model: one row per entry of the current query, newest first.

The model holds only the ids of the query's results (10,000 ids are a few hundred kB); the
rows themselves come from a `RowCache` as they scroll into view, and thumbnails from a
`ThumbnailCache`. A row not read yet shows as a placeholder for a frame or two. New jobs and
live updates arrive from the runner. GUI thread only.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Slot,
)
from PySide6.QtGui import QPixmap

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.errors import InputError
from fluxdesk.core.history.search import HistoryQuery
from fluxdesk.core.jobs import JobId, JobUpdate
from fluxdesk.ui.history_rows import JobRow, RowCache, RowThumbnails, ThumbnailCache
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.text import count_text

__all__ = ["ROW_ROLE", "HistoryModel", "JobRow"]

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
ModelIndex = QModelIndex | QPersistentModelIndex
# Rows read around a missing one: a screenful either way, so scrolling rarely waits.
PREFETCH_BEFORE = 60
PREFETCH_AFTER = 140


class HistoryModel(QStringListModel):
    """The ids live in a QStringListModel so that row counting stays in C++: a list view asks
    for it once per row whenever it lays out (a search, a new job), and 10,000 round trips
    into Python would cost more than the query itself. Everything else is Python."""

    def __init__(
        self,
        rows: RowCache | None = None,
        thumbnails: ThumbnailCache | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.cache = rows or RowCache(parent=self)
        self.thumbnails = thumbnails or ThumbnailCache(parent=self)
        self.query = HistoryQuery()
        self._ids: list[JobId] = []
        self._position: dict[JobId, int] = {}
        self._active: set[JobId] = set()  # jobs this window is running now
        self._row_thumbnails = RowThumbnails(self.thumbnails)
        self._loaded = False
        self.cache.rows_arrived.connect(self._on_cache_rows_arrived)
        self.thumbnails.arrived.connect(self._on_thumbnails_arrived)

    # --- Qt model interface -----------------------------------------------------------------

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled  # not editable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        row = self._row_at(index.row())
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return row.request.prompt or row.model_label
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(row)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnail(row)
        return None

    def _row_at(self, position: int) -> JobRow | None:
        job_id = self._ids[position]
        row = self.cache.get(job_id)
        if row is None:
            start = max(0, position - PREFETCH_BEFORE)
            self.cache.want(self._ids[position : position + PREFETCH_AFTER])
            self.cache.want(self._ids[start:position])
            return None
        return row

    # --- content ----------------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        """True once the first query's results are in."""
        return self._loaded

    def ids(self) -> list[JobId]:
        return list(self._ids)

    def row(self, index: ModelIndex) -> JobRow | None:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        return self.cache.get(self._ids[index.row()])

    def row_for(self, job_id: JobId) -> JobRow | None:
        return self.cache.peek(job_id)

    def index_for(self, job_id: JobId) -> QModelIndex:
        position = self._position.get(job_id)
        return QModelIndex() if position is None else self.index(position)

    def rows(self) -> list[JobRow]:
        """The rows read so far, in display order (all of them in a small history)."""
        return [row for job_id in self._ids if (row := self.cache.peek(job_id)) is not None]

    def active_count(self) -> int:
        """Jobs this window is running (kept incrementally: asked on every update)."""
        return len(self._active)

    def set_ids(self, query: HistoryQuery, ids: list[JobId]) -> None:
        """The results of `query`, in display order. Live jobs the query accepts stay."""
        known = set(ids)
        live = [
            job_id
            for job_id in self._active
            if job_id not in known
            and (row := self.cache.peek(job_id)) is not None
            and row.accepted_by(query)
        ]
        self._row_thumbnails.forget()
        self.query = query
        self._ids = sorted(live, key=self._created, reverse=True) + list(ids) if live else ids
        self._reindex()
        self._loaded = True
        self.setStringList(self._ids)  # resets the model

    def _created(self, job_id: JobId) -> float:
        row = self.cache.peek(job_id)
        return row.created_at if row else 0.0

    def _reindex(self) -> None:
        self._position = {job_id: position for position, job_id in enumerate(self._ids)}

    def add_row(self, row: JobRow) -> None:
        """A job just started here: first in the list (if the current query accepts it)."""
        self.cache.replace(row)
        if not row.state.is_terminal:
            self._active.add(row.id)
            self.cache.pin(row.id)
        if not row.accepted_by(self.query) or row.id in self._position:
            return
        self._ids.insert(0, row.id)
        self._reindex()
        self.insertRows(0, 1)
        self.setData(self.index(0), row.id)

    def remove_ids(self, ids: list[JobId]) -> None:
        """Entries that left the query's results (deleted, un-starred in the starred view)."""
        doomed = {job_id for job_id in ids if job_id in self._position}
        if not doomed:
            return
        for position in sorted((self._position[job_id] for job_id in doomed), reverse=True):
            self.removeRows(position, 1)
            del self._ids[position]
        self._reindex()

    def replace_rows(self, rows: list[JobRow]) -> None:
        """Changed rows (a star, a page): shown at once; removed if the query rejects them."""
        leaving: list[JobId] = []
        for row in rows:
            self.cache.replace(row)
            if not row.accepted_by(self.query):
                leaving.append(row.id)
            else:
                self._changed(row.id)
        self.remove_ids(leaving)

    def reload_rows(self, ids: list[JobId]) -> None:
        """Rows changed in the store behind the model's back: read them again when shown."""
        self.cache.forget(ids)
        for job_id in ids:
            self._changed(job_id)

    @Slot(object)
    def apply_update(self, update: JobUpdate) -> None:
        if update.ends_run:
            self._active.discard(update.job_id)
            self.cache.pin(update.job_id, False)
        elif update.job_id not in self._active:
            self._active.add(update.job_id)  # a resumed job: running here again
            self.cache.pin(update.job_id)
        row = self.cache.peek(update.job_id)
        if row is None:
            return  # not read yet: it will be read as it is now when it is shown
        self.cache.replace(row.updated(update))
        self._changed(update.job_id)

    def mark_running(self, job_id: JobId) -> None:
        """A resume is about to start: show the row as running, not interrupted."""
        self._active.add(job_id)
        self.cache.pin(job_id)
        row = self.cache.peek(job_id)
        if row is not None:
            self.cache.replace(dataclasses.replace(row, paused=False, error_message=None))
            self._changed(job_id)

    def _changed(self, job_id: JobId, roles: list[int] | None = None) -> None:
        position = self._position.get(job_id)
        if position is not None:
            index = self.index(position)
            self.dataChanged.emit(index, index, roles or [])

    @Slot(tuple)
    def _on_cache_rows_arrived(self, ids: tuple[JobId, ...]) -> None:
        for job_id in ids:
            if job_id in self._active:  # read from the store while running here
                row = self.cache.peek(job_id)
                if row is not None and row.paused:
                    self.cache.replace(dataclasses.replace(row, paused=False))
        positions = [self._position[job_id] for job_id in ids if job_id in self._position]
        if positions:
            self.dataChanged.emit(self.index(min(positions)), self.index(max(positions)))

    # --- thumbnails -------------------------------------------------------------------------

    def thumbnail(self, row: JobRow) -> QPixmap | None:
        return self._row_thumbnails.get(row)

    @Slot(str)
    def _on_thumbnails_arrived(self, sha256: str) -> None:
        for job_id in self._row_thumbnails.arrived(sha256):
            self._changed(job_id, [Qt.ItemDataRole.DecorationRole])


def tooltip(row: JobRow) -> str:
    lines = [row.title, row.request.prompt[:300]]
    if row.seed is not None:
        lines.append(translate("HistoryModel", "Seed {seed}").format(seed=row.seed))
    try:
        slots = set(get_model(row.request.model).reference_slots)
    except InputError:  # another provider's model, or one this version no longer knows
        slots = set()
    references = sum(image.slot in slots for image in row.request.inputs)
    if references:
        lines.append(
            count_text(
                references,
                translate("HistoryModel", "1 reference image"),
                translate("HistoryModel", "{n} reference images"),
            )
        )
    if row.request.cleanup is not None:
        lines.append(translate("HistoryModel", "Scan cleaned up before sending"))
    if row.error_message:
        lines.append(row.error_message)
    return "\n".join(line for line in lines if line)
