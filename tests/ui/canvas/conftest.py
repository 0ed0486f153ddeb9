"""Fixtures for canvas tests: every loader pool is drained before the test ends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from fluxdesk.ui.canvas import CanvasView, ImageLoader


@pytest.fixture
def loader(qtbot: QtBot) -> Iterator[ImageLoader]:
    loader = ImageLoader()
    yield loader
    assert loader.shutdown(10_000), "a loader thread outlived its test"


@pytest.fixture
def canvas(qtbot: QtBot) -> Iterator[CanvasView]:
    view = CanvasView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    yield view
    assert view.shutdown(10_000), "a canvas loader thread outlived its test"
