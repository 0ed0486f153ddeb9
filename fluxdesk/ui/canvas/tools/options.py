"""The tool options bar: what the active tool can be set to, beside the tool buttons.

Widgets only: they show state and emit intent; the tools controller connects them. GUI thread.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QToolButton,
    QWidget,
)

from fluxdesk.core.regions.expand import ExpandPlan, Sides
from fluxdesk.ui.canvas.tools.brush import MAX_BRUSH, MIN_BRUSH
from fluxdesk.ui.canvas.tools.mask import Brush

SLIDER_STEPS = 1000  # the size slider is logarithmic: small brushes get as much travel as big


def _size_to_slider(size: int) -> int:
    span = math.log(MAX_BRUSH / MIN_BRUSH)
    return round(math.log(max(MIN_BRUSH, size) / MIN_BRUSH) / span * SLIDER_STEPS)


def _slider_to_size(value: int) -> int:
    span = math.log(MAX_BRUSH / MIN_BRUSH)
    return round(MIN_BRUSH * math.exp(value / SLIDER_STEPS * span))


def _row(widget: QWidget) -> QHBoxLayout:
    layout = QHBoxLayout(widget)
    layout.setContentsMargins(6, 0, 6, 0)
    layout.setSpacing(6)
    return layout


def _button(text: str, name: str, tip: str = "", *, checkable: bool = False) -> QToolButton:
    button = QToolButton()
    button.setObjectName(name)
    button.setText(text)
    button.setToolTip(tip or text)
    button.setCheckable(checkable)
    button.setAutoRaise(not checkable)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


def _muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setForegroundRole(label.foregroundRole().PlaceholderText)
    return label


def _spin(name: str, maximum: int, tip: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(0, maximum)
    spin.setSuffix(" px")
    spin.setKeyboardTracking(False)  # act on Enter or focus-out, not on every digit
    spin.setToolTip(tip)
    spin.setAccelerated(True)
    return spin


class NavigateOptions(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = _row(self)
        layout.addWidget(
            _muted(self.tr("Drag or Space+drag to pan, wheel to zoom. Pick a tool to mark a part."))
        )
        layout.addStretch(1)


class SelectionOptions(QWidget):
    margin_changed = Signal(int)
    deselect_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.size_label = QLabel()
        self.size_label.setObjectName("selectionSizeLabel")
        self.margin_spin = _spin(
            "contextMarginSpin",
            1024,
            self.tr(
                "How much of the page around the selection the model sees (the dotted box). "
                "More context keeps the style; less gives the region more detail."
            ),
        )
        self.margin_spin.setSingleStep(16)
        self.deselect_button = _button(
            self.tr("Deselect"), "deselectButton", self.tr("Deselect (Ctrl+D or Esc)")
        )
        layout = _row(self)
        layout.addWidget(self.size_label)
        layout.addSpacing(10)
        layout.addWidget(QLabel(self.tr("Context")))
        layout.addWidget(self.margin_spin)
        layout.addWidget(self.deselect_button)
        layout.addStretch(1)
        self.margin_spin.valueChanged.connect(self.margin_changed)
        self.deselect_button.clicked.connect(self.deselect_requested)
        self.show_selection(None, 64)

    def show_selection(self, size: tuple[int, int] | None, margin_px: int) -> None:
        if size is None:
            self.size_label.setText(self.tr("No selection: drag on the page"))
        else:
            self.size_label.setText(self.tr("Selection {w} × {h} px").format(w=size[0], h=size[1]))
        self.deselect_button.setEnabled(size is not None)
        if self.margin_spin.value() != margin_px:
            self.margin_spin.blockSignals(True)
            self.margin_spin.setValue(margin_px)
            self.margin_spin.blockSignals(False)


class MaskOptions(QWidget):
    brush_changed = Signal(object)  # Brush
    undo_requested = Signal()
    redo_requested = Signal()
    invert_requested = Signal()
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paint_button = _button(self.tr("Paint"), "maskPaintButton", checkable=True)
        self.erase_button = _button(
            self.tr("Erase"), "maskEraseButton", self.tr("Erase (X swaps)"), checkable=True
        )
        self.soft_button = _button(self.tr("Soft"), "brushSoftButton", checkable=True)
        self.hard_button = _button(self.tr("Hard"), "brushHardButton", checkable=True)
        for first, second in (
            (self.paint_button, self.erase_button),
            (self.soft_button, self.hard_button),
        ):
            group = QButtonGroup(self)
            group.setExclusive(True)
            group.addButton(first)
            group.addButton(second)
        self.size_slider = QSlider(Qt.Orientation.Horizontal)
        self.size_slider.setObjectName("brushSizeSlider")
        self.size_slider.setRange(0, SLIDER_STEPS)
        self.size_slider.setFixedWidth(140)
        self.size_slider.setToolTip(self.tr("Brush size ([ smaller, ] bigger)"))
        self.size_spin = _spin("brushSizeSpin", MAX_BRUSH, self.tr("Brush diameter in page pixels"))
        self.size_spin.setMinimum(MIN_BRUSH)
        self.undo_button = _button(
            self.tr("Undo"), "maskUndoButton", self.tr("Undo stroke (Ctrl+Z)")
        )
        self.redo_button = _button(
            self.tr("Redo"), "maskRedoButton", self.tr("Redo stroke (Ctrl+Shift+Z)")
        )
        self.invert_button = _button(self.tr("Invert"), "maskInvertButton")
        self.clear_button = _button(self.tr("Clear"), "maskClearButton", self.tr("Clear the mask"))
        layout = _row(self)
        for widget in (self.paint_button, self.erase_button):
            layout.addWidget(widget)
        layout.addSpacing(10)
        layout.addWidget(QLabel(self.tr("Size")))
        layout.addWidget(self.size_slider)
        layout.addWidget(self.size_spin)
        layout.addSpacing(10)
        for widget in (self.soft_button, self.hard_button):
            layout.addWidget(widget)
        layout.addSpacing(10)
        for widget in (self.undo_button, self.redo_button, self.invert_button, self.clear_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._brush = Brush(0)
        for button in (self.paint_button, self.erase_button, self.soft_button, self.hard_button):
            button.toggled.connect(self._on_choice_toggled)
        self.size_slider.valueChanged.connect(self._on_size_slider_value_changed)
        self.size_spin.valueChanged.connect(self._on_size_spin_value_changed)
        self.undo_button.clicked.connect(self.undo_requested)
        self.redo_button.clicked.connect(self.redo_requested)
        self.invert_button.clicked.connect(self.invert_requested)
        self.clear_button.clicked.connect(self.clear_requested)
        self.set_history(False, False, False)

    def show_brush(self, brush: Brush) -> None:
        self._brush = brush
        for widget in (self.paint_button, self.erase_button, self.soft_button, self.hard_button):
            widget.blockSignals(True)
        self.paint_button.setChecked(not brush.erase)
        self.erase_button.setChecked(brush.erase)
        self.hard_button.setChecked(brush.hard)
        self.soft_button.setChecked(not brush.hard)
        for widget in (self.paint_button, self.erase_button, self.soft_button, self.hard_button):
            widget.blockSignals(False)
        self._show_size(round(brush.size))

    def set_history(self, can_undo: bool, can_redo: bool, painted: bool) -> None:
        self.undo_button.setEnabled(can_undo)
        self.redo_button.setEnabled(can_redo)
        self.clear_button.setEnabled(painted)

    def _show_size(self, size: int) -> None:
        for widget, value in ((self.size_spin, size), (self.size_slider, _size_to_slider(size))):
            widget.blockSignals(True)
            widget.setValue(value)
            widget.blockSignals(False)

    def _emit(self, size: float) -> None:
        brush = Brush(size, self.hard_button.isChecked(), self.erase_button.isChecked())
        if brush != self._brush:
            self._brush = brush
            self.brush_changed.emit(brush)

    @Slot(bool)
    def _on_choice_toggled(self, checked: bool) -> None:
        if checked:
            self._emit(self._brush.size)

    @Slot(int)
    def _on_size_slider_value_changed(self, value: int) -> None:
        size = _slider_to_size(value)
        self._show_size(size)
        self._emit(size)

    @Slot(int)
    def _on_size_spin_value_changed(self, value: int) -> None:
        self._show_size(value)
        self._emit(value)


class ExpandOptions(QWidget):
    sides_changed = Signal(object)  # Sides, page px
    reset_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tip = self.tr("Pixels of page to add on this side (snapped to what the model can paint)")
        self.spins = {
            name: _spin(f"expand{name.capitalize()}Spin", 0, tip)
            for name in ("left", "top", "right", "bottom")
        }
        self.size_label = QLabel()
        self.size_label.setObjectName("expandSizeLabel")
        self.reset_button = _button(
            self.tr("Reset"), "expandResetButton", self.tr("No expansion (Esc)")
        )
        layout = _row(self)
        labels = {
            "left": self.tr("Left"),
            "top": self.tr("Top"),
            "right": self.tr("Right"),
            "bottom": self.tr("Bottom"),
        }
        for name, spin in self.spins.items():
            layout.addWidget(QLabel(labels[name]))
            layout.addWidget(spin)
            spin.valueChanged.connect(self._on_spin_value_changed)
        layout.addSpacing(10)
        layout.addWidget(self.size_label)
        layout.addWidget(self.reset_button)
        layout.addStretch(1)
        self.reset_button.clicked.connect(self.reset_requested)
        self.show_plan(None, (0, 0))

    def show_plan(self, plan: ExpandPlan | None, limits: tuple[int, int]) -> None:
        sides = plan.page if plan is not None else Sides()
        for name, spin in self.spins.items():
            spin.blockSignals(True)
            spin.setMaximum(limits[0] if name in ("left", "right") else limits[1])
            spin.setValue(getattr(sides, name))
            spin.setEnabled(plan is not None)
            spin.blockSignals(False)
        if plan is None:
            self.size_label.setText(self.tr("Open a page to expand it"))
        elif not sides.any:
            self.size_label.setText(self.tr("Drag an edge of the page outward"))
        else:
            width, height = plan.canvas_size
            self.size_label.setText(self.tr("New page {w} × {h} px").format(w=width, h=height))
        self.reset_button.setEnabled(plan is not None and sides.any)

    @Slot(int)
    def _on_spin_value_changed(self, value: int) -> None:
        self.sides_changed.emit(Sides(**{name: spin.value() for name, spin in self.spins.items()}))
