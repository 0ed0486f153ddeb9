"""Small look-and-feel helpers for the prompt panel, derived from the palette so light and dark
themes both work, and painted icons so nothing depends on an icon theme or an emoji font."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

ICON_SCALE = 3  # icons are painted at 3x and marked so, crisp at 100-300 % scaling


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def error_color(palette: QPalette) -> QColor:
    return QColor("#ff6b6b") if is_dark(palette) else QColor("#c62828")


def accent_color(palette: QPalette) -> QColor:
    role = getattr(QPalette.ColorRole, "Accent", QPalette.ColorRole.Highlight)
    return palette.color(role)


def muted(label: QLabel, *, small: bool = True) -> QLabel:
    """Secondary text: the palette's placeholder colour, a point smaller."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    if small:
        font = QFont(label.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        label.setFont(font)
    return label


class FitLabel(QLabel):
    """A word-wrapping label that asks for the height its text needs at its current width.
    Docks do not pass height-for-width down, so without this wrapped text gets clipped."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.wordWrap():
            self.setMinimumHeight(max(0, self.heightForWidth(self.width())))


def wrapped(text: str = "", *, muted_text: bool = True) -> QLabel:
    label = FitLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(60)
    return muted(label) if muted_text else label


class SectionHeader(QWidget):
    """A small-caps section title with an optional widget on the right (e.g. "Recent")."""

    def __init__(self, title: str, trailing: QWidget | None = None) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(title.upper())
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        self.title.setFont(font)
        self.title.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.title)
        layout.addStretch(1)
        if trailing is not None:
            layout.addWidget(trailing)


class OutlineFrame(QWidget):
    """Holds one editor and draws a red outline around it while it has a problem.

    Painting our own outline keeps the editor's native look (a style sheet border would switch
    the editor to style-sheet rendering on every platform)."""

    MARGIN = 2

    def __init__(self, child: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.child = child
        layout = QVBoxLayout(self)
        layout.setContentsMargins(self.MARGIN, self.MARGIN, self.MARGIN, self.MARGIN)
        layout.addWidget(child)
        self._error = False
        self.setFocusProxy(child)

    def set_error(self, error: bool) -> None:
        if error != self._error:
            self._error = error
            self.update()

    def has_error(self) -> bool:
        return self._error

    def paintEvent(self, event: QEvent) -> None:
        if not self._error:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(error_color(self.palette()), 1.6)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.8, 0.8, -0.8, -0.8), 4, 4)


def _canvas(size: int) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(size * ICON_SCALE, size * ICON_SCALE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(ICON_SCALE, ICON_SCALE)
    return pixmap, painter


def _finish(pixmap: QPixmap, painter: QPainter) -> QIcon:
    painter.end()
    pixmap.setDevicePixelRatio(ICON_SCALE)
    return QIcon(pixmap)


def dice_icon(color: QColor, size: int = 16) -> QIcon:
    pixmap, painter = _canvas(size)
    painter.setPen(QPen(color, 1.3))
    painter.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), 3, 3)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    pip = size / 9
    for fx, fy in ((0.3, 0.3), (0.7, 0.3), (0.5, 0.5), (0.3, 0.7), (0.7, 0.7)):
        painter.drawEllipse(QPointF(size * fx, size * fy), pip, pip)
    return _finish(pixmap, painter)


_RESET_ICONS: dict[tuple[int, int], QIcon] = {}


def reset_icon(color: QColor, size: int = 14) -> QIcon:
    """Drawn once per colour and size: every row of the parameter form shows one, and the form
    is rebuilt on each model change."""
    key = (color.rgba(), size)
    if (icon := _RESET_ICONS.get(key)) is None:
        icon = _RESET_ICONS[key] = _draw_reset_icon(color, size)
    return icon


def _draw_reset_icon(color: QColor, size: int) -> QIcon:
    pixmap, painter = _canvas(size)
    pen = QPen(color, 1.4)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    margin = 2.5
    box = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    painter.drawArc(box, 100 * 16, 280 * 16)  # open at the top left, like "undo"
    # Arrow head at the arc's start (100 degrees), pointing counter-clockwise.
    radius = box.width() / 2
    angle = math.radians(100)
    tip = QPointF(
        box.center().x() + radius * math.cos(angle), box.center().y() - radius * math.sin(angle)
    )
    head = QPainterPath(tip)
    head.lineTo(tip + QPointF(3.2, -1.6))
    head.moveTo(tip)
    head.lineTo(tip + QPointF(2.2, 2.8))
    painter.drawPath(head)
    return _finish(pixmap, painter)


def plus_icon(color: QColor, size: int = 16) -> QIcon:
    pixmap, painter = _canvas(size)
    pen = QPen(color, 1.6)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    mid = size / 2
    painter.drawLine(QPointF(mid, 3), QPointF(mid, size - 3))
    painter.drawLine(QPointF(3, mid), QPointF(size - 3, mid))
    return _finish(pixmap, painter)


def icon_size(widget: QWidget, base: int = 16) -> QSize:
    """Icons follow the font size, so large-font setups don't get tiny icons."""
    scale = max(1.0, widget.fontMetrics().height() / 16)
    return QSize(round(base * scale), round(base * scale))


def trailing_size(widget: QWidget) -> QSize:
    """The square size of the small buttons after an editor (reset, dice), shared so the
    editors of every section line up."""
    side = round(widget.fontMetrics().height() * 1.55)
    return QSize(side, side)


def generate_button_style(palette: QPalette) -> str:
    accent = accent_color(palette)
    text = QColor("#ffffff") if accent.lightnessF() < 0.62 else QColor("#111111")
    hover = accent.lighter(112) if is_dark(palette) else accent.darker(108)
    pressed = accent.darker(118)
    disabled_bg = palette.color(QPalette.ColorRole.Button)
    disabled_fg = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    border = palette.color(QPalette.ColorRole.Mid)
    return (
        "QPushButton#generateButton {"
        f" background: {accent.name()}; color: {text.name()}; border: none;"
        " border-radius: 6px; padding: 7px 12px; font-weight: 600; }"
        f"QPushButton#generateButton:hover {{ background: {hover.name()}; }}"
        f"QPushButton#generateButton:pressed {{ background: {pressed.name()}; }}"
        "QPushButton#generateButton:focus { outline: none; }"
        "QPushButton#generateButton:disabled {"
        f" background: {disabled_bg.name()}; color: {disabled_fg.name()};"
        f" border: 1px solid {border.name()}; }}"
    )
