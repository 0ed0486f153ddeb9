"""Placement (over the pencils, or fit/fill a page box; align to pencils) and black-and-white
finishing (threshold with Auto, despeckle, smoothing, preview toggles).

Each section renders a ``PrintState`` and emits ``change_requested(StateChange)``.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.printing.finishing import ColorMode
from fluxdesk.core.printing.fit import Alignment, Anchor
from fluxdesk.core.printing.pages import PageBox
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.printing.state import PlacementMode, PrintState
from fluxdesk.ui.printing.undo import StateChange
from fluxdesk.ui.printing.widgets import section_form
from fluxdesk.ui.prompt_panel.style import wrapped

MERGE_THRESHOLD, MERGE_DESPECKLE, MERGE_SMOOTH = 1, 2, 3


_ANCHOR_NAMES = {
    Anchor.top_left: QT_TRANSLATE_NOOP("PlacementSection", "Top left"),
    Anchor.top: QT_TRANSLATE_NOOP("PlacementSection", "Top"),
    Anchor.top_right: QT_TRANSLATE_NOOP("PlacementSection", "Top right"),
    Anchor.left: QT_TRANSLATE_NOOP("PlacementSection", "Left"),
    Anchor.center: QT_TRANSLATE_NOOP("PlacementSection", "Center"),
    Anchor.right: QT_TRANSLATE_NOOP("PlacementSection", "Right"),
    Anchor.bottom_left: QT_TRANSLATE_NOOP("PlacementSection", "Bottom left"),
    Anchor.bottom: QT_TRANSLATE_NOOP("PlacementSection", "Bottom"),
    Anchor.bottom_right: QT_TRANSLATE_NOOP("PlacementSection", "Bottom right"),
}


def alignment_text(alignment: Alignment) -> str:
    return translate(
        "PlacementSection", "Moved {dx}, {dy} px · scale {scale} · {match} match"
    ).format(
        dx=f"{alignment.dx:+.1f}",
        dy=f"{alignment.dy:+.1f}",
        scale=f"{alignment.scale:.4f}",
        match=f"{alignment.confidence:.0%}",
    )


class PlacementSection(QWidget):
    change_requested = Signal(object)  # StateChange
    align_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = PrintState()
        self._key: str | None = None
        self._has_pencils = False
        self._aligning = False
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.form = form = section_form()
        column.addLayout(form)

        self.placement = QComboBox(self)
        self.placement.setObjectName("placementCombo")
        choices = (
            (PlacementMode.register, PageBox.trim, self.tr("Over its pencils")),
            (PlacementMode.fit, PageBox.trim, self.tr("Fit inside the trim")),
            (PlacementMode.fill, PageBox.trim, self.tr("Fill the trim")),
            (PlacementMode.fit, PageBox.bleed, self.tr("Fit inside the bleed")),
            (PlacementMode.fill, PageBox.bleed, self.tr("Fill the bleed")),
        )
        for mode, box, label in choices:
            self.placement.addItem(label, f"{mode.value}:{box.value}")
        self.placement.activated.connect(self._on_placement_activated)
        form.addRow(self.tr("Place"), self.placement)

        self.anchor = QComboBox(self)
        self.anchor.setObjectName("anchorCombo")
        for anchor in Anchor:
            self.anchor.addItem(self.tr(_ANCHOR_NAMES[anchor]), anchor.value)
        self.anchor.activated.connect(self._on_anchor_activated)
        form.addRow(self.tr("Anchor"), self.anchor)

        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.align = QPushButton(self.tr("Align to Pencils"), row)
        self.align.setObjectName("alignButton")
        self.align.setToolTip(
            self.tr("Measure how far the model moved or scaled the drawing, and correct it")
        )
        self.align.clicked.connect(self.align_requested)
        line.addWidget(self.align)
        line.addStretch(1)
        form.addRow("", row)
        self.status = wrapped()
        self.status.setObjectName("alignStatus")
        column.addWidget(self.status)

    def show_state(self, state: PrintState, key: str | None, has_pencils: bool) -> None:
        self._state, self._key = state, key
        placement = state.placement
        with QSignalBlocker(self.placement), QSignalBlocker(self.anchor):
            box = PageBox.trim if placement.mode is PlacementMode.register else placement.box
            self.placement.setCurrentIndex(
                max(0, self.placement.findData(f"{placement.mode.value}:{box.value}"))
            )
            self.anchor.setCurrentIndex(self.anchor.findData(placement.anchor.value))
        registered = placement.mode is PlacementMode.register
        self.anchor.setEnabled(not registered)
        self._has_pencils = has_pencils
        self._update_align_button()
        alignment = placement.alignment_for(key) if key is not None else None
        if not has_pencils:
            self.status.setText(
                self.tr("No pencils behind this image: it is fitted to the trim.")
                if registered
                else ""
            )
        elif alignment is not None and registered:
            self.status.setText(alignment_text(alignment))
        else:
            self.status.setText(
                self.tr("Registered: same frame as the pencils, no crop or shift.")
                if registered
                else ""
            )

    def set_aligning(self, aligning: bool) -> None:
        self._aligning = aligning
        self.align.setText(self.tr("Aligning…") if aligning else self.tr("Align to Pencils"))
        self._update_align_button()

    def _update_align_button(self) -> None:
        self.align.setEnabled(self._has_pencils and not self._aligning)

    @Slot(int)
    def _on_placement_activated(self, index: int) -> None:
        mode, box = str(self.placement.itemData(index)).split(":")
        state = self._state.with_placement(mode=PlacementMode(mode), box=PageBox(box))
        self.change_requested.emit(StateChange(state, self.tr("Placement")))

    @Slot(int)
    def _on_anchor_activated(self, index: int) -> None:
        state = self._state.with_placement(anchor=Anchor(self.anchor.itemData(index)))
        self.change_requested.emit(StateChange(state, self.tr("Placement Anchor")))


class FinishingSection(QWidget):
    change_requested = Signal(object)  # StateChange
    preview_toggled = Signal(bool)
    highlight_grey_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = PrintState()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.form = form = section_form()
        column.addLayout(form)

        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.slider = QSlider(Qt.Orientation.Horizontal, row)
        self.slider.setObjectName("thresholdSlider")
        self.slider.setRange(1, 255)
        self.slider.setToolTip(self.tr("Pixels darker than this become black, the rest white"))
        self.spin = QSpinBox(row)
        self.spin.setObjectName("thresholdSpin")
        self.spin.setRange(1, 255)
        self.auto = QCheckBox(self.tr("Auto"), row)
        self.auto.setObjectName("autoThreshold")
        self.auto.setToolTip(self.tr("Pick the level that best separates ink from paper (Otsu)"))
        line.addWidget(self.slider, 1)
        line.addWidget(self.spin)
        line.addWidget(self.auto)
        self.slider.valueChanged.connect(self._on_threshold_value_changed)
        self.spin.valueChanged.connect(self._on_threshold_value_changed)
        self.auto.toggled.connect(self._on_auto_toggled)
        form.addRow(self.tr("Threshold"), row)

        self.despeckle = QSpinBox(self)
        self.despeckle.setObjectName("despeckleSpin")
        self.despeckle.setRange(0, 5000)
        self.despeckle.setSuffix(self.tr(" px"))
        self.despeckle.setSpecialValueText(self.tr("Off"))
        self.despeckle.setToolTip(
            self.tr("Remove dots (and fill pinholes) smaller than this many pixels, at print size")
        )
        self.despeckle.valueChanged.connect(self._on_despeckle_value_changed)
        form.addRow(self.tr("Despeckle"), self.despeckle)

        self.smooth = QDoubleSpinBox(self)
        self.smooth.setObjectName("smoothSpin")
        self.smooth.setRange(0, 6)
        self.smooth.setSingleStep(0.5)
        self.smooth.setDecimals(1)
        self.smooth.setSuffix(self.tr(" px"))
        self.smooth.setSpecialValueText(self.tr("Off"))
        self.smooth.setToolTip(self.tr("Round off jagged line edges before the threshold"))
        self.smooth.valueChanged.connect(self._on_smooth_value_changed)
        form.addRow(self.tr("Smooth lines"), self.smooth)

        self.preview = QCheckBox(self.tr("Show the finished page on the canvas"), self)
        self.preview.setObjectName("previewCheck")
        self.preview.setChecked(True)
        self.preview.toggled.connect(self.preview_toggled)
        form.addRow("", self.preview)
        self.grey = QCheckBox(self.tr("Highlight grey that the threshold removes"), self)
        self.grey.setObjectName("greyHighlightCheck")
        self.grey.toggled.connect(self.highlight_grey_toggled)
        form.addRow("", self.grey)
        self.note = wrapped()
        self.note.setObjectName("finishNote")
        column.addWidget(self.note)

    def show_state(self, state: PrintState) -> None:
        self._state = state
        settings = state.finish
        mono, gray = settings.mode is ColorMode.mono, settings.mode is ColorMode.gray
        with QSignalBlocker(self.auto), QSignalBlocker(self.despeckle), QSignalBlocker(self.smooth):
            self.auto.setChecked(settings.threshold is None)
            self.despeckle.setValue(settings.despeckle_px)
            self.smooth.setValue(settings.smooth_px)
        if settings.threshold is not None:
            self._show_threshold(settings.threshold)
        for widget in (self.slider, self.spin, self.auto, self.smooth, self.grey):
            widget.setEnabled(mono)
        self.despeckle.setEnabled(mono or gray)
        if settings.mode is ColorMode.color:
            self.note.setText(self.tr("Colour pages are exported as they are."))
        elif gray:
            self.note.setText(self.tr("Greyscale keeps every grey; despeckle still cleans dots."))
        self.note.setVisible(not mono)

    def show_auto_threshold(self, threshold: int | None) -> None:
        """The level Auto picked, measured on the preview."""
        if threshold is not None and self._state.finish.threshold is None:
            self._show_threshold(threshold)

    def _show_threshold(self, value: int) -> None:
        with QSignalBlocker(self.slider), QSignalBlocker(self.spin):
            self.slider.setValue(value)
            self.spin.setValue(value)

    @Slot(int)
    def _on_threshold_value_changed(self, value: int) -> None:
        self._show_threshold(value)
        state = self._state.with_finish(threshold=value)
        self.change_requested.emit(StateChange(state, self.tr("Threshold"), MERGE_THRESHOLD))

    @Slot(bool)
    def _on_auto_toggled(self, auto: bool) -> None:
        state = self._state.with_finish(threshold=None if auto else self.slider.value())
        text = self.tr("Automatic Threshold") if auto else self.tr("Threshold")
        self.change_requested.emit(StateChange(state, text))

    @Slot(int)
    def _on_despeckle_value_changed(self, value: int) -> None:
        state = self._state.with_finish(despeckle_px=value)
        self.change_requested.emit(StateChange(state, self.tr("Despeckle"), MERGE_DESPECKLE))

    @Slot(float)
    def _on_smooth_value_changed(self, value: float) -> None:
        state = self._state.with_finish(smooth_px=value)
        self.change_requested.emit(StateChange(state, self.tr("Smooth Lines"), MERGE_SMOOTH))
