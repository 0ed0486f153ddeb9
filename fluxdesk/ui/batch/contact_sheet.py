"""The chapter batch's contact sheet: every page as a tile, reviewed from the keyboard (arrows
move, A accepts, R redoes, B branches, C or Enter compares, [ and ] show the page's other
results). It only shows and asks; BatchWiring acts on its requests."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.batch import Batch, BatchView, PageStatus
from fluxdesk.ui.batch.tiles import TILE_SIZE, BatchTilesModel, Tile, TileDelegate, status_text
from fluxdesk.ui.i18n import credits_text
from fluxdesk.ui.text import count_text


class TileGrid(QListView):
    """The grid of tiles, with the review keys."""

    key_action = Signal(str)  # "accept", "redo", "branch", "compare", "next", "previous"

    _KEYS: ClassVar[dict[Qt.Key, str]] = {
        Qt.Key.Key_A: "accept",
        Qt.Key.Key_R: "redo",
        Qt.Key.Key_B: "branch",
        Qt.Key.Key_C: "compare",
        Qt.Key.Key_Return: "compare",
        Qt.Key.Key_Enter: "compare",
        Qt.Key.Key_BracketRight: "next",
        Qt.Key.Key_BracketLeft: "previous",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchTiles")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setGridSize(TILE_SIZE + QSize(6, 6))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSpacing(0)
        self.setWordWrap(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self._KEYS.get(Qt.Key(event.key()))
        if action is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.key_action.emit(action)
            event.accept()
            return
        super().keyPressEvent(event)


class ContactSheet(QDialog):
    batch_chosen = Signal(int)
    new_batch_requested = Signal()
    stop_requested = Signal()
    accept_requested = Signal(int, object)  # position, job id
    redo_requested = Signal(int)  # position
    branch_requested = Signal(int, object)  # position, job id
    compare_requested = Signal(int, object)  # position, job id
    export_pdf_requested = Signal(list)  # accepted job ids, in page order

    def __init__(self, model: BatchTilesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactSheet")
        self.setWindowTitle(self.tr("Chapter Batch"))
        self.model = model
        self.picker = QComboBox(self)
        self.picker.setObjectName("batchPicker")
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.new_button = QPushButton(self.tr("New Batch…"), self)
        self.stop_button = QPushButton(self.tr("Stop Batch"), self)
        self.stop_button.setToolTip(
            self.tr("Cancel the jobs still waiting or running; results already made are kept.")
        )
        self.summary = QLabel(self)
        self.summary.setObjectName("batchSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.grid = TileGrid(self)
        self.grid.setModel(model)
        self.grid.setItemDelegate(TileDelegate(model, self.grid))
        self.empty = QLabel(
            self.tr(
                "No chapter batch yet. New Batch… runs one task preset over every page of a "
                "folder, with the price shown before anything is sent."
            ),
            self,
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.accept_button = QPushButton(self.tr("Accept (A)"), self)
        self.redo_button = QPushButton(self.tr("Redo (R)"), self)
        self.branch_button = QPushButton(self.tr("Branch (B)"), self)
        self.compare_button = QPushButton(self.tr("Compare (C)"), self)
        self.export_button = QPushButton(self.tr("Export Accepted as PDF…"), self)
        self.accept_button.setToolTip(self.tr("Keep this result for the page (starred in History)"))
        self.redo_button.setToolTip(self.tr("Run the page again with a new seed"))
        self.branch_button.setToolTip(
            self.tr(
                "Open this result as the input in the main window, with the batch's settings; "
                "new results belong to the page and can be accepted here"
            )
        )
        self.compare_button.setToolTip(self.tr("Show the pencils and this result on the canvas"))
        self.hint = QLabel(
            self.tr("Arrows move · A accept · R redo · B branch · C compare · [ ] other results"),
            self,
        )
        self.hint.setObjectName("batchHint")
        self.hint.setEnabled(False)  # drawn in the quieter disabled colour
        self._build()
        self._wire()
        self.resize(1180, 760)
        self.show_view(None)

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Batch:"), self))
        top.addWidget(self.picker)
        top.addWidget(self.new_button)
        top.addStretch(1)
        top.addWidget(self.stop_button)
        actions = QHBoxLayout()
        for button in (
            self.accept_button,
            self.redo_button,
            self.branch_button,
            self.compare_button,
        ):
            actions.addWidget(button)
        actions.addSpacing(12)
        actions.addWidget(self.hint, 1)
        actions.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(actions)
        self.summary.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def _wire(self) -> None:
        self.picker.activated.connect(self._on_picker_activated)
        self.new_button.clicked.connect(self.new_batch_requested)
        self.stop_button.clicked.connect(self.stop_requested)
        self.accept_button.clicked.connect(self._on_accept)
        self.redo_button.clicked.connect(self._on_redo)
        self.branch_button.clicked.connect(self._on_branch)
        self.compare_button.clicked.connect(self._on_compare)
        self.export_button.clicked.connect(self._on_export)
        self.grid.key_action.connect(self._on_grid_key_action)
        self.grid.doubleClicked.connect(self._on_compare)
        self.grid.selectionModel().currentChanged.connect(self._on_current_changed)
        self.model.dataChanged.connect(self._on_current_changed)

    # --- showing ----------------------------------------------------------------------------

    def show_batches(self, batches: list[Batch], shown: int | None) -> None:
        self.picker.blockSignals(True)
        self.picker.clear()
        for batch in batches:
            stamp = batch.settings.template.model
            self.picker.addItem(f"{batch.name}  ·  #{batch.id}  ·  {stamp}", batch.id)
        if shown is not None:
            self.picker.setCurrentIndex(max(0, self.picker.findData(shown)))
        self.picker.blockSignals(False)
        self.picker.setEnabled(bool(batches))

    def show_view(self, view: BatchView | None) -> None:
        had_view = self.model.batch_view() is not None
        if view is not None:
            self.model.set_view(view)
            index = self.picker.findData(view.batch.id)
            if index >= 0:
                self.picker.setCurrentIndex(index)
        self.grid.setVisible(view is not None)
        self.empty.setVisible(view is None)
        self.summary.setText(self._summary(view) if view else "")
        self.progress.setVisible(view is not None and not view.finished)
        if view is not None:
            settled = sum(page.status.settled for page in view.pages)
            self.progress.setRange(0, len(view.pages))
            self.progress.setValue(settled)
        self.stop_button.setEnabled(
            view is not None and not view.finished and not view.batch.stopped
        )
        self.export_button.setEnabled(view is not None and view.count(PageStatus.accepted) > 0)
        if view is not None and (not had_view or not self.grid.currentIndex().isValid()):
            self.grid.selectionModel().setCurrentIndex(
                self.model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self._on_current_changed()

    def _summary(self, view: BatchView) -> str:
        settings = view.batch.settings
        parts = [
            count_text(len(view.pages), self.tr("1 page"), self.tr("{n} pages")),
            count_text(settings.variations, self.tr("1 result each"), self.tr("{n} results each")),
        ]
        for status in PageStatus:
            if count := view.count(status):
                status_name = status_text(status).lower()
                parts.append(self.tr("{count} {status}").format(count=count, status=status_name))
        parts.append(self.tr("spent {cost}").format(cost=credits_text(view.cost)))
        if view.batch.stopped:
            parts.append(self.tr("stopped"))
        return "  ·  ".join(parts)

    # --- the current tile -------------------------------------------------------------------

    def current_tile(self) -> Tile | None:
        index = self.grid.currentIndex()
        return self.model.tile(index.row()) if index.isValid() else None

    def select_page(self, position: int) -> None:
        self.grid.setCurrentIndex(self.model.index(position))

    @Slot()
    def _on_current_changed(self) -> None:
        tile = self.current_tile()
        shown = tile.shown if tile else None
        running = tile is not None and tile.view.status is PageStatus.running
        self.accept_button.setEnabled(
            shown is not None and shown.id != (tile.view.page.accepted_job if tile else None)
        )
        self.redo_button.setEnabled(tile is not None and not running)
        self.branch_button.setEnabled(shown is not None)
        self.compare_button.setEnabled(shown is not None)

    @Slot(int)
    def _on_picker_activated(self, index: int) -> None:
        batch_id = self.picker.itemData(index)
        if batch_id is not None:
            self.batch_chosen.emit(int(batch_id))

    @Slot(str)
    def _on_grid_key_action(self, action: str) -> None:
        if action in ("next", "previous"):
            index = self.grid.currentIndex()
            if index.isValid():
                self.model.step(index.row(), 1 if action == "next" else -1)
            return
        button = {
            "accept": self.accept_button,
            "redo": self.redo_button,
            "branch": self.branch_button,
            "compare": self.compare_button,
        }[action]
        if button.isEnabled():
            button.click()

    @Slot()
    def _on_accept(self) -> None:
        tile = self.current_tile()
        if tile is not None and tile.shown is not None:
            self.accept_requested.emit(tile.view.page.position, tile.shown.id)

    @Slot()
    def _on_redo(self) -> None:
        tile = self.current_tile()
        if tile is not None:
            self.redo_requested.emit(tile.view.page.position)

    @Slot()
    def _on_branch(self) -> None:
        tile = self.current_tile()
        if tile is not None and tile.shown is not None:
            self.branch_requested.emit(tile.view.page.position, tile.shown.id)

    @Slot()
    def _on_compare(self) -> None:
        tile = self.current_tile()
        if tile is not None and tile.shown is not None:
            self.compare_requested.emit(tile.view.page.position, tile.shown.id)

    @Slot()
    def _on_export(self) -> None:
        view = self.model.batch_view()
        if view is not None:
            accepted = [page.page.accepted_job for page in view.pages if page.page.accepted_job]
            self.export_pdf_requested.emit(accepted)
