"""One row per job, newest first, fed by the store (on start) and by job updates (live)."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage, QPixmap

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.history.store import JobRecord
from fluxdesk.core.jobs import JobId, JobState, JobUpdate

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class JobRow:
    id: JobId
    created_at: float
    request: GenerationRequest
    state: JobState
    progress: float | None = None
    error_message: str | None = None
    result_path: Path | None = None
    result_sha: str | None = None
    result_size: tuple[int, int] | None = None
    seed: int | None = None
    cost: float | None = None
    price_estimate: float | None = None
    parent_id: JobId | None = None
    edit_kind: str | None = None  # a page edit: the result is the page with the edit in place
    page_path: Path | None = None  # the page it was placed on (the pencils to compare with)

    @property
    def model_label(self) -> str:
        try:
            return get_model(self.request.model).label
        except Exception:  # a model this version no longer knows: show its id
            return self.request.model

    @classmethod
    def from_record(cls, record: JobRecord) -> JobRow:
        result = record.result
        return cls(
            id=record.id,
            created_at=record.created_at,
            request=record.request,
            state=record.state,
            progress=record.progress,
            error_message=record.error_message,
            result_path=result.path if result else None,
            result_sha=result.sha256 if result else None,
            result_size=(result.width, result.height) if result else None,
            seed=record.result_seed if record.result_seed is not None else record.seed,
            cost=record.cost,
            price_estimate=record.price_estimate,
            parent_id=record.parent_id,
            edit_kind=record.edit_kind,
            page_path=record.page_path,
        )

    @classmethod
    def pending(
        cls,
        job_id: JobId,
        request: GenerationRequest,
        price_estimate: float | None,
        parent_id: JobId | None,
    ) -> JobRow:
        return cls(
            job_id,
            time.time(),
            request,
            JobState.queued,
            seed=request.seed,
            price_estimate=price_estimate,
            parent_id=parent_id,
        )

    def placed_on(self, edit_kind: str, page_path: Path | None) -> JobRow:
        return dataclasses.replace(self, edit_kind=edit_kind, page_path=page_path)

    def updated(self, update: JobUpdate) -> JobRow:
        changes: dict[str, object] = {"state": update.state}
        if update.progress is not None:
            changes["progress"] = update.progress
        if update.error is not None:
            changes["error_message"] = update.error.user_message
        if update.cost is not None:
            changes["cost"] = update.cost
        if update.seed is not None:
            changes["seed"] = update.seed
        if update.result is not None:
            changes["result_path"] = update.result.path
            changes["result_sha"] = update.result.sha256
            changes["result_size"] = (update.result.width, update.result.height)
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


class HistoryModel(QAbstractListModel):
    """Rows are immutable JobRow snapshots; thumbnails arrive later as QImages."""

    thumbnail_wanted = Signal(str, object)  # sha256, Path: the view needs this thumbnail

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[JobRow] = []
        self._index: dict[JobId, int] = {}
        self._thumbnails: dict[str, QPixmap] = {}
        self._asked: set[str] = set()
        self._active: set[JobId] = set()

    # --- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return row.request.prompt or row.model_label
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnail(row)
        return None

    def _tooltip(self, row: JobRow) -> str:
        lines = [row.model_label, row.request.prompt[:300]]
        if row.seed is not None:
            lines.append(f"Seed {row.seed}")
        if row.error_message:
            lines.append(row.error_message)
        return "\n".join(line for line in lines if line)

    # --- content ----------------------------------------------------------------------------

    def row(self, index: ModelIndex) -> JobRow | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def row_for(self, job_id: JobId) -> JobRow | None:
        position = self._index.get(job_id)
        return None if position is None else self._rows[position]

    def index_for(self, job_id: JobId) -> QModelIndex:
        position = self._index.get(job_id)
        return QModelIndex() if position is None else self.index(position)

    def rows(self) -> list[JobRow]:
        return list(self._rows)

    def active_count(self) -> int:
        """Jobs not yet finished (kept incrementally: this is asked on every update)."""
        return len(self._active)

    def _reindex(self) -> None:
        self._index = {row.id: position for position, row in enumerate(self._rows)}
        self._active = {row.id for row in self._rows if not row.state.is_terminal}

    def reset_rows(self, rows: list[JobRow]) -> None:
        """Replaces everything (newest first); rows already known live are kept as they are."""
        live = {row.id: row for row in self._rows}
        merged = [live.pop(row.id, row) for row in rows]
        self.beginResetModel()
        self._rows = sorted([*live.values(), *merged], key=lambda r: r.created_at, reverse=True)
        self._reindex()
        self.endResetModel()

    def add_row(self, row: JobRow) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, row)
        self._index = {job_id: position + 1 for job_id, position in self._index.items()}
        self._index[row.id] = 0
        if not row.state.is_terminal:
            self._active.add(row.id)
        self.endInsertRows()

    @Slot(object)
    def apply_update(self, update: JobUpdate) -> None:
        position = self._index.get(update.job_id)
        if position is None:
            return
        self._rows[position] = self._rows[position].updated(update)
        if update.state.is_terminal:
            self._active.discard(update.job_id)
        index = self.index(position)
        self.dataChanged.emit(index, index)

    # --- thumbnails -------------------------------------------------------------------------

    def thumbnail(self, row: JobRow) -> QPixmap | None:
        if row.result_sha is None or row.result_path is None:
            return None
        pixmap = self._thumbnails.get(row.result_sha)
        if pixmap is None and row.result_sha not in self._asked:
            self._asked.add(row.result_sha)
            self.thumbnail_wanted.emit(row.result_sha, row.result_path)
        return pixmap

    def set_thumbnail(self, sha256: str, image: QImage) -> None:
        """Called on the GUI thread (QPixmaps may only be made there)."""
        self._thumbnails[sha256] = QPixmap.fromImage(image)
        for position, row in enumerate(self._rows):
            if row.result_sha == sha256:
                index = self.index(position)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
