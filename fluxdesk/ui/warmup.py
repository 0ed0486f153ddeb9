"""Loads the heavy image libraries in the background once the window is up.

The app starts without OpenCV, SciPy and psd-tools (about 0.4 s); the features that use them
import them on first use, mostly on worker threads. One use is on the GUI thread (merging
panels), so they are loaded off it a few seconds after the start, before an artist gets there.
"""

from __future__ import annotations

import importlib
import logging
import threading

from PySide6.QtCore import QObject, QTimer, Slot

log = logging.getLogger(__name__)

MODULES = ("cv2", "scipy.ndimage", "psd_tools")
DELAY_MS = 3000  # after the first screen, not competing with it


class Warmup(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        self._timer.start()

    @Slot()
    def _on_timer_timeout(self) -> None:
        threading.Thread(target=_load, name="fluxdesk-warmup", daemon=True).start()


def _load() -> None:
    for name in MODULES:
        try:
            importlib.import_module(name)
        except ImportError:  # the feature that needs it says so when it is used
            log.warning("could not preload %s", name, exc_info=True)
