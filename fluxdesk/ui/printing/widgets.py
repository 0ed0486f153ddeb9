"""Small widgets and painted icons for the Finish & Export panel (no icon theme needed)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from fluxdesk.core.printing.preflight import Severity
from fluxdesk.ui.prompt_panel.style import accent_color

_ICON_SCALE = 3

SEVERITY_COLORS = {
    Severity.error: QColor("#d93025"),
    Severity.warning: QColor("#e8a000"),
    Severity.info: QColor("#3b82c4"),
}
OK_COLOR = QColor("#2e9d57")


def section_form() -> QFormLayout:
    form = QFormLayout()
    form.setContentsMargins(0, 0, 0, 0)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return form


def align_form_labels(forms: list[QFormLayout]) -> None:
    """One label column width for several forms, so their fields line up."""
    labels = [
        item.widget()
        for form in forms
        for row in range(form.rowCount())
        if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) and item.widget()
    ]
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


_SEGMENT_STYLE = """
QToolButton {{ border: 1px solid {mid}; background: {button}; padding: 3px 6px; margin: 0;
  border-radius: 0; }}
QToolButton[segment="first"] {{ border-top-left-radius: 4px; border-bottom-left-radius: 4px; }}
QToolButton[segment="last"] {{ border-top-right-radius: 4px; border-bottom-right-radius: 4px; }}
QToolButton[segment="middle"], QToolButton[segment="last"] {{ border-left: none; }}
QToolButton:hover:!checked {{ background: {hover}; }}
QToolButton:checked {{ background: {accent}; color: {accent_text}; border-color: {accent}; }}
QToolButton:disabled {{ color: {disabled}; }}
"""


class Segmented(QWidget):
    """A row of exclusive toggle buttons; `value_changed` carries the chosen value."""

    value_changed = Signal(object)

    def __init__(self, choices: list[tuple[object, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._group = QButtonGroup(self)
        self._values: dict[QAbstractButton, object] = {}
        for value, label in choices:
            button = QToolButton(self)
            button.setText(label)
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self._group.addButton(button)
            self._values[button] = value
            layout.addWidget(button, 1)
        buttons = self.buttons()
        for index, button in enumerate(buttons):
            last = len(buttons) - 1
            button.setProperty(
                "segment", "first" if index == 0 else "last" if index == last else "middle"
            )
        self._group.buttonClicked.connect(self._on_group_clicked)
        self._style()

    def _style(self) -> None:
        palette = self.palette()
        accent = accent_color(palette)
        self.setStyleSheet(
            _SEGMENT_STYLE.format(
                mid=palette.color(QPalette.ColorRole.Mid).name(),
                button=palette.color(QPalette.ColorRole.Button).name(),
                hover=palette.color(QPalette.ColorRole.Midlight).name(),
                accent=accent.name(),
                accent_text="#ffffff" if accent.lightnessF() < 0.62 else "#111111",
                disabled=palette.color(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText
                ).name(),
            )
        )

    def buttons(self) -> list[QAbstractButton]:
        return list(self._values)

    def value(self) -> object:
        checked = self._group.checkedButton()
        return self._values.get(checked) if checked is not None else None

    def set_value(self, value: object) -> None:
        for button, candidate in self._values.items():
            if candidate == value:
                button.setChecked(True)

    @Slot(QAbstractButton)
    def _on_group_clicked(self, button: QAbstractButton) -> None:
        self.value_changed.emit(self._values[button])


def _icon(paint: object, size: int = 16) -> QIcon:
    pixmap = QPixmap(size * _ICON_SCALE, size * _ICON_SCALE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(_ICON_SCALE, _ICON_SCALE)
    paint(painter, float(size))  # type: ignore[operator]
    painter.end()
    pixmap.setDevicePixelRatio(_ICON_SCALE)
    return QIcon(pixmap)


def _glyph(painter: QPainter, rect: QRectF, text: str) -> None:
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(round(rect.height() * 0.62))
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def severity_icon(severity: Severity) -> QIcon:
    """Red circle "!", amber triangle "!", blue circle "i": told apart by shape, not hue only."""
    color = SEVERITY_COLORS[severity]

    def paint(painter: QPainter, size: float) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        box = QRectF(1, 1, size - 2, size - 2)
        if severity is Severity.warning:
            path = QPainterPath(QPointF(size / 2, 1.2))
            path.lineTo(size - 1, size - 1.8)
            path.lineTo(1, size - 1.8)
            path.closeSubpath()
            painter.drawPath(path)
            _glyph(painter, box.adjusted(0, 2.5, 0, 0), "!")
        else:
            painter.drawEllipse(box)
            _glyph(painter, box, "!" if severity is Severity.error else "i")

    return _icon(paint)


def ok_icon() -> QIcon:
    def paint(painter: QPainter, size: float) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(OK_COLOR)
        painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
        pen = QPen(QColor("#ffffff"), 1.8)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        tick = QPainterPath(QPointF(size * 0.3, size * 0.52))
        tick.lineTo(size * 0.45, size * 0.67)
        tick.lineTo(size * 0.72, size * 0.36)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(tick)

    return _icon(paint)
