"""The "Clean up scan" panel: pencil colour to drop, levels or auto-contrast, despeckle, grey,
and a Before / After switch for the preview on the canvas. Emits settings; never touches
images itself."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.imaging.cleanup import CleanupSettings, PencilColor
from fluxdesk.ui.prompt_panel.style import SectionHeader, wrapped

_PENCILS = (
    (PencilColor.none, QT_TRANSLATE_NOOP("CleanupPanel", "Keep every colour")),
    (PencilColor.blue, QT_TRANSLATE_NOOP("CleanupPanel", "Non-photo blue pencil")),
    (PencilColor.red, QT_TRANSLATE_NOOP("CleanupPanel", "Red pencil")),
    (PencilColor.any, QT_TRANSLATE_NOOP("CleanupPanel", "Any coloured pencil")),
)
# What an artist usually wants from a blue-pencil scan.
SUGGESTED = CleanupSettings(remove=PencilColor.blue, auto_contrast=True, despeckle_px=6)


class _Slider(QSlider):
    """A horizontal slider with its value shown beside it (scaled for gamma)."""

    def __init__(self, low: int, high: int, scale: float = 1.0) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.setRange(low, high)
        self.scale = scale
        self.value_label = QLabel()
        self.value_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("0.00 ") + 4)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.valueChanged.connect(self._show_value)

    def real(self) -> float:
        return self.value() / self.scale

    def set_real(self, value: float) -> None:
        self.setValue(round(value * self.scale))
        self._show_value(self.value())

    def _show_value(self, value: int) -> None:
        self.value_label.setText(f"{value / self.scale:.2f}" if self.scale != 1 else str(value))


class CleanupPanel(QWidget):
    settings_changed = Signal(object)  # CleanupSettings, or None when clean-up is off
    after_toggled = Signal(bool)  # True: the preview shows the cleaned scan

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cleanupPanel")
        self._loading = False
        self.enabled_box = QCheckBox(self.tr("Clean up the scan before sending"))
        self.enabled_box.setObjectName("cleanupEnabled")
        self.pencil_combo = QComboBox()
        self.pencil_combo.setObjectName("cleanupPencil")
        for colour, text in _PENCILS:
            self.pencil_combo.addItem(self.tr(text), colour.value)
        self.sensitivity = _Slider(0, 100)
        self.sensitivity.setObjectName("cleanupSensitivity")
        self.sensitivity.setToolTip(self.tr("Higher also removes fainter, greyer pencil"))
        self.auto_box = QCheckBox(self.tr("Auto contrast: paper white, darkest lines black"))
        self.auto_box.setObjectName("cleanupAuto")
        self.black = _Slider(0, 254)
        self.black.setObjectName("cleanupBlack")
        self.white = _Slider(1, 255)
        self.white.setObjectName("cleanupWhite")
        self.gamma = _Slider(20, 300, 100.0)
        self.gamma.setObjectName("cleanupGamma")
        self.gamma.setToolTip(self.tr("Above 1 lightens the greys, below 1 darkens them"))
        self.despeckle = QSpinBox()
        self.despeckle.setObjectName("cleanupDespeckle")
        self.despeckle.setRange(0, 5000)
        self.despeckle.setSuffix(self.tr(" px"))
        self.despeckle.setSpecialValueText(self.tr("Off"))
        self.despeckle.setToolTip(self.tr("Dark dots smaller than this (at scan size) go"))
        self.gray_box = QCheckBox(self.tr("Convert to greyscale"))
        self.gray_box.setObjectName("cleanupGray")
        self.before_button = QPushButton(self.tr("Before"))
        self.before_button.setObjectName("cleanupBefore")
        self.after_button = QPushButton(self.tr("After"))
        self.after_button.setObjectName("cleanupAfter")
        self.view_group = QButtonGroup(self)
        for button in (self.before_button, self.after_button):
            button.setCheckable(True)
            self.view_group.addButton(button)
        self.after_button.setChecked(True)
        self.reset_button = QPushButton(self.tr("Suggested"))
        self.reset_button.setObjectName("cleanupSuggested")
        self.reset_button.setToolTip(
            self.tr("Turn clean-up on with blue pencil out, auto contrast and small specks out")
        )
        self.status = wrapped()
        self.status.setObjectName("cleanupStatus")

        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setColumnStretch(1, 1)
        rows = (
            (self.tr("Pencil"), self.pencil_combo, None),
            (self.tr("Sensitivity"), self.sensitivity, self.sensitivity.value_label),
            (None, self.auto_box, None),
            (self.tr("Black point"), self.black, self.black.value_label),
            (self.tr("White point"), self.white, self.white.value_label),
            (self.tr("Gamma"), self.gamma, self.gamma.value_label),
            (self.tr("Despeckle"), self.despeckle, None),
            (None, self.gray_box, None),
        )
        for row, (text, widget, trailing) in enumerate(rows):
            if text:
                label = QLabel(text)
                label.setBuddy(widget)
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1, 1, 1 if trailing else 2)
            if trailing:
                grid.addWidget(trailing, row, 2)
        view = QHBoxLayout()
        view.setSpacing(0)
        view.addWidget(self.before_button)
        view.addWidget(self.after_button)
        view.addStretch(1)
        view.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.enabled_box)
        layout.addWidget(
            wrapped(
                self.tr(
                    "Instant and local. The cleaned copy is what gets sent and kept with the "
                    "job; your scan file is never changed."
                )
            )
        )
        layout.addWidget(SectionHeader(self.tr("Clean-up")))
        layout.addLayout(grid)
        layout.addWidget(SectionHeader(self.tr("Preview on the canvas")))
        layout.addLayout(view)
        layout.addWidget(self.status)
        layout.addStretch(1)

        self.set_settings(None)
        self.enabled_box.toggled.connect(self._on_changed)
        self.pencil_combo.currentIndexChanged.connect(self._on_changed)
        self.auto_box.toggled.connect(self._on_changed)
        self.gray_box.toggled.connect(self._on_changed)
        self.despeckle.valueChanged.connect(self._on_changed)
        for slider in (self.sensitivity, self.black, self.white, self.gamma):
            slider.valueChanged.connect(self._on_changed)
        self.after_button.toggled.connect(self._on_after_button_toggled)
        self.reset_button.clicked.connect(self._on_reset_button_clicked)

    # --- values ---------------------------------------------------------------------------------

    def settings(self) -> CleanupSettings | None:
        if not self.enabled_box.isChecked():
            return None
        black, white = round(self.black.real()), round(self.white.real())
        return CleanupSettings(
            remove=PencilColor(self.pencil_combo.currentData()),
            sensitivity=self.sensitivity.value(),
            auto_contrast=self.auto_box.isChecked(),
            black_point=min(black, white - 1),
            white_point=max(white, black + 1),
            gamma=round(self.gamma.real(), 2),
            despeckle_px=self.despeckle.value(),
            grayscale=self.gray_box.isChecked(),
        )

    def set_settings(self, settings: CleanupSettings | None) -> None:
        """Shows `settings` (None: off, with the suggested values ready). Emits nothing."""
        self._loading = True
        try:
            shown = settings or SUGGESTED
            self.enabled_box.setChecked(settings is not None)
            self.pencil_combo.setCurrentIndex(self.pencil_combo.findData(shown.remove.value))
            self.sensitivity.set_real(shown.sensitivity)
            self.auto_box.setChecked(shown.auto_contrast)
            self.black.set_real(shown.black_point)
            self.white.set_real(shown.white_point)
            self.gamma.set_real(shown.gamma)
            self.despeckle.setValue(shown.despeckle_px)
            self.gray_box.setChecked(shown.grayscale)
        finally:
            self._loading = False
        self._sync_enabled()

    def showing_after(self) -> bool:
        return self.after_button.isChecked()

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def _sync_enabled(self) -> None:
        on = self.enabled_box.isChecked()
        for widget in (
            self.pencil_combo,
            self.sensitivity,
            self.auto_box,
            self.despeckle,
            self.gray_box,
            self.before_button,
            self.after_button,
        ):
            widget.setEnabled(on)
        self.sensitivity.setEnabled(on and self.pencil_combo.currentData() != PencilColor.none)
        for slider in (self.black, self.white):
            slider.setEnabled(on and not self.auto_box.isChecked())

    # --- slots ----------------------------------------------------------------------------------

    @Slot()
    def _on_changed(self) -> None:
        if self._loading:
            return
        self._sync_enabled()
        self.settings_changed.emit(self.settings())

    @Slot(bool)
    def _on_after_button_toggled(self, after: bool) -> None:
        self.after_toggled.emit(after)

    @Slot()
    def _on_reset_button_clicked(self) -> None:
        self.set_settings(SUGGESTED)
        self.settings_changed.emit(self.settings())
