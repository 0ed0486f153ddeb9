"""Reference thumbnails, decoded with Pillow on the loader's own thread pool.

Only `QImage` is made off the GUI thread (it is thread-safe); the widget turns it into a pixmap
after the result arrives on the GUI thread through a bound `@Slot`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage

from fluxdesk.core.errors import FluxError
from fluxdesk.core.imaging.load import load_image
from fluxdesk.ui.i18n import core_text, translate

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Thumbnail:
    path: Path
    image: QImage | None  # None when the file could not be read
    size: tuple[int, int] | None  # the full image's upright size
    error: str | None = None


def decode_thumbnail(path: Path, max_side: int) -> Thumbnail:
    """Blocking; call from a worker thread. Never raises."""
    try:
        picture = load_image(path)  # upright, L or RGB, with the core's size limits
        size = picture.size
        picture.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        if picture.mode == "L":
            fmt, line = QImage.Format.Format_Grayscale8, picture.width
        else:
            picture = picture.convert("RGB")
            fmt, line = QImage.Format.Format_RGB888, picture.width * 3
        data = picture.tobytes()
        image = QImage(data, picture.width, picture.height, line, fmt).copy()  # own the bytes
        return Thumbnail(path, image, size)
    except FluxError as error:
        return Thumbnail(path, None, None, core_text(error.user_message))
    except Exception as error:  # a bug must still end as a visible failure, not a silent one
        log.exception("thumbnail of %s failed", path)
        text = translate("ReferenceStrip", "'{name}' could not be read ({reason}).")
        return Thumbnail(path, None, None, text.format(name=path.name, reason=error))


class _Relay(QObject):
    done = Signal(object)  # Thumbnail


class _ThumbnailJob(QRunnable):
    def __init__(self, path: Path, max_side: int, relay: _Relay) -> None:
        super().__init__()
        self._path = path
        self._max_side = max_side
        self._relay = relay

    def run(self) -> None:  # pool thread: no widgets, no QPixmap
        self._relay.done.emit(decode_thumbnail(self._path, self._max_side))


class ThumbnailLoader(QObject):
    """`loaded(Thumbnail)` arrives on the GUI thread. Call `shutdown()` before discarding."""

    loaded = Signal(object)

    def __init__(self, max_side: int = 160, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._max_side = max_side
        self._pool = QThreadPool(self)  # own pool (not the global one): drains cleanly
        self._pool.setMaxThreadCount(2)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_relay_done)  # queued: we live on the GUI thread
        self._pending = 0

    def request(self, path: Path) -> None:
        self._pending += 1
        self._pool.start(_ThumbnailJob(path, self._max_side, self._relay))

    def pending(self) -> int:
        return self._pending

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        self._pool.clear()  # jobs not started yet are dropped
        return self._pool.waitForDone(timeout_ms)

    @Slot(object)
    def _on_relay_done(self, thumbnail: Thumbnail) -> None:
        self._pending = max(0, self._pending - 1)
        self.loaded.emit(thumbnail)
