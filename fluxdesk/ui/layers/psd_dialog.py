"""File → Export Layered PSD…: the page's layers as they will stack (inks on top, then flats,
then the pencils), each with its name (any script: Japanese names are kept), kind, and whether
it shows; the resolution and the file. Presents and emits; the controller does the work."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from fluxdesk.core.layers.handoff import HandoffPlan, LayerRole, LayerSource, stacking
from fluxdesk.ui.i18n import core_text, translate
from fluxdesk.ui.printing.export_dialog import RunDialog
from fluxdesk.ui.prompt_panel.style import wrapped

_NAME_LIMIT = 255  # a PSD layer name
_ROLE_TEXT = {
    LayerRole.ink: QT_TRANSLATE_NOOP("PsdExportDialog", "Ink (multiply)"),
    LayerRole.flats: QT_TRANSLATE_NOOP("PsdExportDialog", "Flats"),
}
_INCLUDE, _NAME, _KIND, _SHOWN, _SIZE = range(5)


@dataclass(frozen=True, slots=True)
class PsdChoice:
    path: Path
    layers: tuple[LayerSource, ...]
    dpi: int


class PsdExportDialog(RunDialog):
    export_requested = Signal(object)  # PsdChoice

    def __init__(self, plan: HandoffPlan, path: Path, parent: QWidget) -> None:
        super().__init__(translate("PsdExportDialog", "Export Layered PSD"), path, parent)
        self.setObjectName("psdExportDialog")
        self.setMinimumWidth(640)
        self.plan = plan
        self._layers = stacking(plan.layers)[::-1]  # top first, as layer panels show them
        self._included = [True] * len(self._layers)
        width, height = plan.page_size
        intro = wrapped(muted_text=False)
        intro.setText(
            self.tr(
                "{page}: {count} layers at the pencils' full size, {width} × {height} px. "
                "Results are fitted onto the pencils' frame (no crop); the file is read back "
                "before it is reported saved."
            ).format(page=plan.page_name, count=len(plan.layers), width=width, height=height)
        )
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("psdLayers")
        self.table.setHorizontalHeaderLabels(
            ["", self.tr("Layer name"), self.tr("Kind"), self.tr("Shown"), self.tr("Source")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(_NAME, QHeaderView.ResizeMode.Stretch)
        for column in (_INCLUDE, _KIND, _SHOWN, _SIZE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._on_item_changed)
        self.layout().insertWidget(0, intro)
        self.layout().insertWidget(1, self.table, 1)
        for note in plan.notes:
            label = wrapped()
            label.setText(core_text(note))
            self.layout().insertWidget(2, label)
        self.dpi = QSpinBox(self)
        self.dpi.setObjectName("psdDpi")
        self.dpi.setRange(72, 2400)
        self.dpi.setSuffix(" dpi")
        self.dpi.setValue(round(plan.dpi) if plan.dpi else 600)
        self.form.insertRow(0, self.tr("Resolution"), self.dpi)
        self.run.clicked.connect(self._on_run_clicked)
        self._fill()
        self.resize(700, 460)

    # --- the table --------------------------------------------------------------------------

    def _fill(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._layers))
        for row, layer in enumerate(self._layers):
            include = QTableWidgetItem()
            include.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            include.setCheckState(
                Qt.CheckState.Checked if self._included[row] else Qt.CheckState.Unchecked
            )
            if layer.role is LayerRole.pencils:
                include.setFlags(Qt.ItemFlag.ItemIsUserCheckable)  # always in: it sets the page
            self.table.setItem(row, _INCLUDE, include)
            name = QTableWidgetItem(core_text(layer.name))  # "Pencils" in the UI's language
            name.setFlags(Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, _NAME, name)
            if layer.role is LayerRole.pencils:
                kind = QTableWidgetItem(self.tr("Pencils"))
                kind.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, _KIND, kind)
            else:
                combo = QComboBox(self.table)
                for role, text in _ROLE_TEXT.items():
                    combo.addItem(self.tr(text), role.value)
                combo.setCurrentIndex(combo.findData(layer.role.value))
                combo.currentIndexChanged.connect(self._on_kind_changed)
                self.table.setCellWidget(row, _KIND, combo)
            shown = QTableWidgetItem()
            shown.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            shown.setCheckState(Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked)
            self.table.setItem(row, _SHOWN, shown)
            size = QTableWidgetItem(f"{layer.size[0]} × {layer.size[1]}")
            size.setFlags(Qt.ItemFlag.ItemIsEnabled)
            size.setToolTip(str(layer.path))
            self.table.setItem(row, _SIZE, size)
        self.table.blockSignals(False)

    def _read(self) -> None:
        """The table's edits back into the layer list."""
        for row, layer in enumerate(self._layers):
            typed = self.table.item(row, _NAME).text().strip()
            name = (typed or core_text(layer.name))[:_NAME_LIMIT]
            visible = self.table.item(row, _SHOWN).checkState() == Qt.CheckState.Checked
            role = layer.role
            combo = self.table.cellWidget(row, _KIND)
            if isinstance(combo, QComboBox):
                role = LayerRole(combo.currentData())
            self._included[row] = (
                layer.role is LayerRole.pencils
                or self.table.item(row, _INCLUDE).checkState() == Qt.CheckState.Checked
            )
            self._layers[row] = replace(layer, name=name, visible=visible, role=role)

    def set_layer_name(self, row: int, name: str) -> None:
        """Renames a layer (row 0 is the top one), as typing in the table does."""
        self.table.item(row, _NAME).setText(name)

    def layers(self) -> tuple[LayerSource, ...]:
        """The included layers, bottom first, as they will be written."""
        self._read()
        chosen = [layer for layer, on in zip(self._layers, self._included, strict=True) if on]
        return tuple(stacking(chosen[::-1]))

    @Slot(QTableWidgetItem)
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == _NAME and len(item.text()) > _NAME_LIMIT:
            item.setText(item.text()[:_NAME_LIMIT])

    @Slot()
    def _on_kind_changed(self) -> None:
        self._read()
        order = stacking(self._layers[::-1])[::-1]  # kinds stack in a fixed order
        self._included = [self._included[self._layers.index(layer)] for layer in order]
        self._layers = order
        self.table.clearContents()
        self._fill()

    def choice(self) -> PsdChoice:
        return PsdChoice(self.target(), self.layers(), self.dpi.value())

    @Slot()
    def _on_run_clicked(self) -> None:
        self.export_requested.emit(self.choice())
