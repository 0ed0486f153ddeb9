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


def test_a_drag_computes_only_what_it_can_show(
    qtbot: QtBot, engine: PreviewEngine, loaded: LoadedSubject
) -> None:
    shown: list[PreviewFrame] = []
    engine.frame_ready.connect(shown.append)
    state = PrintState()
    # A drag faster than the worker: the first value starts at once, each later one replaces
    # the one waiting, so only the first and the last are ever computed.
    thresholds = range(60, 200, 10)
    ids = [engine.request(loaded, state.with_finish(threshold=t), 1024, False) for t in thresholds]
    qtbot.waitUntil(lambda: not engine.is_busy(), timeout=10_000)
    assert [frame.request_id for frame in shown] == [ids[0], ids[-1]]
    assert shown[-1].state.finish.threshold == 190
    assert engine.skipped == len(ids) - 2 and engine.dropped == 0


def test_clear_drops_what_is_running(
    qtbot: QtBot, engine: PreviewEngine, loaded: LoadedSubject
) -> None:
    shown: list[PreviewFrame] = []
    engine.frame_ready.connect(shown.append)
    engine.request(loaded, PrintState(), 1024, True)
    engine.clear()  # the canvas moved on to another image while it ran
    qtbot.waitUntil(lambda: not engine.is_busy(), timeout=10_000)
    assert shown == [] and engine.dropped == 1
    newer = engine.request(loaded, PrintState(), 1024, False)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown[0].request_id == newer
