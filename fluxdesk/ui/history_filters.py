"""The history dock's search field, filters and view switch. Emits a `HistoryQuery` (typing is
debounced, so the search runs once the artist pauses) and the chosen view."""

from __future__ import annotations

import time
from datetime import datetime

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.history.search import HistoryQuery, StatusFilter

SEARCH_DEBOUNCE_MS = 220
VIEW_MODES = ("list", "grid", "tree")


def _model_label(model: str) -> str:
    try:
        return get_model(model).label
    except Exception:  # a model this version no longer knows
        return model


class HistoryFilterBar(QWidget):
    query_changed = Signal(object)  # HistoryQuery
    view_mode_changed = Signal(str)  # one of VIEW_MODES

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._page_id: int | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._on_debounce_timeout)

        self.search = QLineEdit(self)
        self.search.setObjectName("historySearch")
        self.search.setPlaceholderText(self.tr("Search prompts…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_debounce_timeout)
        find = QShortcut(QKeySequence.StandardKey.Find, parent or self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._on_find_activated)

        self._views = QButtonGroup(self)
        self._views.setExclusive(True)
        switch = QHBoxLayout()
        switch.setSpacing(0)
        labels = {"list": self.tr("List"), "grid": self.tr("Grid"), "tree": self.tr("Tree")}
        tips = {
            "list": self.tr("Every entry, newest first"),
            "grid": self.tr("Thumbnails only"),
            "tree": self.tr("What came from what: each result under the one it was made from"),
        }
        for mode in VIEW_MODES:
            button = QToolButton(self)
            button.setObjectName(f"historyView_{mode}")
            button.setText(labels[mode])
            button.setToolTip(tips[mode])
            button.setCheckable(True)
            button.setProperty("mode", mode)
            self._views.addButton(button)
            switch.addWidget(button)
        self._views.buttons()[0].setChecked(True)
        self._views.buttonClicked.connect(self._on_views_button_clicked)

        self.model = self._combo("historyModelFilter", [(self.tr("All models"), None)])
        self.status = self._combo(
            "historyStatusFilter",
            [
                (self.tr("Any status"), StatusFilter.any),
                (self.tr("Done"), StatusFilter.done),
                (self.tr("In progress or paused"), StatusFilter.unfinished),
                (self.tr("Failed"), StatusFilter.failed),
                (self.tr("Expired"), StatusFilter.expired),
                (self.tr("Cancelled"), StatusFilter.cancelled),
            ],
        )
        self.date = self._combo(
            "historyDateFilter",
            [
                (self.tr("Any time"), None),
                (self.tr("Today"), "today"),
                (self.tr("Last 7 days"), 7),
                (self.tr("Last 30 days"), 30),
                (self.tr("This year"), "year"),
            ],
        )
        self.starred = self._toggle(
            "historyStarredFilter", self.tr("★ Starred"), self.tr("Starred entries only")
        )
        self.hide_rejected = self._toggle(
            "historyHideRejected",
            self.tr("Hide rejected"),
            self.tr("Leave out entries you rejected"),
        )
        self.this_page = self._toggle(
            "historyPageFilter",
            self.tr("This page"),
            self.tr("Only entries of the current project page"),
        )
        self.this_page.setEnabled(False)
        self.trash = self._toggle(
            "historyTrashToggle",
            self.tr("Trash"),
            self.tr("Deleted entries: restore them or delete them for good"),
        )

        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.search, 1)
        top.addLayout(switch)
        chips = QHBoxLayout()
        chips.setSpacing(4)
        for widget in (self.model, self.status, self.date):
            chips.addWidget(widget)
        chips.addStretch(1)
        toggles = QHBoxLayout()
        toggles.setSpacing(4)
        for widget in (self.starred, self.hide_rejected, self.this_page):
            toggles.addWidget(widget)
        toggles.addStretch(1)
        toggles.addWidget(self.trash)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(chips)
        layout.addLayout(toggles)

    def _combo(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(self._on_filter_changed)
        return combo

    def _toggle(self, name: str, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setCheckable(True)
        button.setMinimumSize(QSize(0, 24))
        button.toggled.connect(self._on_filter_changed)
        return button

    # --- state ------------------------------------------------------------------------------

    def view_mode(self) -> str:
        button = self._views.checkedButton()
        return str(button.property("mode")) if button else "list"

    def set_models(self, models: list[str]) -> None:
        current = self.model.currentData()
        self.model.blockSignals(True)
        while self.model.count() > 1:
            self.model.removeItem(1)
        for model in sorted(models, key=_model_label):
            self.model.addItem(_model_label(model), model)
        position = self.model.findData(current)
        self.model.setCurrentIndex(max(0, position))
        self.model.blockSignals(False)

    def set_current_page(self, page_id: int | None) -> None:
        self._page_id = page_id
        self.this_page.setEnabled(page_id is not None)
        if page_id is None and self.this_page.isChecked():
            self.this_page.setChecked(False)  # emits the new query
        elif self.this_page.isChecked():
            self._on_filter_changed()

    def query(self) -> HistoryQuery:
        return HistoryQuery(
            text=self.search.text().strip(),
            model=self.model.currentData(),
            status=self.status.currentData() or StatusFilter.any,
            starred=self.starred.isChecked(),
            hide_rejected=self.hide_rejected.isChecked(),
            since=self._since(),
            page_id=self._page_id if self.this_page.isChecked() else None,
            trash=self.trash.isChecked(),
        )

    def _since(self) -> float | None:
        choice = self.date.currentData()
        now = datetime.now()
        if choice == "today":
            return now.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
        if choice == "year":
            return now.replace(month=1, day=1, hour=0, minute=0, second=0).timestamp()
        if isinstance(choice, int):
            return time.time() - choice * 86400
        return None

    # --- slots ------------------------------------------------------------------------------

    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        self._debounce.start()

    @Slot()
    def _on_debounce_timeout(self) -> None:
        self._debounce.stop()
        self.query_changed.emit(self.query())

    @Slot()
    def _on_filter_changed(self) -> None:
        self.query_changed.emit(self.query())

    @Slot()
    def _on_find_activated(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot(object)
    def _on_views_button_clicked(self, button: QToolButton) -> None:
        self.view_mode_changed.emit(str(button.property("mode")))
