"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every void Qt call and aborts
(none_dealloc) after a few thousand. The pin in pyproject.toml avoids it; this test proves the
installed build is clean."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(10_000):
        label.setText(str(n))  # returns nothing
        label.findChild(QWidget, "absent")  # finds nothing: returns None
    after = sys.getrefcount(None)
    assert after >= before - 100, f"None lost {before - after} references"
