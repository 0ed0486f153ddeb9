"""Mouse, keyboard, gesture and drag-and-drop handling for CanvasView (a mixin, GUI thread).

Kept apart from view.py so each file reads on its own; it relies on CanvasView's `_nav`,
`_panes`, `set_zoom` and friends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import (
    QCursor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGestureEvent, QPinchGesture

from fluxdesk.ui.canvas import drop
from fluxdesk.ui.canvas.layers import CompareMode

if TYPE_CHECKING:
    from fluxdesk.ui.canvas.view import CanvasView

    _Base = CanvasView
else:
    _Base = object

FLIP_KEYS = (Qt.Key.Key_F, Qt.Key.Key_QuoteLeft)
DIVIDER_GRAB = 9.0  # px either side of the wipe line that grab it
KNOB_GRAB = 20.0
WHEEL_NOTCH_FACTOR = 2**0.25  # one mouse-wheel notch (120 units) zooms by ~19%

_ZOOM_IN_KEYS = (Qt.Key.Key_Equal, Qt.Key.Key_Plus)
_ZOOM_OUT_KEYS = (Qt.Key.Key_Minus, Qt.Key.Key_Underscore)
_ARROWS = {
    Qt.Key.Key_Left: QPointF(1, 0),
    Qt.Key.Key_Right: QPointF(-1, 0),
    Qt.Key.Key_Up: QPointF(0, 1),
    Qt.Key.Key_Down: QPointF(0, -1),
}


class InteractionMixin(_Base):
    def _init_interaction(self) -> None:
        self._drag_mode: str | None = None  # "pan" or "wipe" while a button is down
        self._last_pos = QPointF()
        self._space_held = False

    # --- mouse ------------------------------------------------------------------------------

    def _near_divider(self, pos: QPointF) -> bool:
        if self._effective_mode() != CompareMode.wipe:
            return False
        x = self._wipe * self.width()
        knob = QPointF(x, self.height() / 2) - pos
        return abs(pos.x() - x) <= DIVIDER_GRAB or knob.manhattanLength() <= KNOB_GRAB

    def _update_cursor(self, pos: QPointF) -> None:
        if self._drag_mode == "pan":
            shape = Qt.CursorShape.ClosedHandCursor
        elif self._drag_mode == "wipe" or self._near_divider(pos):
            shape = Qt.CursorShape.SplitHCursor
        elif self._space_held and self._nav.has_page():
            shape = Qt.CursorShape.OpenHandCursor
        elif self._tool is not None and self._nav.has_page():
            shape = self._tool.cursor()
        else:
            shape = Qt.CursorShape.ArrowCursor
        if self.cursor().shape() != shape:
            self.setCursor(QCursor(shape))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        button = event.button()
        if button == Qt.MouseButton.LeftButton and self._near_divider(pos):
            self._drag_mode = "wipe"
            self.set_wipe_position(pos.x() / max(1, self.width()))
        elif (
            button == Qt.MouseButton.LeftButton
            and self._tool is not None
            and not self._space_held
            and self._nav.has_page()
            and self._tool.press(self.map_to_page(pos), event)
        ):
            self._drag_mode = "tool"
        elif button in (Qt.MouseButton.LeftButton, Qt.MouseButton.MiddleButton):
            self._drag_mode = "pan" if self._nav.has_page() else None
        else:
            super().mousePressEvent(event)
            return
        self._last_pos = pos
        self._update_cursor(pos)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._drag_mode == "wipe":
            self.set_wipe_position(pos.x() / max(1, self.width()))
        elif self._tool is not None and self._drag_mode in ("tool", None):
            self._tool.move(self.map_to_page(pos), event)
        elif self._drag_mode == "pan":
            delta = pos - self._last_pos
            self._change_view(lambda: self._nav.pan_by(delta))
        self._last_pos = pos
        self._update_cursor(pos)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_mode == "tool" and self._tool is not None:
            self._tool.release(self.map_to_page(event.position()), event)
        if self._drag_mode is not None:
            self._drag_mode = None
            self.update()
        self._update_cursor(event.position())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._near_divider(event.position()):
            return
        tool = self._tool
        if tool is not None and tool.double_click(self.map_to_page(event.position()), event):
            return
        if self._nav.fitting:
            self.set_zoom(1.0, event.position())
        else:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self._nav.has_page():
            event.ignore()
            return
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        trackpad = event.phase() != Qt.ScrollPhase.NoScrollPhase and not event.pixelDelta().isNull()
        if trackpad and not ctrl:  # two-finger scroll pans, as in every image editor
            delta = QPointF(event.pixelDelta())
            self._change_view(lambda: self._nav.pan_by(delta))
        else:
            angle = event.angleDelta()
            steps = (angle.y() or angle.x()) / 120
            if steps:
                self.set_zoom(self._nav.zoom * WHEEL_NOTCH_FACTOR**steps, event.position())
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.NativeGesture and isinstance(event, QNativeGestureEvent):
            return self._native_gesture(event)
        if kind == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                anchor = QPointF(self.mapFromGlobal(pinch.centerPoint()))
                self.set_zoom(self._nav.zoom * pinch.scaleFactor(), anchor)
                event.accept()
                return True
        if (
            kind == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._tool is not None
            and self._tool.takes_shortcut(event)
        ):
            event.accept()  # the key comes to keyPressEvent (the tool) instead of the window
            return True
        if kind == QEvent.Type.DevicePixelRatioChange:  # moved to a screen of another density
            self._refit_if_fitting()
            self.update()
        return super().event(event)

    def _native_gesture(self, event: QNativeGestureEvent) -> bool:
        kind = event.gestureType()
        if kind == Qt.NativeGestureType.ZoomNativeGesture and self._nav.has_page():
            self.set_zoom(self._nav.zoom * (1.0 + event.value()), event.position())
        elif kind == Qt.NativeGestureType.SmartZoomNativeGesture and self._nav.has_page():
            if self._nav.fitting:
                self.set_zoom(1.0, event.position())
            else:
                self.fit()
        else:
            return super().event(event)
        event.accept()
        return True

    # --- keyboard ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if self._tool is not None and self._tool.key_press(event):
            event.accept()
        elif ctrl and key in _ZOOM_IN_KEYS:
            self.zoom_in()
        elif ctrl and key in _ZOOM_OUT_KEYS:
            self.zoom_out()
        elif ctrl and key == Qt.Key.Key_0:
            self.fit()
        elif ctrl and key == Qt.Key.Key_1:
            self.actual_size()
        elif key in FLIP_KEYS and plain and self._mode == CompareMode.flip:
            if not event.isAutoRepeat():
                self._flip_held = True
                self.update()
        elif key == Qt.Key.Key_Space and plain:
            if not event.isAutoRepeat():
                self._space_held = True
                self._update_cursor(QPointF(self.mapFromGlobal(QCursor.pos())))
        elif key in _ARROWS and plain and self._nav.has_page():
            step = _ARROWS[key] * (min(self.width(), self.height()) * 0.1)
            self._change_view(lambda: self._nav.pan_by(step))
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.isAutoRepeat():
            super().keyReleaseEvent(event)
        elif key in FLIP_KEYS and self._flip_held:
            self._flip_held = False
            self.update()
        elif key == Qt.Key.Key_Space and self._space_held:
            self._space_held = False
            self._update_cursor(QPointF(self.mapFromGlobal(QCursor.pos())))
        else:
            super().keyReleaseEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # A key released while another window had focus never arrives here: let go of it now.
        if self._flip_held:
            self._flip_held = False
            self.update()
        self._space_held = False
        super().focusOutEvent(event)

    # --- drag and drop ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if drop.accepts(event.mimeData()):
            event.acceptProposedAction()
            self._drop_hover = True
            self.update()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._drop_hover:
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._drop_hover = False
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        self._drop_hover = False
        self.update()
        paths = drop.expand_dropped(drop.local_paths(event.mimeData()))
        event.acceptProposedAction()
        if paths:
            self.files_dropped.emit(paths)
        else:
            self.load_failed.emit(
                self.tr(
                    "No images were found in what you dropped. FluxDesk opens PNG, JPEG, TIFF, "
                    "WebP and BMP files, or a folder of them."
                )
            )
