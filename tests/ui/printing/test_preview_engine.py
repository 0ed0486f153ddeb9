"""The finishing preview's latest-wins scheduling, without a window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PIL import Image, ImageDraw
from pytestqt.qtbot import QtBot

from fluxdesk.ui.printing.preview import PreviewEngine, PreviewFrame
from fluxdesk.ui.printing.state import PrintState
from fluxdesk.ui.printing.work import LoadedSubject, Subject


@pytest.fixture
def engine(qtbot: QtBot) -> Iterator[PreviewEngine]:
    engine = PreviewEngine()
    yield engine
    assert engine.shutdown(5000), "a preview thread outlived its test"


@pytest.fixture
def loaded() -> LoadedSubject:
    image = Image.new("L", (700, 1000), 255)
    ImageDraw.Draw(image).ellipse((100, 100, 600, 900), outline=40, width=6)
    return LoadedSubject(Subject("input", "page", image=image), image, image, None)


def test_only_the_latest_request_is_shown(
    qtbot: QtBot, engine: PreviewEngine, loaded: LoadedSubject
) -> None:
    shown: list[PreviewFrame] = []
    engine.frame_ready.connect(shown.append)
    state = PrintState()
    # A drag: many values in one go. The first starts at once, the rest replace each other.
    ids = [
        engine.request(loaded, state.with_finish(threshold=t), 1024, False)
        for t in range(60, 200, 10)
    ]
    qtbot.waitUntil(lambda: not engine.is_busy(), timeout=10_000)
    assert [frame.request_id for frame in shown] == [ids[-1]]
    assert shown[0].state.finish.threshold == 190
    assert engine.dropped == 1  # the first, overtaken while it ran; the middle ones never ran


def test_clear_drops_what_is_running(
    qtbot: QtBot, engine: PreviewEngine, loaded: LoadedSubject
) -> None:
    shown: list[PreviewFrame] = []
    engine.frame_ready.connect(shown.append)
    engine.request(loaded, PrintState(), 1024, True)
    engine.clear()  # the canvas moved on to another image
    qtbot.waitUntil(lambda: not engine.is_busy(), timeout=10_000)
    assert shown == [] and engine.dropped == 1
