"""One Ctrl+Z for the window: it takes back what the artist is working on (the mask while
painting, the History's Trash while in the History), and no two actions share a key where
both could fire (Qt then fires neither)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from PIL import Image
from print_helpers import generate_results
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from fluxdesk.ui.app import Built
from fluxdesk.ui.canvas.tools.brush import Brush

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def _scopes(action: QAction) -> list[QWidget] | None:
    """The widgets where `action`'s shortcut can fire (None: anywhere in the window)."""
    if action.shortcutContext() in (
        Qt.ShortcutContext.WindowShortcut,
        Qt.ShortcutContext.ApplicationShortcut,
    ):
        return None
    return [o for o in action.associatedObjects() if isinstance(o, QWidget)]


def _overlap(a: list[QWidget] | None, b: list[QWidget] | None) -> bool:
    if a is None or b is None:
        return True
    return any(x is y or x.isAncestorOf(y) or y.isAncestorOf(x) for x in a for y in b)


def test_no_key_is_shared_by_two_actions_that_can_fire_together(quick_studio: Built) -> None:
    by_key: dict[str, list[QAction]] = defaultdict(list)
    for action in quick_studio.window.findChildren(QAction):
        for sequence in action.shortcuts():
            if not sequence.isEmpty():
                by_key[sequence.toString()].append(action)
    clashes = [
        (key, first.text(), second.text())
        for key, actions in by_key.items()
        for i, first in enumerate(actions)
        for second in actions[i + 1 :]
        if _overlap(_scopes(first), _scopes(second))
    ]
    assert clashes == []


def test_ctrl_z_takes_back_a_mask_stroke_then_a_deletion_in_the_history(
    qtbot: QtBot, quick_studio: Built, tmp_path: Path, drag
) -> None:
    window = quick_studio.window
    pencils = tmp_path / "pencils.png"
    Image.new("L", (900, 1200), 235).save(pencils)
    [job_id] = generate_results(qtbot, quick_studio, pencils, 1)
    qtbot.waitUntil(window.canvas.is_sharp, timeout=10_000)

    # Painting: the Edit menu names the stroke; Ctrl+Z on the canvas takes it back.
    tools = window.edit_tools.tools
    tools.set_tool("brush")
    tools.brush.set_brush(Brush(60))
    drag(window.canvas, [(200, 300), (500, 600)])
    layer = tools.mask.layer()
    assert layer is not None and not layer.is_empty()
    assert window.undo.undo_action.text() == "&Undo Paint"
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, CTRL)
    assert layer.is_empty()
    target = tools.edit_target()
    assert target is not None and target.mask_box is None  # the prompt panel heard
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, CTRL_SHIFT)
    assert not layer.is_empty()

    # The entry deleted in the History comes back with Ctrl+Z there, and goes again with
    # Ctrl+Shift+Z; the mask is untouched by either.
    dock = window.history_dock
    store = quick_studio.parts.generation.store
    dock.select_job(job_id)
    dock.view.setFocus()
    dock.actions_.delete.trigger()
    trash = quick_studio.parts.history_edits.undo_stack
    qtbot.waitUntil(trash.canUndo, timeout=5000)
    assert window.undo.undo_action.text() == "&Undo Move to Trash"
    qtbot.keyClick(dock.view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: store.get_job(job_id).deleted_at is None, timeout=5000)
    qtbot.keyClick(dock.view, Qt.Key.Key_Z, CTRL_SHIFT)
    qtbot.waitUntil(lambda: store.get_job(job_id).deleted_at is not None, timeout=5000)
    assert not layer.is_empty()

    # Back to the brush (showing a result picked the Navigate tool), Undo is the mask's again.
    tools.set_tool("brush")
    assert window.undo.undo_action.text() == "&Undo Paint"
