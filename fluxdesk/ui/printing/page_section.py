"""Page setup: preset (or a custom size in mm or inches), bleed, resolution, colour mode.

Renders a ``PrintState`` and emits ``change_requested(StateChange)``; it never changes the
state itself (the controller does, undoably).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.printing.finishing import ColorMode
from fluxdesk.core.printing.pages import PAGE_PRESETS, PageSpec, Unit, custom_page
from fluxdesk.ui.printing.state import DPI_CHOICES, PrintState, default_dpi
from fluxdesk.ui.printing.undo import StateChange
from fluxdesk.ui.printing.widgets import Segmented, section_form
from fluxdesk.ui.prompt_panel.style import error_color, wrapped

CUSTOM = "custom"
MERGE_CUSTOM_SIZE = 4


def size_text(page: PageSpec, *, bleed: bool = False) -> str:
    width, height = page.size(bleed=bleed)
    return f"{width:g} × {height:g} {page.unit.value}"


class PageSection(QWidget):
    change_requested = Signal(object)  # StateChange

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = PrintState()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.form = form = section_form()
        column.addLayout(form)

        self.preset = QComboBox(self)
        self.preset.setObjectName("pagePresetCombo")
        for key, spec in PAGE_PRESETS.items():
            self.preset.addItem(f"{spec.name}  ·  {size_text(spec)}", key)
        self.preset.addItem(self.tr("Custom size…"), CUSTOM)
        self.preset.activated.connect(self._on_preset_activated)
        form.addRow(self.tr("Page"), self.preset)

        self.custom = QWidget(self)
        row = QHBoxLayout(self.custom)
        row.setContentsMargins(0, 0, 0, 0)
        self.custom_width = self._length_spin("customWidth")
        self.custom_height = self._length_spin("customHeight")
        self.custom_unit = QComboBox(self.custom)
        self.custom_unit.setObjectName("customUnit")
        self.custom_unit.addItem("mm", Unit.mm.value)
        self.custom_unit.addItem("in", Unit.inch.value)
        self.custom_unit.activated.connect(self._on_custom_unit_activated)
        row.addWidget(self.custom_width, 1)
        row.addWidget(QLabel("×", self.custom))
        row.addWidget(self.custom_height, 1)
        row.addWidget(self.custom_unit)
        form.addRow("", self.custom)
        self.custom_error = wrapped(muted_text=False)
        palette = self.custom_error.palette()
        palette.setColor(self.custom_error.foregroundRole(), error_color(palette))
        self.custom_error.setPalette(palette)
        self.custom_error.hide()

        self.bleed = QCheckBox(self)
        self.bleed.setObjectName("bleedCheck")
        self.bleed.toggled.connect(self._on_bleed_toggled)
        form.addRow("", self.bleed)

        self.dpi = Segmented([(dpi, f"{dpi}") for dpi in DPI_CHOICES], self)
        self.dpi.setObjectName("dpiButtons")
        self.dpi.setToolTip(self.tr("Dots per inch: 600 for line art, 350 for colour"))
        self.dpi.value_changed.connect(self._on_dpi_value_changed)
        form.addRow(self.tr("Resolution"), self.dpi)

        self.mode = Segmented(
            [
                (ColorMode.mono, self.tr("B/W")),
                (ColorMode.gray, self.tr("Grey")),
                (ColorMode.color, self.tr("Colour")),
            ],
            self,
        )
        self.mode.setObjectName("modeButtons")
        self.mode.setToolTip(
            self.tr("B/W: true 1-bit line art, no grey. Grey: 8-bit greys kept. Colour: as it is.")
        )
        self.mode.value_changed.connect(self._on_mode_value_changed)
        form.addRow(self.tr("Colour"), self.mode)

        self.summary = wrapped()
        self.summary.setObjectName("pageSummary")
        column.addWidget(self.custom_error)
        column.addWidget(self.summary)

    def _length_spin(self, name: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self.custom)
        spin.setObjectName(name)
        spin.setRange(1, 2000)
        spin.setDecimals(3)
        spin.setKeyboardTracking(False)
        spin.valueChanged.connect(self._on_custom_changed)
        return spin

    # --- rendering --------------------------------------------------------------------------

    def show_state(self, state: PrintState) -> None:
        self._state = state
        page = state.page
        blockers = [
            QSignalBlocker(widget)
            for widget in (self.preset, self.custom_width, self.custom_height, self.custom_unit)
        ]
        self.preset.setCurrentIndex(self.preset.findData(page.key))
        custom = page.key == CUSTOM
        self.form.setRowVisible(self.custom, custom)
        if not custom:
            self.custom_error.hide()
        if custom:
            self.custom_width.setValue(page.trim_width)
            self.custom_height.setValue(page.trim_height)
            self.custom_unit.setCurrentIndex(self.custom_unit.findData(page.unit.value))
        for blocker in blockers:
            blocker.unblock()
        with QSignalBlocker(self.bleed):
            self.bleed.setChecked(state.bleed)
        self.bleed.setText(
            self.tr("Bleed: {size} on each side").format(size=f"{page.bleed:g} {page.unit.value}")
        )
        self.dpi.set_value(state.dpi)
        self.mode.set_value(state.mode)
        width, height = state.guides.canvas.width, state.guides.canvas.height
        self.summary.setText(
            self.tr("{size} · {width} × {height} px ({mp:.1f} MP)").format(
                size=size_text(page, bleed=state.bleed),
                width=width,
                height=height,
                mp=width * height / 1e6,
            )
        )

    def _request(self, state: PrintState, text: str, merge_key: int = -1) -> None:
        self.change_requested.emit(StateChange(state, text, merge_key))

    # --- edits ------------------------------------------------------------------------------

    @Slot(int)
    def _on_preset_activated(self, index: int) -> None:
        key = self.preset.itemData(index)
        if key == CUSTOM:
            if self._state.page.key != CUSTOM:
                width, height = self._state.page.size()
                page = custom_page(width, height, self._state.page.unit)
                self._request(replace(self._state, page=page), self.tr("Custom Page Size"))
            return
        page = PAGE_PRESETS[key]
        self._request(
            replace(self._state, page=page), self.tr("Page {name}").format(name=page.name)
        )

    @Slot()
    def _on_custom_changed(self) -> None:
        unit = Unit(self.custom_unit.currentData())
        try:
            page = custom_page(self.custom_width.value(), self.custom_height.value(), unit)
        except ValueError as exc:
            self.custom_error.setText(
                self.tr("That size doesn't work: {reason}.").format(reason=exc)
            )
            self.custom_error.show()
            return
        self.custom_error.hide()
        self._request(
            replace(self._state, page=page), self.tr("Custom Page Size"), MERGE_CUSTOM_SIZE
        )

    @Slot(int)
    def _on_custom_unit_activated(self, index: int) -> None:
        """Switching units converts the size, so the page itself does not change size."""
        unit = Unit(self.custom_unit.itemData(index))
        old = self._state.page.unit
        if unit == old:
            return
        factor = unit.per_inch / old.per_inch
        with QSignalBlocker(self.custom_width), QSignalBlocker(self.custom_height):
            self.custom_width.setValue(round(self.custom_width.value() * factor, 3))
            self.custom_height.setValue(round(self.custom_height.value() * factor, 3))
        self._on_custom_changed()

    @Slot(bool)
    def _on_bleed_toggled(self, on: bool) -> None:
        text = self.tr("Bleed On") if on else self.tr("Bleed Off")
        self._request(replace(self._state, bleed=on), text)

    @Slot(object)
    def _on_dpi_value_changed(self, dpi: object) -> None:
        self._request(replace(self._state, dpi=int(dpi)), self.tr("{dpi} dpi").format(dpi=dpi))

    @Slot(object)
    def _on_mode_value_changed(self, mode: object) -> None:
        mode = ColorMode(mode)
        state = self._state
        # Follow the print facts when the dpi was the old mode's usual one (600 -> 350 for colour).
        dpi = default_dpi(mode) if state.dpi == default_dpi(state.mode) else state.dpi
        new = replace(state, dpi=dpi, finish=replace(state.finish, mode=mode))
        labels = {
            ColorMode.mono: self.tr("Black and White"),
            ColorMode.gray: self.tr("Greyscale"),
            ColorMode.color: self.tr("Colour"),
        }
        self._request(new, labels[mode])
