"""Finds text that does not fit its widget: a label, button, check box, radio button or group
box title narrower (or shorter) than its own size hint at the size it is shown, and panels
whose content is wider than a scroll area that has no horizontal scroll bar."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QLineEdit, QScrollArea, QWidget


@dataclass(frozen=True)
class Clipped:
    widget: QWidget
    text: str
    needed: tuple[int, int]
    shown: tuple[int, int]

    def __str__(self) -> str:
        name = self.widget.objectName() or type(self.widget).__name__
        return f"{name} {self.text[:60]!r}: needs {self.needed}, has {self.shown}"


def _text(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QAbstractButton):
        return widget.text()
    if isinstance(widget, QGroupBox):
        return widget.title()
    return ""


def clipped_texts(root: QWidget, allowed: frozenset[str] = frozenset()) -> list[Clipped]:
    """Every text widget shown under `root` (on screen: not in a hidden tab) that shows less
    than its text needs.
    Word-wrapped labels grow downwards instead and are left out; `allowed` names widgets
    (object names) that elide on purpose."""
    found = []
    for area in root.findChildren(QScrollArea):  # content wider than a no-scrollbar viewport
        body = area.widget()
        off = area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        wide = body is not None and body.width() > area.viewport().width() + 1
        if wide and off and area.isVisible():
            viewport = area.viewport()
            name = f"(content of {area.parent().objectName()})"
            needed = (body.width(), 0)
            found.append(Clipped(area, name, needed, (viewport.width(), viewport.height())))
    for widget in root.findChildren(QWidget):
        text = _text(widget)
        if not text.strip() or not widget.isVisible() or widget.objectName() in allowed:
            continue
        if isinstance(widget.parent(), QLineEdit):  # its action buttons show icons only
            continue
        if isinstance(widget, QLabel) and (widget.wordWrap() or widget.pixmap().width() > 0):
            continue
        if isinstance(widget, QGroupBox):
            metrics = widget.fontMetrics()
            needed = (metrics.horizontalAdvance(text) + 16, metrics.height())
        else:
            hint = widget.minimumSizeHint() if isinstance(widget, QLabel) else widget.sizeHint()
            needed = (hint.width(), hint.height())
        shown = (widget.width(), widget.height())
        if needed[0] > shown[0] + 1 or needed[1] > shown[1] + 1:
            found.append(Clipped(widget, text, needed, shown))
    return found
