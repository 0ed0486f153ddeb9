"""Window geometry and dock layout: the only place FluxDesk uses QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

_VERSION = 1  # bump when docks change so an old layout is not restored onto a new window


class WindowState:
    def __init__(self, config_dir: Path) -> None:
        # An INI file in FluxDesk's own config folder, not the registry: isolated per data dir.
        self._settings = QSettings(str(config_dir / "window.ini"), QSettings.Format.IniFormat)

    def restore(self, window: QMainWindow) -> bool:
        geometry = self._settings.value("geometry")
        state = self._settings.value("state")
        restored = False
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            restored = window.restoreGeometry(geometry)
        if isinstance(state, QByteArray) and not state.isEmpty():
            window.restoreState(state, _VERSION)
        return restored

    def save(self, window: QMainWindow) -> None:
        self._settings.setValue("geometry", window.saveGeometry())
        self._settings.setValue("state", window.saveState(_VERSION))
        self._settings.sync()
