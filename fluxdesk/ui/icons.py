"""Line icons from resources/icons/ui, drawn in the palette's text colour so they read in light
and dark themes alike, sharp at any device pixel ratio. GUI thread only (QPixmap)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from fluxdesk.resources import resource_path

_INK = "#000000"  # the colour the SVG files are drawn in; replaced by the palette's


def _render(svg: bytes, size: int, ratio: float) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg))
    pixmap = QPixmap(QSize(round(size * ratio), round(size * ratio)))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, pixmap.width(), pixmap.height()))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@cache
def _icon(name: str, colour: str, disabled: str, ratio: float) -> QIcon:
    path = resource_path(f"icons/ui/{name}.svg")
    if not path.exists():
        return QIcon()
    text = path.read_text(encoding="utf-8")
    icon = QIcon()
    for size in (16, 20, 24, 32):
        normal = _render(text.replace(_INK, colour).encode(), size, ratio)
        icon.addPixmap(normal, QIcon.Mode.Normal)
        icon.addPixmap(
            _render(text.replace(_INK, disabled).encode(), size, ratio), QIcon.Mode.Disabled
        )
    return icon


def themed_icon(name: str, palette: QPalette | None = None) -> QIcon:
    palette = palette or QGuiApplication.palette()
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText).name()
    muted = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    return _icon(name, text, muted, max(1.0, ratio))
