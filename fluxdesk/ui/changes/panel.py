"""The Changes panel (a dock beside History in the onion-skin and "what moved" modes): legend,
how the result was registered, an opacity slider, and the hotspots, strongest first (click
one to zoom to it). Widgets only: it shows state and emits intent. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.compare import Hotspot, Registration
from fluxdesk.ui.changes.overlay import HOTSPOT, SHOWN_HOTSPOTS
from fluxdesk.ui.changes.renderer import PENCILS_INK, RESULT_INK
from fluxdesk.ui.text import count_text

LOW_CONFIDENCE = 0.05  # below this the result does not look like its pencils


def _swatch(color: QColor, text: str) -> str:
    return f"<span style='color:{color.name()}; font-size:16px'>■</span>&nbsp;{text}"


class ChangesPanel(QWidget):
    opacity_changed = Signal(float)
    hotspot_activated = Signal(int)  # index into the hotspots shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changesPanel")
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("changesStatus")
        self.status.setWordWrap(True)
        self.status.setForegroundRole(self.status.foregroundRole().PlaceholderText)
        self.opacity_label = QLabel()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("changesOpacitySlider")
        self.slider.setRange(0, 100)
        self.hotspots = QListWidget()
        self.hotspots.setObjectName("hotspotList")
        self.hotspots.setAlternatingRowColors(True)
        self.hotspots.setStyleSheet("QListWidget::item { padding: 3px 2px; }")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.legend)
        row = QHBoxLayout()
        row.addWidget(self.opacity_label)
        row.addWidget(self.slider, 1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.hotspots, 1)
        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.hotspots.itemClicked.connect(self._on_hotspots_item_clicked)
        self.hotspots.itemActivated.connect(self._on_hotspots_item_clicked)
        self.show_mode(heat=True, opacity=0.85)

    def show_mode(self, *, heat: bool, opacity: float) -> None:
        if heat:
            self.title.setText(self.tr("What moved"))
            self.legend.setText(
                _swatch(HOTSPOT, "")
                + self.tr(
                    "Where the result's lines moved, appeared or vanished beyond inking "
                    "(redrawn eyes, hands, anatomy), boxed and numbered, biggest first."
                )
            )
            self.opacity_label.setText(self.tr("Heat map"))
        else:
            self.title.setText(self.tr("Onion skin"))
            self.legend.setText(
                "&nbsp;&nbsp;&nbsp;".join(
                    (
                        _swatch(PENCILS_INK, self.tr("pencils only")),
                        _swatch(RESULT_INK, self.tr("result only")),
                        _swatch(QColor("#1b1122"), self.tr("both")),
                    )
                )
            )
            self.opacity_label.setText(self.tr("Result"))
        self.slider.blockSignals(True)
        self.slider.setValue(round(opacity * 100))
        self.slider.blockSignals(False)

    def show_busy(self) -> None:
        self.status.setText(self.tr("Registering the result on the pencils…"))
        self.hotspots.clear()

    def show_failure(self, text: str) -> None:
        self.status.setText(text)
        self.hotspots.clear()

    def show_analysis(self, registration: Registration, hotspots: tuple[Hotspot, ...]) -> None:
        shift = (registration.dx**2 + registration.dy**2) ** 0.5
        if registration.confidence < LOW_CONFIDENCE:
            text = self.tr("The result does not match the pencils well enough to align it.")
        else:
            text = self.tr(
                "Aligned on the pencils: moved {shift:.1f} px, scaled to {scale:.2f} %."
            ).format(shift=shift, scale=registration.scale * 100)
        self.status.setText(text)
        self.hotspots.clear()
        if not hotspots:
            self._note(self.tr("Nothing was redrawn beyond inking."))
        for number, spot in enumerate(hotspots[:SHOWN_HOTSPOTS], start=1):
            box = spot.box
            item = QListWidgetItem(
                self.tr("{n}.  {w} × {h} px at {x}, {y}").format(
                    n=number, w=box.width, h=box.height, x=box.left, y=box.top
                )
            )
            item.setToolTip(self.tr("Click to zoom to it"))
            item.setData(Qt.ItemDataRole.UserRole, number - 1)
            self.hotspots.addItem(item)
        hidden = len(hotspots) - SHOWN_HOTSPOTS
        if hidden > 0:
            self._note(
                count_text(
                    hidden,
                    self.tr("and 1 smaller change (on the heat map)"),
                    self.tr("and {n} smaller changes (on the heat map)"),
                )
            )

    def _note(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.hotspots.addItem(item)

    @Slot(int)
    def _on_slider_value_changed(self, value: int) -> None:
        self.opacity_changed.emit(value / 100)

    @Slot(QListWidgetItem)
    def _on_hotspots_item_clicked(self, item: QListWidgetItem) -> None:
        index = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(index, int):
            self.hotspot_activated.emit(index)
