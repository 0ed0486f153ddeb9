"""CanvasView: the page in the middle of the window, with zoom, pan and compare modes.

A custom QWidget that paints tiled QImage pyramids (visible tiles of the level nearest to screen
resolution), so a 50 MP scan never makes the GUI thread scale or convert the whole image.
Decoding happens in `ImageLoader`; this widget only swaps in what arrives.

Mouse: wheel zooms at the cursor (trackpad scrolling pans); pinch zooms; left, middle or
space+left drag pans; double-click toggles fit / 100%; in wipe mode drag the divider.
Keys: Ctrl+= / Ctrl+- zoom, Ctrl+0 fit, Ctrl+1 100%, arrows pan, hold F (or `) in flip mode
to see the reference.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, QSizeF, Qt, Signal, Slot
from PySide6.QtGui import QCursor, QImage, QPainter
from PySide6.QtWidgets import QWidget

from fluxdesk.ui.canvas import render
from fluxdesk.ui.canvas.interaction import InteractionMixin
from fluxdesk.ui.canvas.layers import CompareMode, Layer
from fluxdesk.ui.canvas.loader import (
    ImageLoader,
    LoadedImage,
    LoadedPreview,
    LoadFailure,
)
from fluxdesk.ui.canvas.navigation import Navigator, next_step
from fluxdesk.ui.canvas.overlay import CanvasOverlay, CanvasTool, CompareRenderer
from fluxdesk.ui.canvas.pyramid import PREVIEW_SIDE, Pyramid
from fluxdesk.ui.i18n import core_text

MAIN = "main"
REFERENCE = "reference"
DEFAULT_EMPTY_TITLE = QT_TRANSLATE_NOOP("CanvasView", "Drop your pencils here")
DEFAULT_EMPTY_BODY = QT_TRANSLATE_NOOP(
    "CanvasView", "PNG, JPEG, TIFF or a folder of pages · Ctrl+O to open · Ctrl+V to paste"
)


class CanvasView(InteractionMixin, QWidget):
    files_dropped = Signal(list)  # list[Path]: images, folders expanded in natural order
    zoom_changed = Signal(float)  # device px per image px (1.0 = 100%)
    image_shown = Signal(str)  # key of the main image now on screen (preview or sharp)
    image_loaded = Signal(object)  # LoadedImage of a show_path() load, once fully decoded
    compare_mode_changed = Signal(str)
    load_failed = Signal(str)  # a message for the artist

    def __init__(self, parent: QWidget | None = None, loader: ImageLoader | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("canvas")
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.grabGesture(Qt.GestureType.PinchGesture)
        self.setMinimumSize(160, 120)
        self._loader = loader if loader is not None else ImageLoader(self)
        self._loader.preview_ready.connect(self._on_loader_preview_ready)
        self._loader.image_ready.connect(self._on_loader_image_ready)
        self._loader.load_failed.connect(self._on_loader_load_failed)
        self._nav = Navigator()
        self._layers = {MAIN: Layer(), REFERENCE: Layer()}
        self._mode = CompareMode.off
        self._wipe = 0.5
        self._flip_held = False
        self._drop_hover = False
        self._empty = (self.tr(DEFAULT_EMPTY_TITLE), self.tr(DEFAULT_EMPTY_BODY))
        self._labels = (self.tr("Pencils"), self.tr("Result"))
        self._next_id = 0
        self._overlays: list[CanvasOverlay] = []
        self._tool: CanvasTool | None = None
        self._renderers: dict[CompareMode, CompareRenderer] = {}
        self._init_interaction()

    # --- showing images ---------------------------------------------------------------------

    @property
    def loader(self) -> ImageLoader:
        return self._loader

    def show_path(self, path: Path | str, *, key: str = "input") -> int:
        """Loads a file off the GUI thread: preview first, then sharp tiles. Returns the request
        id; `image_shown` then `image_loaded` (with the decoded image) follow, or `load_failed`."""
        return self._request_path(MAIN, Path(path), key)

    def show_image(self, image: QImage | LoadedImage, *, key: str) -> None:
        """Shows an image now (the main image; `key` says what it is, e.g. a job id)."""
        self._show(MAIN, image, key)

    def set_reference(self, image: QImage | LoadedImage | None) -> None:
        """The pencils to compare against. The main image is stretched to the reference's size
        so a ~1 MP result lines up with a 50 MP scan."""
        if image is None:
            self._loader.cancel(REFERENCE)
            self._layers[REFERENCE] = Layer()
            self._page_changed()
            return
        self._show(REFERENCE, image, REFERENCE)

    def set_reference_path(self, path: Path | str) -> int:
        return self._request_path(REFERENCE, Path(path), REFERENCE)

    def clear(self) -> None:
        for channel in (MAIN, REFERENCE):
            self._loader.cancel(channel)
            self._layers[channel] = Layer()
        self._flip_held = False
        self._page_changed()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stops loading and waits for the loader threads (call from closeEvent)."""
        return self._loader.shutdown(timeout_ms)

    def current_key(self) -> str | None:
        return self._layers[MAIN].key

    def has_image(self) -> bool:
        return any(layer.pyramid is not None for layer in self._layers.values())

    def is_sharp(self) -> bool:
        """True when everything on screen is at full resolution."""
        return all(
            layer.pyramid is None or (layer.pyramid.sharp and not layer.refining)
            for layer in self._layers.values()
        )

    def set_empty_message(self, title: str, body: str) -> None:
        self._empty = (title, body)
        self.update()

    def set_compare_labels(self, reference: str, main: str) -> None:
        self._labels = (reference, main)
        self.update()

    # --- compare ------------------------------------------------------------------------------

    def compare_mode(self) -> CompareMode:
        return self._mode

    def set_compare_mode(self, mode: CompareMode | str) -> None:
        mode = CompareMode(mode)
        if mode == self._mode:
            return
        self._mode = mode
        self._flip_held = False
        self.update()
        self.compare_mode_changed.emit(str(mode))

    def wipe_position(self) -> float:
        """The divider's place as a fraction of the width (0 = left edge)."""
        return self._wipe

    def set_wipe_position(self, fraction: float) -> None:
        self._wipe = min(1.0, max(0.0, fraction))
        self.update()

    def is_showing_reference(self) -> bool:
        """True while the flip key shows the reference in place of the main image."""
        return self._effective_mode() == CompareMode.flip and self._flip_held

    def _effective_mode(self) -> CompareMode:
        both = all(layer.pyramid is not None for layer in self._layers.values())
        known = self._mode in _BUILT_IN or self._mode in self._renderers
        return self._mode if both and known else CompareMode.off

    def set_compare_renderer(self, mode: CompareMode, renderer: CompareRenderer) -> None:
        """Draws the page in `mode` (both images shown, overlays on top)."""
        self._renderers[mode] = renderer
        renderer.changed.connect(self.update)

    # --- overlays and tools -----------------------------------------------------------------

    def add_overlay(self, overlay: CanvasOverlay) -> None:
        if overlay not in self._overlays:
            self._overlays.append(overlay)
            overlay.changed.connect(self.update)
            self.update()

    def remove_overlay(self, overlay: CanvasOverlay) -> None:
        if overlay in self._overlays:
            self._overlays.remove(overlay)
            overlay.changed.disconnect(self.update)
            self.update()

    def set_tool(self, tool: CanvasTool | None) -> None:
        """The tool gets the left button (None: the left button pans again)."""
        if self._tool is not None:
            self.remove_overlay(self._tool)
        self._tool = tool
        if tool is not None:
            self.add_overlay(tool)
        self._update_cursor(self.mapFromGlobal(QCursor.pos()).toPointF())

    def tool(self) -> CanvasTool | None:
        return self._tool

    def page_size(self) -> QSizeF:
        """The page coordinate space: the reference's pixels, else the main image's."""
        return QSizeF(self._nav.page)

    def map_to_page(self, point: QPointF) -> QPointF:
        return self._nav.to_page(point, self._pane_at(point))

    def map_to_widget(self, point: QPointF) -> QPointF:
        return self._nav.to_widget(self._panes()[-1]).map(point)

    # --- zoom ---------------------------------------------------------------------------------

    def zoom(self) -> float:
        return self._nav.zoom

    def view_center(self) -> QPointF:
        """The page point (reference pixels if there is a reference) at each pane's centre."""
        return QPointF(self._nav.center)

    def zoom_in(self) -> None:
        self.set_zoom(next_step(self._nav.zoom, +1))

    def zoom_out(self) -> None:
        self.set_zoom(next_step(self._nav.zoom, -1))

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Zooms keeping the page point under `anchor` (widget coords; default: the centre)."""
        if not self._nav.has_page():
            return
        pane = self._pane_at(anchor) if anchor is not None else self._panes()[0]
        point = anchor if anchor is not None else pane.center()
        self._change_view(lambda: self._nav.zoom_to(zoom, point, pane))

    def zoom_to_rect(self, rect: QRectF, share: float = 0.7, max_zoom: float = 4.0) -> None:
        """Centres `rect` (page coordinates), zoomed so it fills `share` of the view."""
        dpr = self.devicePixelRatioF()
        fit = min(self.width() / max(rect.width(), 1.0), self.height() / max(rect.height(), 1.0))
        self.set_zoom(min(max_zoom, fit * share * dpr))
        scale = self.zoom() / dpr
        delta = self.view_center() - rect.center()
        self.pan_by(QPointF(delta.x() * scale, delta.y() * scale))

    def pan_by(self, delta: QPointF) -> None:
        """Moves the page by `delta` logical pixels (every pane together)."""
        if self._nav.has_page():
            self._change_view(lambda: self._nav.pan_by(delta))

    def fit(self) -> None:
        if self._nav.has_page():
            self._change_view(lambda: self._nav.fit(self._panes()[0]))

    def _change_view(self, change: Callable[[], None]) -> None:
        before = self._nav.zoom
        self._sync_dpr()
        change()
        self.update()
        if self._nav.zoom != before:
            self.zoom_changed.emit(self._nav.zoom)

    def _sync_dpr(self) -> None:
        self._nav.dpr = self.devicePixelRatioF()

    def _panes(self) -> list[QRectF]:
        rect = QRectF(self.rect())
        if self._effective_mode() != CompareMode.side_by_side:
            return [rect]
        half = round(rect.width() / 2)
        return [
            QRectF(0, 0, half, rect.height()),
            QRectF(half, 0, rect.width() - half, rect.height()),
        ]

    def _pane_at(self, point: QPointF) -> QRectF:
        panes = self._panes()
        return next((pane for pane in panes if pane.contains(point)), panes[0])

    # --- loading ------------------------------------------------------------------------------

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _request_path(self, channel: str, path: Path, key: str) -> int:
        request_id = self._new_id()
        self._layers[channel].request(request_id, key, path.name)
        self._loader.load(path, request_id, channel=channel)
        self.update()
        return request_id

    def _show(self, channel: str, image: QImage | LoadedImage, key: str) -> None:
        request_id = self._new_id()
        layer = self._layers[channel]
        if isinstance(image, LoadedImage):
            self._loader.cancel(channel)
            new = layer.show(request_id, key, image.pyramid, refining=False)
        else:
            big = max(image.width(), image.height()) > PREVIEW_SIDE
            new = layer.show(request_id, key, Pyramid.single(QImage(image)), refining=big)
            if big:  # shown at once; a tiled pyramid with smooth mip levels follows
                self._loader.load_qimage(image, request_id, channel=channel)
            else:
                self._loader.cancel(channel)
        self._shown(channel, new)

    def _shown(self, channel: str, new: bool) -> None:
        self._page_changed()
        if channel == MAIN and new:
            self.image_shown.emit(self._layers[MAIN].key or "")

    def _page_changed(self) -> None:
        """Refits when the page size changes; keeps zoom and pan when only the image changes
        (so variants of one page compare at the same place)."""
        reference = self._layers[REFERENCE].pyramid
        main = self._layers[MAIN].pyramid
        source = reference or main
        page = QSizeF(*source.full_size) if source is not None else QSizeF()
        if page != self._nav.page:
            self._nav.page = page
            if self._nav.has_page():
                self._change_view(lambda: self._nav.fit(self._panes()[0]))
        self.update()

    @Slot(object)
    def _on_loader_preview_ready(self, preview: LoadedPreview) -> None:
        layer = self._layers.get(preview.channel)
        if layer is not None and layer.accept_preview(preview):
            self._shown(preview.channel, True)

    @Slot(object)
    def _on_loader_image_ready(self, image: LoadedImage) -> None:
        layer = self._layers.get(image.channel)
        if layer is None:
            return
        accepted, new = layer.accept_image(image)
        if accepted:
            self._shown(image.channel, new)
            if image.channel == MAIN and image.path is not None:
                self.image_loaded.emit(image)

    @Slot(object)
    def _on_loader_load_failed(self, failure: LoadFailure) -> None:
        layer = self._layers.get(failure.channel)
        if layer is not None and layer.accept_failure(failure.request_id):
            self.update()
            self.load_failed.emit(core_text(failure.user_message))

    # --- painting -----------------------------------------------------------------------------

    def paintEvent(self, event: object) -> None:
        self._sync_dpr()
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()  # an exception must not leave the painter active (Qt would crash)

    def _paint(self, painter: QPainter) -> None:
        rect = QRectF(self.rect())
        painter.fillRect(rect, render.backdrop_color(self.palette()))
        main, reference = self._layers[MAIN], self._layers[REFERENCE]
        if not self._nav.has_page():
            name = main.pending_name or reference.pending_name
            if name is not None:
                text = self.tr("Opening {name}…").format(name=name)
                render.paint_pill(painter, text, rect.center(), _CENTER, self.font())
            else:
                title, body = self._empty
                render.paint_empty_state(painter, rect, title, body, self.font(), self._drop_hover)
            return
        mode = self._effective_mode()
        left, right = self._labels
        top_left, top_right = QPointF(12, 12), QPointF(rect.width() - 12, 12)
        if mode == CompareMode.side_by_side:
            panes = self._panes()
            for pane, layer, label in zip(panes, (reference, main), self._labels, strict=True):
                self._paint_layer(painter, pane, layer.pyramid, pane)
                render.paint_pill(painter, label, pane.topLeft() + top_left, _LEFT, self.font())
            render.paint_pane_separator(painter, panes[1].left(), rect)
        elif renderer := self._renderers.get(mode):
            self._paint_layer(painter, rect, main.pyramid, rect, renderer=renderer)
        elif mode == CompareMode.wipe:
            x = round(self._wipe * rect.width())
            self._paint_layer(painter, rect, reference.pyramid, QRectF(0, 0, x, rect.height()))
            self._paint_layer(painter, rect, main.pyramid, rect.adjusted(x, 0, 0, 0), frame=False)
            render.paint_pill(painter, left, top_left, _LEFT, self.font())
            render.paint_pill(painter, right, top_right, _RIGHT, self.font())
            render.paint_wipe_divider(painter, x, rect, self._drag_mode == "wipe")
        else:
            shown = reference if self.is_showing_reference() or main.pyramid is None else main
            self._paint_layer(painter, rect, shown.pyramid, rect)
            if mode == CompareMode.flip:
                label = left if shown is reference else right
                render.paint_pill(painter, label, top_left, _LEFT, self.font())
        self._paint_status(painter, rect, mode)
        if self._drop_hover:
            render.paint_drop_highlight(painter, rect)

    def _paint_layer(
        self,
        painter: QPainter,
        pane: QRectF,
        pyramid: Pyramid | None,
        clip: QRectF,
        frame: bool = True,
        renderer: CompareRenderer | None = None,
    ) -> None:
        if pyramid is None or clip.isEmpty():
            return
        to_widget = self._nav.to_widget(pane)
        painter.save()
        painter.setClipRect(pane)
        if frame:
            page = to_widget.mapRect(QRectF(QPointF(), self._nav.page))
            render.paint_page_frame(painter, page)
        if renderer is not None and (reference := self._layers[REFERENCE].pyramid) is not None:
            layers = (reference, pyramid)
            renderer.paint(painter, clip, to_widget, self._nav.page, self._nav.zoom, layers)
        else:
            render.paint_pyramid(painter, pyramid, self._nav.page, to_widget, self._nav.zoom, clip)
        painter.setClipRect(clip)
        for overlay in self._overlays:
            painter.save()
            overlay.paint(painter, to_widget, self._nav.page)
            painter.restore()
        painter.restore()

    def _paint_status(self, painter: QPainter, rect: QRectF, mode: CompareMode) -> None:
        main = self._layers[MAIN]
        text = None
        if name := (main.pending_name or self._layers[REFERENCE].pending_name):
            text = self.tr("Opening {name}…").format(name=name)
        elif not self.is_sharp():
            text = self.tr("Loading full resolution…")
        elif mode == CompareMode.flip and not self._flip_held:
            text = self.tr("Hold F to see the {layer}").format(layer=self._labels[0].lower())
        if text:
            anchor = QPointF(rect.center().x(), rect.bottom() - 14)
            render.paint_pill(painter, text, anchor, _CENTER, self.font())

    def resizeEvent(self, event: object) -> None:
        self._refit_if_fitting()

    def _refit_if_fitting(self) -> None:
        if self._nav.has_page() and self._nav.fitting:
            self._change_view(lambda: self._nav.fit(self._panes()[0]))


_BUILT_IN = (CompareMode.off, CompareMode.wipe, CompareMode.side_by_side, CompareMode.flip)
_LEFT = Qt.AlignmentFlag.AlignLeft
_RIGHT = Qt.AlignmentFlag.AlignRight
_CENTER = Qt.AlignmentFlag.AlignHCenter
