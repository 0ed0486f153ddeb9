"""Dropping files and folders on the canvas."""

from __future__ import annotations

from pathlib import Path

from canvas_art import write_image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fluxdesk.ui.canvas import CanvasView, expand_dropped
from fluxdesk.ui.canvas.drop import natural_key


def _pages(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        write_image(folder / name, (8, 8))


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def test_folder_expands_to_images_in_natural_order(tmp_path: Path) -> None:
    chapter = tmp_path / "chapter 1"
    _pages(chapter, ["page10.png", "page2.png", "Page1.PNG", "page3.tif", ".page0.png"])
    (chapter / "notes.txt").write_text("not an image")
    _pages(chapter / "extras", ["cover.png"])  # sub-folders are not opened
    assert [path.name for path in expand_dropped([chapter])] == [
        "Page1.PNG",
        "page2.png",
        "page3.tif",
        "page10.png",
    ]


def test_files_keep_their_order_and_folders_expand_in_place(tmp_path: Path) -> None:
    _pages(tmp_path / "pages", ["b.png", "a.png"])
    write_image(tmp_path / "cover.jpg", (8, 8))
    (tmp_path / "readme.md").write_text("hi")
    dropped = [tmp_path / "cover.jpg", tmp_path / "readme.md", tmp_path / "pages"]
    names = [path.name for path in expand_dropped([*dropped, tmp_path / "cover.jpg"])]
    assert names == ["cover.jpg", "a.png", "b.png"]


def test_natural_key_orders_numbers_by_value() -> None:
    names = ["p10.png", "p9.png", "p1a.png", "p1.png", "10.png"]
    ordered = sorted((Path(name) for name in names), key=natural_key)
    assert [path.name for path in ordered] == ["10.png", "p1.png", "p1a.png", "p9.png", "p10.png"]


def test_drop_on_canvas_emits_files_with_highlight_while_dragging(
    qtbot: QtBot, canvas: CanvasView, tmp_path: Path
) -> None:
    _pages(tmp_path / "ch", ["p2.png", "p10.png", "p1.png"])
    mime = _mime(tmp_path / "ch")
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        QPoint(100, 100), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(canvas, enter)
    assert enter.isAccepted()
    assert canvas._drop_hover
    canvas.grab()  # paints the highlight without errors
    drop = QDropEvent(
        QPointF(100, 100), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    with qtbot.waitSignal(canvas.files_dropped, timeout=1000) as blocker:
        QApplication.sendEvent(canvas, drop)
    assert [path.name for path in blocker.args[0]] == ["p1.png", "p2.png", "p10.png"]
    assert not canvas._drop_hover


def test_drag_of_non_images_is_refused(canvas: CanvasView, tmp_path: Path) -> None:
    text = tmp_path / "script.txt"
    text.write_text("words")
    mime = _mime(text)  # the event doesn't own it: keep it alive
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(canvas, enter)
    assert not enter.isAccepted()
    assert not canvas._drop_hover


def test_drag_leave_clears_the_highlight(canvas: CanvasView, tmp_path: Path) -> None:
    mime = _mime(write_image(tmp_path / "p.png", (8, 8)))
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(canvas, enter)
    assert canvas._drop_hover
    QApplication.sendEvent(canvas, QDragLeaveEvent())
    assert not canvas._drop_hover


def test_dropping_an_empty_folder_explains_why_nothing_opened(
    qtbot: QtBot, canvas: CanvasView, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    mime = _mime(empty)
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(canvas, enter)
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(canvas.load_failed, timeout=1000) as blocker:
        QApplication.sendEvent(canvas, drop)
    assert "No images" in blocker.args[0]
