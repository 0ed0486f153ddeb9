"""Overlays and tools: drawn in page coordinates, fed the left button, Escape, no pan."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSizeF, Qt
from PySide6.QtGui import QImage, QKeyEvent, QMouseEvent, QPainter, QTransform
from pytestqt.qtbot import QtBot

from fluxdesk.ui.canvas import CanvasOverlay, CanvasTool, CanvasView


class Recorder(CanvasTool):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, QPointF]] = []
        self.painted: list[QTransform] = []
        self.escaped = False

    def paint(self, painter: QPainter, to_widget: QTransform, page: QSizeF) -> None:
        self.painted.append(to_widget)

    def press(self, page_pos: QPointF, event: QMouseEvent) -> bool:
        self.events.append(("press", page_pos))
        return True

    def move(self, page_pos: QPointF, event: QMouseEvent) -> None:
        self.events.append(("move", page_pos))

    def release(self, page_pos: QPointF, event: QMouseEvent) -> None:
        self.events.append(("release", page_pos))

    def key_press(self, event: QKeyEvent) -> bool:
        self.escaped = event.key() == Qt.Key.Key_Escape
        return self.escaped


def page(canvas: CanvasView, qtbot: QtBot) -> None:
    image = QImage(1000, 1400, QImage.Format.Format_Grayscale8)
    image.fill(255)
    canvas.show_image(image, key="input")
    qtbot.waitUntil(lambda: canvas.page_size() == QSizeF(1000, 1400), timeout=5000)


def test_tool_gets_page_coordinates_and_the_view_does_not_pan(
    qtbot: QtBot, canvas: CanvasView
) -> None:
    page(canvas, qtbot)
    tool = Recorder()
    canvas.set_tool(tool)
    centre_before = canvas.view_center()
    start = canvas.map_to_widget(QPointF(100, 200))
    end = canvas.map_to_widget(QPointF(400, 600))
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start.toPoint())
    qtbot.mouseMove(canvas, pos=end.toPoint())
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end.toPoint())
    kinds = [kind for kind, _ in tool.events]
    assert kinds[0] == "press" and kinds[-1] == "release" and "move" in kinds
    pressed, released = tool.events[0][1], tool.events[-1][1]
    tolerance = 2 / canvas.zoom()
    assert abs(pressed.x() - 100) <= tolerance and abs(pressed.y() - 200) <= tolerance
    assert abs(released.x() - 400) <= tolerance and abs(released.y() - 600) <= tolerance
    assert canvas.view_center() == centre_before
    canvas.grab()
    assert tool.painted
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert tool.escaped
    canvas.set_tool(None)
    assert canvas.tool() is None


def test_overlays_repaint_on_change(qtbot: QtBot, canvas: CanvasView) -> None:
    page(canvas, qtbot)
    painted: list[QSizeF] = []

    class Guides(CanvasOverlay):
        def paint(self, painter: QPainter, to_widget: QTransform, size: QSizeF) -> None:
            painted.append(size)

    guides = Guides()
    canvas.add_overlay(guides)
    canvas.grab()
    assert painted and painted[-1] == QSizeF(1000, 1400)
    canvas.remove_overlay(guides)
    count = len(painted)
    canvas.grab()
    assert len(painted) == count
