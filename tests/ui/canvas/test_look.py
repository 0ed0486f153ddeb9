"""The tools' outline: dashed for a selection, solid for panel frames."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath

from fluxdesk.ui.canvas.tools import look


@pytest.mark.parametrize(("dashed", "light_gaps"), [(True, True), (False, False)])
def test_two_tone_is_dashed_only_when_asked(qapp, dashed: bool, light_gaps: bool) -> None:
    image = QImage(60, 10, QImage.Format.Format_RGB32)
    image.fill(QColor(128, 128, 128))
    painter = QPainter(image)
    path = QPainterPath()
    path.moveTo(0, 5)
    path.lineTo(60, 5)
    look.two_tone(painter, path, dashed=dashed)
    painter.end()
    light = [x for x in range(5, 55) if QColor(image.pixel(x, 5)).lightness() > 200]
    assert bool(light) is light_gaps  # the white line shows between the dark dashes
