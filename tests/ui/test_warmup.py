"""The heavy libraries are loaded off the GUI thread after the start, and a missing one is only
logged (the feature that needs it reports it when used)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from fluxdesk.ui import warmup


def test_the_libraries_load_on_another_thread_and_a_missing_one_is_logged(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    loaded: list[tuple[str, bool]] = []

    def import_module(name: str) -> None:
        loaded.append((name, threading.current_thread() is threading.main_thread()))
        if name == "missing":
            raise ImportError(name)

    monkeypatch.setattr(warmup.importlib, "import_module", import_module)
    monkeypatch.setattr(warmup, "MODULES", ("missing", "cv2"))
    monkeypatch.setattr(warmup, "DELAY_MS", 0)
    owner = QObject()  # as the window owns it in the app, the test keeps it
    warmup.Warmup(owner).start()
    qtbot.waitUntil(lambda: len(loaded) == 2, timeout=5000)
    assert loaded == [("missing", False), ("cv2", False)]
    assert "could not preload missing" in caplog.text
