"""The real main window, wired by ui/app.py, against the emulator on loopback."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from fluxdesk.core.jobs import PollPolicy
from fluxdesk.core.paths import AppPaths
from fluxdesk.emulator import EmulatorServer, start_emulator
from fluxdesk.ui.app import Built, build_window
from fluxdesk.ui.controllers.account import Connection

KEY = "bfl_window_test_key"
# Quick polls, so jobs follow the emulator's clock closely without busy-looping.
FAST_POLLS = PollPolicy(first_delay=0.01, min_interval=0.01, max_interval=0.03, growth=1.2)


@pytest.fixture
def slow_emulator() -> Iterator[EmulatorServer]:
    """Jobs stay Pending until the test moves the emulator's clock (advance_clock)."""
    server = start_emulator(latency=100.0, min_polls=1)
    yield server
    server.stop()


@pytest.fixture
def pencils_file(tmp_path: Path) -> Path:
    image = Image.new("L", (1200, 1700), 236)
    draw = ImageDraw.Draw(image)
    draw.rectangle((50, 50, 1150, 1650), outline=110, width=6)
    for n in range(6):
        draw.ellipse(
            (200 + n * 60, 300 + n * 150, 600 + n * 60, 600 + n * 150), outline=90, width=3
        )
    path = tmp_path / "page-01.png"
    image.save(path)
    return path


def _studio(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, server: EmulatorServer
) -> Iterator[Built]:
    monkeypatch.setenv("BFL_API_KEY", KEY)
    built = build_window(
        AppPaths.under(tmp_path / "studio"), api_url=server.base_url, poll_policy=FAST_POLLS
    )
    # Not qtbot.addWidget: pytest-qt would close it before this fixture's teardown, and a
    # window with running jobs asks before closing (a modal question nobody would answer).
    built.window.resize(1440, 900)
    built.window.show()
    qtbot.waitExposed(built.window)
    with qtbot.waitSignal(built.parts.account.connection_changed, timeout=5000):
        built.start()
    connection: Connection | None = built.parts.account.connection()
    assert connection is not None and not connection.demo
    yield built
    built.window.skip_close_question()
    built.window.close()
    assert built.shutdown(5000), "a worker thread outlived its test"
    # The window and its parts hold reference cycles. Free them now, on the GUI thread: left
    # to the garbage collector they may be freed on a worker thread of a later test, and Qt
    # widgets deleted off the GUI thread crash the process.
    built.window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del built
    gc.collect()


@pytest.fixture
def studio(qtbot, monkeypatch, tmp_path, slow_emulator) -> Iterator[Built]:
    yield from _studio(qtbot, monkeypatch, tmp_path, slow_emulator)


@pytest.fixture
def quick_studio(qtbot, monkeypatch, tmp_path, emulator) -> Iterator[Built]:
    """Against the shared `emulator` fixture: jobs finish after two polls."""
    yield from _studio(qtbot, monkeypatch, tmp_path, emulator)


@pytest.fixture
def open_window(qtbot, monkeypatch) -> Iterator[Callable[[AppPaths, EmulatorServer], Built]]:
    """Opens windows on any data folder (several may share one); all closed at teardown."""
    monkeypatch.setenv("BFL_API_KEY", KEY)
    opened: list[Built] = []

    def open_(paths: AppPaths, server: EmulatorServer) -> Built:
        built = build_window(paths, api_url=server.base_url, poll_policy=FAST_POLLS)
        built.window.resize(1440, 900)
        built.window.show()
        qtbot.waitExposed(built.window)
        with qtbot.waitSignal(built.parts.account.connection_changed, timeout=5000):
            built.start()
        opened.append(built)
        return built

    yield open_
    for built in reversed(opened):
        close_window(built)


def close_window(built: Built) -> None:
    """Closes without asking (running jobs resume on the next start); idempotent."""
    if built.window.isVisible():
        built.window.skip_close_question()
        built.window.close()
    assert built.shutdown(5000), "a worker thread outlived its window"
