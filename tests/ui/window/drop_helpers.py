"""Dropping files on the real window, and what came of each drop (shared by window tests)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from fluxdesk.ui.app import Built

NOTHING_TO_OPEN = "No images were found"  # a drop of no image file at all


def drop(built: Built, path: Path) -> bool:
    """A real drag and drop of one file onto the canvas; False if the drag was refused (the
    pointer says so: a file without an image's name is not taken)."""
    canvas = built.window.canvas
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    centre = QPointF(canvas.width() / 2, canvas.height() / 2)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(centre.toPoint(), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(canvas, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(
        canvas, QDropEvent(centre, Qt.DropAction.CopyAction, mime, buttons, keys)
    )
    return True


class Outcome:
    """What the window did with one drop: the canvas showed it or said why not, and the input
    was staged for sending (`input_staged` with the image) or refused (with None)."""

    def __init__(self, built: Built) -> None:
        self.staged: list[object] = []
        self.told: list[str] = []  # every message, canvas and staging
        self.canvas_done = False
        parts, window = built.parts, built.window
        self._connections = [
            (parts.generation.input_staged, self.staged.append),
            (parts.generation.message, self.told.append),
            (window.canvas_control.message, self.told.append),
            (window.canvas.image_loaded, self.on_canvas),
            (window.canvas.load_failed, self.on_canvas),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)

    def on_canvas(self, *_: object) -> None:
        self.canvas_done = True

    @property
    def nothing_to_open(self) -> bool:
        return any(NOTHING_TO_OPEN in text for text in self.told)

    @property
    def opened(self) -> bool:
        return bool(self.staged) and self.staged[-1] is not None

    def settled(self) -> bool:
        if self.nothing_to_open:
            return True  # no image file at all: nothing was loaded or staged
        return self.canvas_done and bool(self.staged)

    def close(self) -> None:
        for signal, slot in self._connections:
            signal.disconnect(slot)
