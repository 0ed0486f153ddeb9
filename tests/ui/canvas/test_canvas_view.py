"""CanvasView: showing images, zoom and pan, compare modes, keys and mouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from canvas_art import write_image
from PIL import Image
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QNativeGestureEvent, QPointingDevice, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fluxdesk.ui.canvas import CanvasView, CompareMode, LoadedImage
from fluxdesk.ui.canvas.navigation import Navigator
from fluxdesk.ui.qimage import pil_to_qimage


def _gradient(size: tuple[int, int]) -> Image.Image:
    return Image.linear_gradient("L").resize(size)


def _show(canvas: CanvasView, size: tuple[int, int], key: str = "input") -> None:
    canvas.show_image(pil_to_qimage(_gradient(size)), key=key)


def _compare(canvas: CanvasView) -> None:
    """A ~1 MP result over 3x larger pencils, as after a generation."""
    canvas.set_reference(pil_to_qimage(_gradient((1500, 2000))))
    _show(canvas, (600, 800), key="job-1")


def _wheel(canvas: CanvasView, pos: QPointF, notches: float) -> None:
    event = QWheelEvent(
        pos,
        QPointF(canvas.mapToGlobal(pos.toPoint())),
        QPoint(),
        QPoint(0, round(120 * notches)),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas, event)


def test_identity_and_empty_state(canvas: CanvasView) -> None:
    assert canvas.objectName() == "canvas"
    assert not canvas.has_image() and canvas.current_key() is None
    canvas.set_empty_message("Demo mode", "Nothing is sent anywhere")
    assert canvas._empty == ("Demo mode", "Nothing is sent anywhere")
    assert not canvas.grab().isNull()


def test_show_path_shows_a_preview_then_sharp_tiles(
    qtbot: QtBot, canvas: CanvasView, tmp_path: Path
) -> None:
    path = write_image(tmp_path / "page.png", (3000, 2200))
    events: list[str] = []
    canvas.image_shown.connect(lambda key: events.append(f"shown {key}"))
    canvas.image_loaded.connect(lambda image: events.append("loaded"))
    with qtbot.waitSignal(canvas.image_loaded, timeout=20_000) as blocker:
        canvas.show_path(path)
    assert events == ["shown input", "loaded"]
    loaded = blocker.args[0]
    assert isinstance(loaded, LoadedImage) and loaded.path == path
    assert loaded.pil_image is not None and loaded.pil_image.size == (3000, 2200)
    assert canvas.current_key() == "input" and canvas.is_sharp()
    assert not canvas.grab().isNull()


def test_a_corrupt_file_gives_a_message_not_a_traceback(
    qtbot: QtBot, canvas: CanvasView, tmp_path: Path
) -> None:
    path = tmp_path / "scan.tif"
    path.write_bytes(b"definitely not a scan")
    with qtbot.waitSignal(canvas.load_failed, timeout=10_000) as blocker:
        canvas.show_path(path)
    assert "scan.tif" in blocker.args[0] and "Traceback" not in blocker.args[0]
    assert not canvas.has_image()
    assert not canvas.grab().isNull()


def test_a_failed_load_keeps_the_current_image(
    qtbot: QtBot, canvas: CanvasView, tmp_path: Path
) -> None:
    _show(canvas, (400, 300), key="job-7")
    with qtbot.waitSignal(canvas.load_failed, timeout=10_000):
        canvas.show_path(tmp_path / "missing.png")
    assert canvas.current_key() == "job-7"


def test_zoom_in_out_fit_and_actual_size(qtbot: QtBot, canvas: CanvasView) -> None:
    _show(canvas, (1600, 1200))
    fitted = canvas.zoom()
    assert fitted < 1.0
    with qtbot.waitSignal(canvas.zoom_changed, timeout=1000) as blocker:
        canvas.zoom_in()
    assert canvas.zoom() > fitted and blocker.args[0] == canvas.zoom()
    before = canvas.zoom()
    with qtbot.waitSignal(canvas.zoom_changed, timeout=1000):
        canvas.zoom_out()
    assert canvas.zoom() < before
    with qtbot.waitSignal(canvas.zoom_changed, timeout=1000):
        canvas.actual_size()
    assert canvas.zoom() == 1.0
    with qtbot.waitSignal(canvas.zoom_changed, timeout=1000):
        canvas.fit()
    assert canvas.zoom() == pytest.approx(fitted)


@pytest.mark.parametrize(
    ("key", "check"),
    [
        (Qt.Key.Key_Equal, lambda zoom, fitted: zoom > fitted),
        (Qt.Key.Key_Plus, lambda zoom, fitted: zoom > fitted),
        (Qt.Key.Key_Minus, lambda zoom, fitted: zoom < fitted),
        (Qt.Key.Key_1, lambda zoom, fitted: zoom == 1.0),
    ],
)
def test_keyboard_zoom(canvas: CanvasView, key: Qt.Key, check: object) -> None:
    _show(canvas, (1600, 1200))
    fitted = canvas.zoom()
    QTest.keyClick(canvas, key, Qt.KeyboardModifier.ControlModifier)
    assert check(canvas.zoom(), fitted)  # type: ignore[operator]
    QTest.keyClick(canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom() == pytest.approx(fitted)


def test_wheel_zooms_around_the_cursor(canvas: CanvasView) -> None:
    _show(canvas, (1600, 1200))
    cursor = QPointF(250, 180)
    pane = QRectF(canvas.rect())
    before = canvas._nav.to_page(cursor, pane)
    fitted = canvas.zoom()
    _wheel(canvas, cursor, 2)
    assert canvas.zoom() == pytest.approx(fitted * 2**0.5)
    after = canvas._nav.to_page(cursor, pane)
    assert after.x() == pytest.approx(before.x(), abs=2) and after.y() == pytest.approx(
        before.y(), abs=2
    )


def test_drag_pans(canvas: CanvasView) -> None:
    _show(canvas, (1600, 1200))
    canvas.actual_size()
    start = canvas.view_center()
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    QTest.mouseMove(canvas, QPoint(450, 330))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(450, 330))
    moved = canvas.view_center()
    assert moved.x() == pytest.approx(start.x() - 50) and moved.y() == pytest.approx(start.y() - 30)


def test_arrow_keys_pan(canvas: CanvasView) -> None:
    _show(canvas, (1600, 1200))
    canvas.actual_size()
    start = canvas.view_center()
    QTest.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.view_center().x() > start.x()


def test_reference_defines_the_page_and_the_result_is_registered(canvas: CanvasView) -> None:
    _compare(canvas)
    assert (canvas._nav.page.width(), canvas._nav.page.height()) == (1500, 2000)
    assert canvas.current_key() == "job-1"
    canvas.actual_size()
    assert canvas.zoom() == 1.0  # 100% means reference (pencil) pixels


@pytest.mark.parametrize("mode", [CompareMode.wipe, CompareMode.side_by_side, CompareMode.flip])
def test_compare_modes_keep_zoom_and_pan_locked(
    qtbot: QtBot, canvas: CanvasView, mode: CompareMode
) -> None:
    _compare(canvas)
    canvas.set_zoom(0.8, QPointF(300, 200))
    canvas.pan_by(QPointF(-40, 25))
    zoom, center = canvas.zoom(), canvas.view_center()
    with qtbot.waitSignal(canvas.compare_mode_changed, timeout=1000) as blocker:
        canvas.set_compare_mode(mode)
    assert blocker.args[0] == str(mode) and canvas.compare_mode() == mode
    assert canvas.zoom() == zoom and canvas.view_center() == center
    assert not canvas.grab().isNull()
    canvas.set_compare_mode("off")
    assert canvas.zoom() == zoom and canvas.view_center() == center


def test_side_by_side_panes_zoom_together(canvas: CanvasView) -> None:
    _compare(canvas)
    canvas.set_compare_mode(CompareMode.side_by_side)
    left, right = canvas._panes()
    assert left.width() == pytest.approx(right.width(), abs=1)
    before = canvas.zoom()
    _wheel(canvas, right.center(), 1)
    assert canvas.zoom() > before
    # Both panes show the same page point at their centres.
    for pane in (left, right):
        middle = canvas._nav.to_page(pane.center(), pane)
        assert middle.x() == pytest.approx(canvas.view_center().x(), abs=1)


def test_flip_shows_the_reference_while_the_key_is_held(canvas: CanvasView) -> None:
    _compare(canvas)
    QTest.keyPress(canvas, Qt.Key.Key_F)  # not in flip mode: nothing happens
    assert not canvas.is_showing_reference()
    QTest.keyRelease(canvas, Qt.Key.Key_F)
    canvas.set_compare_mode(CompareMode.flip)
    QTest.keyPress(canvas, Qt.Key.Key_F)
    assert canvas.is_showing_reference()
    assert not canvas.grab().isNull()
    # Auto-repeat sends release/press pairs while the key stays down: they change nothing.
    repeat = QKeyEvent(
        QEvent.Type.KeyRelease, Qt.Key.Key_F, Qt.KeyboardModifier.NoModifier, "f", True
    )
    QApplication.sendEvent(canvas, repeat)
    assert canvas.is_showing_reference()
    QTest.keyRelease(canvas, Qt.Key.Key_F)
    assert not canvas.is_showing_reference()
    QTest.keyPress(canvas, Qt.Key.Key_QuoteLeft)
    assert canvas.is_showing_reference()
    QApplication.sendEvent(canvas, QFocusEvent(QEvent.Type.FocusOut))
    assert not canvas.is_showing_reference()  # a release lost to another window


def test_wipe_divider_follows_the_mouse(canvas: CanvasView) -> None:
    _compare(canvas)
    canvas.set_compare_mode(CompareMode.wipe)
    assert canvas.wipe_position() == 0.5
    middle = QPoint(canvas.width() // 2, canvas.height() // 2)
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=middle)
    QTest.mouseMove(canvas, QPoint(canvas.width() * 3 // 4, 100))
    assert canvas.wipe_position() == pytest.approx(0.75, abs=0.01)
    assert not canvas.grab().isNull()
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(canvas.width() * 3 // 4, 100))
    # Dragging away from the divider pans and leaves the divider alone.
    center = canvas.view_center()
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    QTest.mouseMove(canvas, QPoint(140, 100))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(140, 100))
    assert canvas.wipe_position() == pytest.approx(0.75, abs=0.01)
    assert canvas.view_center() != center


def test_switching_variants_keeps_the_view_but_a_new_page_refits(canvas: CanvasView) -> None:
    _compare(canvas)
    canvas.set_zoom(1.5, QPointF(100, 100))
    zoom, center = canvas.zoom(), canvas.view_center()
    _show(canvas, (600, 800), key="job-2")  # another variant of the same page
    assert (canvas.zoom(), canvas.view_center()) == (zoom, center)
    canvas.set_reference(None)
    _show(canvas, (3000, 1000), key="other page")
    assert canvas.zoom() != zoom


def test_clear_returns_to_the_empty_state(canvas: CanvasView) -> None:
    _compare(canvas)
    canvas.clear()
    assert not canvas.has_image() and canvas.current_key() is None
    assert not canvas.grab().isNull()


def test_hidpi_100_percent_is_one_image_pixel_per_device_pixel() -> None:
    nav = Navigator()
    nav.page = QSizeF(1000, 800)
    nav.dpr = 2.0
    nav.zoom = 1.0
    pane = QRectF(0, 0, 401, 300)
    transform = nav.to_widget(pane)
    assert transform.m11() == 0.5  # logical px per image px
    assert (transform.dx() * 2).is_integer()  # snapped to device pixels: crisp at 100%


def test_pinch_zooms_at_the_fingers(canvas: CanvasView) -> None:
    _show(canvas, (1600, 1200))
    fitted = canvas.zoom()
    where = QPointF(300, 200)
    pinch = QNativeGestureEvent(
        Qt.NativeGestureType.ZoomNativeGesture,
        QPointingDevice.primaryPointingDevice(),
        2,
        where,
        where,
        QPointF(canvas.mapToGlobal(where.toPoint())),
        0.5,
        QPointF(),
        0,
    )
    QApplication.sendEvent(canvas, pinch)
    assert canvas.zoom() == pytest.approx(fitted * 1.5)


def test_trackpad_scrolling_pans_instead_of_zooming(canvas: CanvasView) -> None:
    _show(canvas, (1600, 1200))
    canvas.actual_size()
    center = canvas.view_center()
    pos = QPointF(200, 200)
    scroll = QWheelEvent(
        pos,
        QPointF(canvas.mapToGlobal(pos.toPoint())),
        QPoint(0, -40),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.ScrollUpdate,
        False,
    )
    QApplication.sendEvent(canvas, scroll)
    assert canvas.zoom() == 1.0
    assert canvas.view_center().y() == pytest.approx(center.y() + 40)


def test_show_image_accepts_a_loaded_image(
    qtbot: QtBot, canvas: CanvasView, tmp_path: Path
) -> None:
    path = write_image(tmp_path / "page.png", (900, 700))
    with qtbot.waitSignal(canvas.image_loaded, timeout=20_000) as blocker:
        canvas.show_path(path)
    loaded = blocker.args[0]
    canvas.set_reference(loaded)  # the same pyramid, no second decode
    with qtbot.waitSignal(canvas.image_shown, timeout=1000) as shown:
        canvas.show_image(loaded, key="again")
    assert shown.args == ["again"] and canvas.is_sharp()


def test_a_newer_show_path_wins(qtbot: QtBot, canvas: CanvasView, tmp_path: Path) -> None:
    first = write_image(tmp_path / "first.png", (2600, 2000))
    second = write_image(tmp_path / "second.png", (500, 400))
    loaded: list[Path | None] = []
    canvas.image_loaded.connect(lambda image: loaded.append(image.path))
    with qtbot.waitSignal(canvas.image_loaded, timeout=20_000):
        canvas.show_path(first, key="first")
        canvas.show_path(second, key="second")
    assert canvas.shutdown(10_000)
    QApplication.processEvents()  # anything the first load queued is delivered, and dropped
    assert loaded == [second] and canvas.current_key() == "second"
