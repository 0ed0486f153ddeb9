"""Images handed to FluxDesk by the system: "Open With" on macOS arrives as a FileOpen event
(not as arguments), so the application's events are watched for it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFileOpenEvent


class FileOpenWatcher(QObject):
    images_opened = Signal(list)  # list[Path]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            if event.file():
                self.images_opened.emit([Path(event.file())])
            return True
        return super().eventFilter(watched, event)
