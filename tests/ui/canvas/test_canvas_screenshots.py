"""Screenshots for people to look at (not compared in CI): wipe, side by side, flip, empty."""

from __future__ import annotations

import os
from pathlib import Path

from canvas_art import inks, pencils
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fluxdesk.ui.canvas import CanvasView, CompareMode
from fluxdesk.ui.qimage import pil_to_qimage

SHOTS = Path(os.environ.get("FLUXDESK_SCREENSHOTS", "/tmp"))


def _save(qtbot: QtBot, canvas: CanvasView, name: str) -> None:
    qtbot.waitUntil(canvas.is_sharp, timeout=20_000)
    QApplication.processEvents()
    pixmap = canvas.grab()
    assert not pixmap.isNull()
    assert pixmap.save(str(SHOTS / f"canvas_{name}.png"))


def _page(qtbot: QtBot, canvas: CanvasView) -> None:
    canvas.resize(1280, 820)
    canvas.set_reference(pil_to_qimage(pencils(2400)))  # a "scan" 3x the result's size
    canvas.show_image(pil_to_qimage(inks(760)), key="job-1")
    qtbot.waitUntil(canvas.is_sharp, timeout=20_000)


def test_screenshot_wipe(qtbot: QtBot, canvas: CanvasView) -> None:
    _page(qtbot, canvas)
    canvas.set_compare_mode(CompareMode.wipe)
    canvas.set_zoom(0.5)
    scale = canvas.zoom() / canvas.devicePixelRatioF()
    # The top panel (a face) fills the view; the divider runs through the face.
    target = QPointF(1200, 744)
    canvas.pan_by((canvas.view_center() - target) * scale)
    canvas.set_wipe_position((640 + (1344 - 1200) * scale) / 1280)
    _save(qtbot, canvas, "wipe")


def test_screenshot_side_by_side_and_flip(qtbot: QtBot, canvas: CanvasView) -> None:
    _page(qtbot, canvas)
    canvas.set_compare_mode(CompareMode.side_by_side)
    canvas.fit()
    _save(qtbot, canvas, "side_by_side")
    canvas.set_compare_mode(CompareMode.flip)
    canvas.set_zoom(1.0, QPointF(860, 160))
    _save(qtbot, canvas, "flip_zoomed")


def test_screenshot_empty_dark_and_light(qtbot: QtBot, canvas: CanvasView) -> None:
    canvas.resize(1000, 640)
    canvas.setPalette(QPalette(QColor("#2b2b2e")))
    _save(qtbot, canvas, "empty_dark")
    canvas.setPalette(QPalette(QColor("#f0f0f0")))
    _save(qtbot, canvas, "empty_light")
