"""Images handed over by the system: as arguments, or as macOS FileOpen events."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFileOpenEvent
from pytestqt.qtbot import QtBot

from fluxdesk.ui.app import build_app_parser
from fluxdesk.ui.file_open import FileOpenWatcher


def test_a_file_open_event_asks_to_open_that_image(qtbot: QtBot, tmp_path: Path) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    watcher = FileOpenWatcher()
    app.installEventFilter(watcher)
    try:
        pencils = tmp_path / "page 1.png"
        with qtbot.waitSignal(watcher.images_opened) as blocker:
            QCoreApplication.sendEvent(app, QFileOpenEvent(str(pencils)))
        assert blocker.args == [[pencils]]
    finally:
        app.removeEventFilter(watcher)


def test_images_on_the_command_line_are_opened() -> None:
    args = build_app_parser().parse_args(["--demo", "p1.png", "p2.tif"])
    assert args.images == [Path("p1.png"), Path("p2.tif")]
    assert build_app_parser().parse_args(["--self-test"]).images == []
