"""Fixtures for the prompt panel tests: a shown panel at dock width, and small test images."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from fluxdesk.ui.prompt_panel import PromptPanel

DOCK_WIDTH = 340


@pytest.fixture
def panel(qtbot: QtBot) -> Iterator[PromptPanel]:
    widget = PromptPanel()
    qtbot.addWidget(widget)
    widget.resize(DOCK_WIDTH, 900)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    assert widget.shutdown(5000), "a thumbnail thread outlived its test"


@pytest.fixture(scope="session")
def images(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Eight reference pictures, 2048×1536 (3 MP) each. Read only."""
    folder = tmp_path_factory.mktemp("references")
    paths = []
    for index in range(8):
        path = folder / f"ref{index}.png"
        Image.new("RGB", (2048, 1536), (30 * index, 90, 160)).save(path, compress_level=1)
        paths.append(path)
    return paths
