"""The small panel floating in the canvas's corner in the onion-skin and "what moved" modes:
legend, how the result was registered, an opacity slider, and the hotspots (click one to zoom
to it). Widgets only: it shows state and emits intent. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.compare import Hotspot, Registration
from fluxdesk.ui.changes.renderer import PENCILS_INK, RESULT_INK

WIDTH = 290
_STYLE = """
#changesPanel { background: rgba(24, 25, 29, 232); border-radius: 10px; }
#changesPanel QLabel { color: #eceef2; background: transparent; }
#changesPanel QLabel#changesStatus { color: #a9adb6; }
#changesPanel QListWidget { background: transparent; border: none; color: #eceef2; }
#changesPanel QListWidget::item { padding: 4px 2px; border-radius: 4px; }
#changesPanel QListWidget::item:selected { background: rgba(255, 214, 0, 60); color: white; }
#changesPanel QListWidget::item:hover { background: rgba(255, 255, 255, 24); }
"""


def _swatch(color: str, text: str) -> str:
    return f"<span style='color:{color}; font-size:15px'>■</span>&nbsp;{text}"


class ChangesPanel(QFrame):
    opacity_changed = Signal(float)
    hotspot_activated = Signal(int)  # index into the hotspots shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changesPanel")
        self.setStyleSheet(_STYLE)
        self.setFixedWidth(WIDTH)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1)
        self.title.setFont(font)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("changesStatus")
        self.status.setWordWrap(True)
        self.opacity_label = QLabel()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("changesOpacitySlider")
        self.slider.setRange(0, 100)
        self.hotspots = QListWidget()
        self.hotspots.setObjectName("hotspotList")
        self.hotspots.setMaximumHeight(170)
        self.hotspots.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.legend)
        row = QHBoxLayout()
        row.addWidget(self.opacity_label)
        row.addWidget(self.slider, 1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.hotspots)
        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.hotspots.itemClicked.connect(self._on_hotspots_item_clicked)
        self.hotspots.itemActivated.connect(self._on_hotspots_item_clicked)
        self._heat = True
        self.show_mode(heat=True, opacity=0.85)

    def show_mode(self, *, heat: bool, opacity: float) -> None:
        self._heat = heat
        if heat:
            self.title.setText(self.tr("What moved"))
            self.legend.setText(
                self.tr(
                    "Where the result's lines moved, appeared or vanished beyond inking: "
                    "redrawn eyes, hands, anatomy."
                )
            )
            self.opacity_label.setText(self.tr("Heat"))
        else:
            self.title.setText(self.tr("Onion skin"))
            self.legend.setText(
                "&nbsp;&nbsp;".join(
                    (
                        _swatch(PENCILS_INK.name(), self.tr("pencils")),
                        _swatch(RESULT_INK.name(), self.tr("result")),
                        _swatch("#1b1122", self.tr("both")),
                    )
                )
            )
            self.opacity_label.setText(self.tr("Result"))
        self.hotspots.setVisible(heat)
        self.slider.blockSignals(True)
        self.slider.setValue(round(opacity * 100))
        self.slider.blockSignals(False)
        self.adjustSize()

    def show_busy(self) -> None:
        self.status.setText(self.tr("Registering the result on the pencils…"))
        self.hotspots.clear()
        self.adjustSize()

    def show_failure(self, text: str) -> None:
        self.status.setText(text)
        self.hotspots.clear()
        self.adjustSize()

    def show_analysis(self, registration: Registration, hotspots: tuple[Hotspot, ...]) -> None:
        shift = (registration.dx**2 + registration.dy**2) ** 0.5
        if registration.confidence < 0.05:
            text = self.tr("The result does not match the pencils well enough to align it.")
        else:
            text = self.tr("Aligned on the pencils: moved {shift:.1f} px, scale {scale:.2f} %.")
            text = text.format(shift=shift, scale=registration.scale * 100)
        self.status.setText(text)
        self.hotspots.clear()
        if not hotspots:
            item = QListWidgetItem(self.tr("Nothing was redrawn beyond inking."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.hotspots.addItem(item)
        for number, spot in enumerate(hotspots, start=1):
            box = spot.box
            item = QListWidgetItem(
                self.tr("{n}   Redrawn {w} × {h} px").format(n=number, w=box.width, h=box.height)
            )
            item.setToolTip(
                self.tr("At x {x}, y {y} on the pencils. Click to zoom to it.").format(
                    x=box.left, y=box.top
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, number - 1)
            self.hotspots.addItem(item)
        self.adjustSize()

    @Slot(int)
    def _on_slider_value_changed(self, value: int) -> None:
        self.opacity_changed.emit(value / 100)

    @Slot(QListWidgetItem)
    def _on_hotspots_item_clicked(self, item: QListWidgetItem) -> None:
        index = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(index, int):
            self.hotspot_activated.emit(index)
