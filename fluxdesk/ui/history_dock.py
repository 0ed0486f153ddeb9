"""The history dock: every job with its state; click to view, right-click to reuse."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.jobs import JobId, JobState
from fluxdesk.ui.history_delegate import HistoryDelegate
from fluxdesk.ui.history_model import ROW_ROLE, HistoryModel, JobRow
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

    def __init__(self, model: HistoryModel, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("History"), parent)
        self.setObjectName("historyDock")
        self._model = model

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)

        header = QHBoxLayout()
        header.setContentsMargins(8, 0, 8, 0)
        self._summary = QLabel(body)
        self._summary.setObjectName("historySummary")
        self._cancel_all = QPushButton(self.tr("Cancel all"), body)
        self._cancel_all.setObjectName("cancelAllButton")
        self._cancel_all.setEnabled(False)
        self._cancel_all.clicked.connect(self.cancel_all_requested)
        header.addWidget(self._summary, 1)
        header.addWidget(self._cancel_all)
        layout.addLayout(header)

        self.view = QListView(body)
        self.view.setObjectName("historyView")
        self.view.setModel(model)
        self.view.setUniformItemSizes(True)  # lets Qt virtualise thousands of rows cheaply
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setMouseTracking(True)
        self.view.setIconSize(QSize(68, 68))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.delegate = HistoryDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.delegate.cancel_clicked.connect(self.cancel_requested)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu)
        self.view.activated.connect(self._on_view_activated)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        layout.addWidget(self.view, 1)

        self._empty = QLabel(
            self.tr("Your generations appear here.\nEvery result is kept on this computer."),
            body,
        )
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setEnabled(False)
        layout.addWidget(self._empty)
        self.setWidget(body)

        self._build_actions()
        model.modelReset.connect(self._on_model_changed)
        model.rowsInserted.connect(self._on_model_changed)
        model.dataChanged.connect(self._on_model_changed)
        self._on_model_changed()

    def _build_actions(self) -> None:
        self.act_show = QAction(self.tr("Show on canvas"), self)
        self.act_use_input = QAction(self.tr("Use as input"), self)
        self.act_use_input.setShortcut(QKeySequence("Ctrl+I"))
        self.act_reuse_settings = QAction(self.tr("Reuse settings"), self)
        self.act_reuse_settings.setShortcut(QKeySequence("Ctrl+R"))
        self.act_reuse_seed = QAction(self.tr("Reuse seed"), self)
        self.act_copy_prompt = QAction(self.tr("Copy prompt"), self)
        self.act_open_folder = QAction(self.tr("Open containing folder"), self)
        self.act_cancel = QAction(self.tr("Cancel job"), self)
        pairs = (
            (self.act_show, self.show_requested),
            (self.act_use_input, self.use_as_input_requested),
            (self.act_reuse_settings, self.reuse_settings_requested),
            (self.act_reuse_seed, self.reuse_seed_requested),
            (self.act_copy_prompt, self.copy_prompt_requested),
            (self.act_open_folder, self.open_folder_requested),
            (self.act_cancel, self.cancel_requested),
        )
        self._targets = {action: signal for action, signal in pairs}
        for action in self._targets:
            action.triggered.connect(self._on_action_triggered)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        self.act_cancel.setShortcut(QKeySequence(Qt.Key.Key_Delete))

    def current_row(self) -> JobRow | None:
        return self._model.row(self.view.currentIndex())

    def selected_rows(self) -> list[JobRow]:
        rows = [self._model.row(index) for index in self.view.selectionModel().selectedRows()]
        return [row for row in rows if row is not None]

    def select_job(self, job_id: JobId) -> None:
        index = self._model.index_for(job_id)
        if index.isValid():
            self.view.setCurrentIndex(index)

    @Slot()
    def _on_action_triggered(self) -> None:
        signal = self._targets.get(self.sender())  # type: ignore[arg-type]
        if signal is None:
            return
        rows = self.selected_rows() or ([r] if (r := self.current_row()) else [])
        if self.sender() is self.act_cancel:
            for row in rows:
                signal.emit(row.id)
        elif rows:
            signal.emit(rows[0].id)

    @Slot(QPoint)
    def _on_view_context_menu(self, position: QPoint) -> None:
        row = self._model.row(self.view.indexAt(position))
        if row is None:
            return
        done = row.state is JobState.succeeded
        self.act_show.setEnabled(done)
        self.act_use_input.setEnabled(done)
        self.act_open_folder.setEnabled(done)
        self.act_cancel.setEnabled(not row.state.is_terminal)
        menu = QMenu(self)
        menu.addAction(self.act_show)
        menu.addAction(self.act_use_input)
        menu.addSeparator()
        menu.addAction(self.act_reuse_settings)
        menu.addAction(self.act_reuse_seed)
        menu.addAction(self.act_copy_prompt)
        menu.addSeparator()
        menu.addAction(self.act_open_folder)
        menu.addAction(self.act_cancel)
        menu.exec(self.view.viewport().mapToGlobal(position))

    @Slot(QModelIndex)
    def _on_view_activated(self, index: QModelIndex) -> None:
        row: JobRow | None = index.data(ROW_ROLE)
        if row is not None:
            self.show_requested.emit(row.id)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        row = self.current_row()
        if row is not None and row.state is JobState.succeeded:
            self.show_requested.emit(row.id)

    @Slot()
    def _on_model_changed(self) -> None:
        total = self._model.rowCount()
        active = self._model.active_count()
        self._cancel_all.setEnabled(active > 0)
        self._empty.setVisible(total == 0)
        self.view.setVisible(total > 0)
        if active:
            text = count_text(active, self.tr("1 job running"), self.tr("{n} jobs running"))
        else:
            text = count_text(total, self.tr("1 entry"), self.tr("{n} entries"))
        self._summary.setText(text)
