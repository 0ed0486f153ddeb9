"""The history dock: every entry with its state, as a list, a grid or a lineage tree; search,
filters and the project page in the header; star, reject, delete (with undo), compare."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.jobs import JobId, JobState
from fluxdesk.ui.history_actions import build_history_actions, context_menu, enable_for
from fluxdesk.ui.history_delegate import TILE, HistoryDelegate
from fluxdesk.ui.history_filters import HistoryFilterBar
from fluxdesk.ui.history_list_view import HistoryListView
from fluxdesk.ui.history_model import HistoryModel, JobRow
from fluxdesk.ui.history_projects import ProjectPicker
from fluxdesk.ui.i18n import credits_text
from fluxdesk.ui.lineage_model import LineageModel
from fluxdesk.ui.notice_bar import NoticeBar
from fluxdesk.ui.text import count_text


class HistoryDock(QDockWidget):
    show_requested = Signal(object)  # JobId
    use_as_input_requested = Signal(object)  # JobId
    reuse_settings_requested = Signal(object)  # JobId
    reuse_seed_requested = Signal(object)  # JobId
    copy_prompt_requested = Signal(object)  # JobId
    open_folder_requested = Signal(object)  # JobId
    cancel_requested = Signal(object)  # JobId
    cancel_all_requested = Signal()
    star_requested = Signal(list, bool)  # list[JobId], on
    reject_requested = Signal(list, bool)
    trash_requested = Signal(list)
    restore_requested = Signal(list)
    purge_requested = Signal(object)  # list[JobId], or None: empty the trash
    undo_requested = Signal()
    compare_requested = Signal(object, object)  # JobId, JobId (older first)
    resume_requested = Signal(object)  # JobId
    move_to_page_requested = Signal(list)
    refresh_requested = Signal()
    view_mode_changed = Signal(str)

    def __init__(
        self, model: HistoryModel, lineage: LineageModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("History"), parent)
        self.setObjectName("historyDock")
        self._model = model
        self._lineage = lineage
        self._undo_pending = False
        body = QWidget(self)
        body.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # keeps the focus when the list empties
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)

        project_row = QHBoxLayout()
        project_row.setContentsMargins(8, 0, 8, 0)
        self.projects = ProjectPicker(body)
        self.spend = QLabel(body)
        self.spend.setObjectName("pageSpend")
        self.spend.setEnabled(False)
        project_row.addWidget(self.projects, 1)
        project_row.addWidget(self.spend)
        layout.addLayout(project_row)
        self.filters = HistoryFilterBar(body)
        layout.addWidget(self.filters)

        header = QHBoxLayout()
        header.setContentsMargins(8, 0, 8, 0)
        self._summary = QLabel(body)
        self._summary.setObjectName("historySummary")
        self._compare = QPushButton(self.tr("Compare"), body)
        self._compare.setObjectName("compareEntriesButton")
        self._compare.setVisible(False)
        self._cancel_all = QPushButton(self.tr("Cancel all"), body)
        self._cancel_all.setObjectName("cancelAllButton")
        self._cancel_all.setEnabled(False)
        self._cancel_all.clicked.connect(self.cancel_all_requested)
        header.addWidget(self._summary, 1)
        header.addWidget(self._compare)
        header.addWidget(self._cancel_all)
        layout.addLayout(header)

        self.delegate = HistoryDelegate(body)
        self.view = HistoryListView(body)
        self.view.setObjectName("historyView")
        self.view.setModel(model)
        self.view.setUniformItemSizes(True)  # lets Qt virtualise thousands of rows cheaply
        self.view.setIconSize(QSize(68, 68))
        self.tree = QTreeView(body)
        self.tree.setObjectName("historyTree")
        self.tree.setModel(lineage)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(18)
        for view in (self.view, self.tree):
            view.setItemDelegate(self.delegate)
            view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            view.setMouseTracking(True)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(self._on_view_context_menu)
            view.activated.connect(self._on_view_activated)
            view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.view.viewport().installEventFilter(self)
        self._stack = QStackedWidget(body)
        self._stack.addWidget(self.view)
        self._stack.addWidget(self.tree)
        layout.addWidget(self._stack, 1)

        self._empty = QLabel(body)
        self._empty.setObjectName("historyEmpty")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setEnabled(False)
        layout.addWidget(self._empty, 1)
        self.notice = NoticeBar(body)
        self.notice.action_clicked.connect(self._on_notice_action_clicked)
        layout.addWidget(self.notice)
        self._trash_bar = NoticeBar(body)
        self._trash_bar.setObjectName("trashBar")
        self._trash_bar.action_clicked.connect(self._on_empty_trash_clicked)
        layout.addWidget(self._trash_bar)
        self.setWidget(body)

        self.delegate.cancel_clicked.connect(self.cancel_requested)
        self.delegate.star_clicked.connect(self._on_delegate_star_clicked)
        self._compare.clicked.connect(self._on_compare_triggered)
        self.filters.view_mode_changed.connect(self.set_view_mode)
        self.filters.trash.toggled.connect(self._on_trash_toggled)
        self._build_actions()
        for source in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            source.connect(self._on_model_changed)
        # 24 running jobs change rows many times a second: the summary follows once a turn.
        self._summary_due = QTimer(self)
        self._summary_due.setSingleShot(True)
        self._summary_due.setInterval(0)
        self._summary_due.timeout.connect(self._on_model_changed)
        model.dataChanged.connect(self._on_model_data_changed)
        self._on_model_changed()

    def _build_actions(self) -> None:
        self.actions_ = actions = build_history_actions(self)
        # Actions that act on the first selected entry, by the signal they emit.
        self._routes = {
            actions.show: self.show_requested,
            actions.use_input: self.use_as_input_requested,
            actions.reuse_settings: self.reuse_settings_requested,
            actions.reuse_seed: self.reuse_seed_requested,
            actions.copy_prompt: self.copy_prompt_requested,
            actions.open_folder: self.open_folder_requested,
        }
        for action in self._routes:
            action.triggered.connect(self._on_routed_triggered)
        actions.star.triggered.connect(self._on_star_triggered)
        actions.reject.triggered.connect(self._on_reject_triggered)
        actions.compare.triggered.connect(self._on_compare_triggered)
        actions.to_page.triggered.connect(self._on_to_page_triggered)
        actions.resume.triggered.connect(self._on_resume_triggered)
        actions.cancel.triggered.connect(self._on_cancel_triggered)
        actions.delete.triggered.connect(self._on_delete_triggered)
        actions.restore.triggered.connect(self._on_restore_triggered)
        actions.purge.triggered.connect(self._on_purge_triggered)
        actions.refresh.triggered.connect(self.refresh_requested)
        for action in actions.all():
            self.view.addAction(action)
            self.tree.addAction(action)
        self.addAction(actions.refresh)

    # --- selection --------------------------------------------------------------------------

    def current_view(self) -> QAbstractItemView:
        return self.tree if self._stack.currentWidget() is self.tree else self.view

    def _row(self, index: QModelIndex) -> JobRow | None:
        model = self.current_view().model()
        return model.row(index) if isinstance(model, HistoryModel | LineageModel) else None

    def current_row(self) -> JobRow | None:
        return self._row(self.current_view().currentIndex())

    def selected_rows(self) -> list[JobRow]:
        view = self.current_view()
        indexes = view.selectionModel().selectedRows()
        indexes.sort(
            key=lambda index: (view.visualRect(index).top(), view.visualRect(index).left())
        )
        rows = [self._row(index) for index in indexes]
        found = [row for row in rows if row is not None]
        current = self.current_row()
        if current is not None and current in found:
            found.remove(current)
            found.insert(0, current)
        return found or ([current] if current is not None else [])

    def select_job(self, job_id: JobId) -> None:
        view = self.current_view()
        model = view.model()
        index = model.index_for(job_id) if isinstance(model, HistoryModel | LineageModel) else None
        if index is not None and index.isValid():
            view.setCurrentIndex(index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self._fit_tiles()
        return super().eventFilter(watched, event)

    def _fit_tiles(self) -> None:
        """Grid tiles share the width evenly: no ragged empty strip at the right."""
        width = self.view.viewport().width()
        columns = max(2, (width + 40) // (TILE + 8))
        tile = max(96, width // columns - 8)
        if tile != self.delegate.tile:
            self.delegate.tile = tile
            if self.delegate.grid:
                self.view.doItemsLayout()

    def set_view_mode(self, mode: str) -> None:
        grid = mode == "grid"
        self.delegate.grid = grid
        self._fit_tiles()
        # List mode flowing left to right and wrapping is a grid that keeps the list's cheap
        # layout for uniform items (icon mode would lay out every one of 10,000 items).
        self.view.setFlow(QListView.Flow.LeftToRight if grid else QListView.Flow.TopToBottom)
        self.view.setWrapping(grid)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self._stack.setCurrentWidget(self.tree if mode == "tree" else self.view)
        self.view.doItemsLayout()
        self.view_mode_changed.emit(mode)

    def show_spend(self, credits: float | None) -> None:
        self.spend.setText(
            self.tr("spent: {credits}").format(credits=credits_text(credits).split(" (")[0])
            if credits
            else ""
        )

    def offer_undo(self, text: str) -> None:
        self._undo_pending = bool(text)
        self.notice.show_text(text, self.tr("Undo") if text else "")

    # --- slots ------------------------------------------------------------------------------

    @Slot()
    def _on_routed_triggered(self) -> None:
        signal = self._routes.get(self.sender())  # type: ignore[arg-type]
        rows = self.selected_rows()
        if signal is not None and rows:
            signal.emit(rows[0].id)  # type: ignore[attr-defined]

    @Slot()
    def _on_star_triggered(self) -> None:
        rows = [row for row in self.selected_rows() if row.state.is_terminal]
        if rows:
            self.star_requested.emit([row.id for row in rows], not all(r.starred for r in rows))

    @Slot()
    def _on_reject_triggered(self) -> None:
        rows = [row for row in self.selected_rows() if row.state.is_terminal]
        if rows:
            self.reject_requested.emit([row.id for row in rows], not all(r.rejected for r in rows))

    @Slot(object)
    def _on_delegate_star_clicked(self, job_id: JobId) -> None:
        row = self._model.row_for(job_id)
        if row is not None:
            self.star_requested.emit([job_id], not row.starred)

    @Slot()
    def _on_compare_triggered(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 2:
            older, newer = sorted(rows, key=lambda row: row.created_at)
            self.compare_requested.emit(older.id, newer.id)

    @Slot()
    def _on_to_page_triggered(self) -> None:
        if rows := self.selected_rows():
            self.move_to_page_requested.emit([row.id for row in rows])

    @Slot()
    def _on_resume_triggered(self) -> None:
        for row in self.selected_rows():
            if row.paused:
                self.resume_requested.emit(row.id)

    @Slot()
    def _on_cancel_triggered(self) -> None:
        for row in self.selected_rows():
            if not row.state.is_terminal:
                self.cancel_requested.emit(row.id)

    @Slot()
    def _on_delete_triggered(self) -> None:
        """Delete: running jobs are cancelled; finished entries go to the Trash."""
        rows = self.selected_rows()
        for row in rows:
            if _runs(row):
                self.cancel_requested.emit(row.id)
        finished = [row.id for row in rows if row.state.is_terminal and not row.in_trash]
        if finished:
            self.trash_requested.emit(finished)

    @Slot()
    def _on_restore_triggered(self) -> None:
        if rows := self.selected_rows():
            self.restore_requested.emit([row.id for row in rows])

    @Slot()
    def _on_purge_triggered(self) -> None:
        if rows := [row for row in self.selected_rows() if row.in_trash]:
            self.purge_requested.emit([row.id for row in rows])

    @Slot()
    def _on_empty_trash_clicked(self) -> None:
        self.purge_requested.emit(None)

    @Slot()
    def _on_notice_action_clicked(self) -> None:
        if self._undo_pending:
            self.undo_requested.emit()

    @Slot(bool)
    def _on_trash_toggled(self, on: bool) -> None:
        self._trash_bar.show_text(
            self.tr("The Trash: entries stay here 30 days, then are deleted for good.")
            if on
            else "",
            self.tr("Empty Trash…") if on else "",
        )

    @Slot(QPoint)
    def _on_view_context_menu(self, position: QPoint) -> None:
        view = self.current_view()
        if self._row(view.indexAt(position)) is None:
            return
        rows = self.selected_rows()
        enable_for(self.actions_, rows, self.projects.current_page() is not None)
        context_menu(self.actions_, rows, self).exec(view.viewport().mapToGlobal(position))

    @Slot(QModelIndex)
    def _on_view_activated(self, index: QModelIndex) -> None:
        row = self._row(index)
        if row is not None:
            self.show_requested.emit(row.id)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        rows = self.selected_rows()
        enable_for(self.actions_, rows, self.projects.current_page() is not None)
        self._compare.setVisible(len(rows) == 2)
        row = self.current_row()
        if row is not None and row.state is JobState.succeeded:
            self.show_requested.emit(row.id)

    @Slot()
    def _on_model_data_changed(self) -> None:
        self._summary_due.start()

    @Slot()
    def _on_model_changed(self) -> None:
        total = self._model.rowCount()
        active = self._model.active_count()
        self._cancel_all.setEnabled(active > 0)
        empty = total == 0 and self._model.loaded
        self._empty.setText(self._empty_text())
        self._empty.setVisible(empty)
        if empty and self._stack.isAncestorOf(QApplication.focusWidget()):
            self.widget().setFocus()  # Ctrl+Z here still means the History (undo a delete)
        self._stack.setVisible(not empty)
        entries = count_text(total, self.tr("1 entry"), self.tr("{n} entries"))
        if active:
            running = count_text(active, self.tr("1 running"), self.tr("{n} running"))
            entries = f"{entries}  ·  {running}"
        self._summary.setText(entries)
        self._compare.setVisible(len(self.selected_rows()) == 2)

    def _empty_text(self) -> str:
        if self.filters.trash.isChecked():
            return self.tr("The Trash is empty.")
        if not self._model.query.is_default:
            return self.tr("Nothing matches these filters.")
        return self.tr("Your generations appear here.\nEvery result is kept on this computer.")


def _runs(row: JobRow) -> bool:
    return not row.state.is_terminal and not row.paused
