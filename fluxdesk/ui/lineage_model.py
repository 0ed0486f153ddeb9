"""The history as a tree: each entry under the one it came from (its input, or the entry whose
settings it reused). Shares the row and thumbnail caches with the list. GUI thread only."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Slot

from fluxdesk.core.history.diff import Change, prompt_diff
from fluxdesk.core.history.lineage import Forest
from fluxdesk.core.jobs import JobId, JobUpdate
from fluxdesk.ui.history_model import ID_ROLE, ROW_ROLE, tooltip
from fluxdesk.ui.history_rows import JobRow, RowCache, RowThumbnails, ThumbnailCache

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = -1


class LineageModel(QAbstractItemModel):
    def __init__(
        self, rows: RowCache, thumbnails: ThumbnailCache, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._rows = rows
        self._ids: list[JobId] = []  # node number -> entry
        self._number: dict[JobId, int] = {}
        self._parent: list[int] = []
        self._children: dict[int, list[int]] = {_ROOT: []}
        self._row_in_parent: list[int] = []
        self._row_thumbnails = RowThumbnails(thumbnails)
        rows.rows_arrived.connect(self._on_rows_arrived)
        thumbnails.arrived.connect(self._on_thumbnails_arrived)

    def set_forest(self, forest: Forest) -> None:
        self.beginResetModel()
        self._ids, self._number, self._parent = [], {}, []
        self._children, self._row_in_parent = {_ROOT: []}, []
        self._row_thumbnails.forget()
        stack = [(root, _ROOT) for root in reversed(forest.roots)]
        while stack:  # depth first, iterative: a long chain of iterations is no problem
            job_id, parent = stack.pop()
            number = len(self._ids)
            self._ids.append(job_id)
            self._number[job_id] = number
            self._parent.append(parent)
            siblings = self._children.setdefault(parent, [])
            self._row_in_parent.append(len(siblings))
            siblings.append(number)
            stack.extend((child, number) for child in reversed(forest.children_of(job_id)))
        self.endResetModel()

    def node_count(self) -> int:
        return len(self._ids)

    # --- Qt model interface -----------------------------------------------------------------

    def index(self, row: int, column: int = 0, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        key = parent.internalId() if parent.isValid() else _ROOT
        children = self._children.get(key, [])
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._parent[index.internalId()]
        if parent == _ROOT:
            return QModelIndex()
        return self.createIndex(self._row_in_parent[parent], 0, parent)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        key = parent.internalId() if parent.isValid() else _ROOT
        return len(self._children.get(key, []))

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        job_id = self._ids[index.internalId()]
        if role == ID_ROLE:
            return job_id
        row = self._rows.get(job_id)
        if row is None:
            self._rows.want([job_id, *self._neighbours(index.internalId())])
            return None
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return row.request.prompt or row.model_label
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.internalId(), row)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._row_thumbnails.get(row)
        return None

    def _tooltip(self, number: int, row: JobRow) -> str:
        """The entry, and how its prompt changed from the step it was made from."""
        text = tooltip(row)
        parent = self._parent[number]
        before = self._rows.peek(self._ids[parent]) if parent != _ROOT else None
        if before is None or before.request.prompt == row.request.prompt:
            return text
        changes = [
            ("+ " if op.change is Change.added else "− ") + op.text.strip()
            for op in prompt_diff(before.request.prompt, row.request.prompt)
            if op.change is not Change.same and op.text.strip()
        ]
        return text + "\n\n" + self.tr("From the step before:") + "\n" + "\n".join(changes)

    def _neighbours(self, number: int) -> list[JobId]:
        """Rows around a missing one, in tree order: what scrolls into view next."""
        return self._ids[max(0, number - 40) : number + 120]

    def index_for(self, job_id: JobId) -> QModelIndex:
        number = self._number.get(job_id)
        if number is None:
            return QModelIndex()
        return self.createIndex(self._row_in_parent[number], 0, number)

    def row(self, index: ModelIndex) -> JobRow | None:
        return self._rows.get(self._ids[index.internalId()]) if index.isValid() else None

    # --- updates ----------------------------------------------------------------------------

    def _changed(self, job_id: JobId, roles: list[int] | None = None) -> None:
        index = self.index_for(job_id)
        if index.isValid():
            self.dataChanged.emit(index, index, roles or [])

    @Slot(tuple)
    def _on_rows_arrived(self, ids: tuple[JobId, ...]) -> None:
        for job_id in ids:
            if job_id in self._number:
                self._changed(job_id)

    @Slot(str)
    def _on_thumbnails_arrived(self, sha256: str) -> None:
        for job_id in self._row_thumbnails.arrived(sha256):
            self._changed(job_id, [Qt.ItemDataRole.DecorationRole])

    @Slot(object)
    def apply_update(self, update: JobUpdate) -> None:
        self._changed(update.job_id)
