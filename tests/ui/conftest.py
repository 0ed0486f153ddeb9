"""Helpers shared by canvas and window tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fluxdesk.ui.canvas import CanvasView

Drag = Callable[..., None]
LEFT = Qt.MouseButton.LeftButton


def widget_point(canvas: CanvasView, x: float, y: float) -> QPoint:
    """Where page pixel (x, y) is on the canvas."""
    return canvas.map_to_widget(QPointF(x, y)).toPoint()


@pytest.fixture
def at() -> Callable[[CanvasView, float, float], QPoint]:
    """`at(canvas, x, y)`: the widget point of page pixel (x, y)."""
    return widget_point


@pytest.fixture
def drag(qtbot: QtBot) -> Drag:
    """`drag(canvas, [(x, y), ...], modifier)`: press at the first page point, move through the
    others with the left button held (and `modifier`, which qtbot.mouseMove can't send),
    release at the last."""

    def run(
        canvas: CanvasView,
        points: Sequence[tuple[float, float]],
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        *,
        release: bool = True,
    ) -> None:
        first, *rest = points
        qtbot.mousePress(canvas, LEFT, modifier, widget_point(canvas, *first))
        for point in rest:
            local = QPointF(widget_point(canvas, *point))
            global_pos = QPointF(canvas.mapToGlobal(local))
            move = QMouseEvent(
                QEvent.Type.MouseMove, local, global_pos, Qt.MouseButton.NoButton, LEFT, modifier
            )
            QApplication.sendEvent(canvas, move)
        if release:
            qtbot.mouseRelease(canvas, LEFT, modifier, widget_point(canvas, *points[-1]))

    return run
