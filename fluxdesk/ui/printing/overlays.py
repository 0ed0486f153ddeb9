"""Canvas overlays of the Finish & Export panel, all in page coordinates (see
``canvas/overlay.py``): the manuscript guides (trim, bleed, safe area, with a legend under the
page), the finished preview with its grey highlight, and the highlight of a preflight finding.

Everything is laid out on the printed page (target-dpi pixels) and mapped onto the canvas
through ``page_to_canvas``: the canvas page (the pencils, or the image) covers the layout's
``frame`` on the printed page. GUI thread only; painting is a handful of rects and one pixmap.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTransform,
)

from fluxdesk.core.printing.fit import PlacedRect
from fluxdesk.core.printing.pages import PageBox, PageGuides, Rect
from fluxdesk.ui.canvas import CanvasOverlay
from fluxdesk.ui.printing.preview import PreviewFrame

# CLIP STUDIO-like manuscript guides: cyan trim, magenta bleed, dashed cyan safe area.
TRIM_COLOR = QColor(0, 170, 235)
BLEED_COLOR = QColor(230, 0, 140)
SAFE_COLOR = QColor(0, 170, 235)
OUTSIDE_TRIM_TINT = QColor(230, 0, 140, 26)  # the strip the cutter takes away
HIGHLIGHT_COLOR = QColor(255, 140, 0)
LEGEND_TEXT = QColor(240, 241, 244)
LEGEND_MUTED = QColor(190, 192, 198)
LEGEND_BACKGROUND = QColor(22, 23, 26, 200)  # like the canvas's own pills


def page_to_canvas(frame: PlacedRect, page: QSizeF) -> QTransform:
    """Printed-page pixels -> canvas page coordinates, given that the canvas page (``page``)
    covers ``frame`` on the printed page."""
    sx = page.width() / frame.width
    sy = page.height() / frame.height
    return QTransform(sx, 0, 0, sy, -frame.left * sx, -frame.top * sy)


def _qrect(rect: Rect) -> QRectF:
    return QRectF(rect.left, rect.top, rect.width, rect.height)


def _snapped(rect: QRectF) -> QRectF:
    """Whole device pixels, so a 1 px guide is one crisp line and not two grey ones."""
    return QRectF(
        QPointF(round(rect.left()), round(rect.top())),
        QPointF(round(rect.right()), round(rect.bottom())),
    )


def safe_pen() -> QPen:
    pen = QPen(SAFE_COLOR, 1)
    pen.setCosmetic(True)
    pen.setDashPattern([5, 4])
    return pen


def solid_pen(color: QColor) -> QPen:
    pen = QPen(color, 1)
    pen.setCosmetic(True)
    return pen


class PageGuidesOverlay(CanvasOverlay):
    """Trim, bleed and safe area of the page over the canvas, and a legend under the page."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._guides: PageGuides | None = None
        self._frame: PlacedRect | None = None
        self._caption = ""

    def set_layout(self, guides: PageGuides | None, frame: PlacedRect | None, caption: str) -> None:
        """``caption`` (e.g. "B5 · 600 dpi · 4299 × 6071 px") goes right of the legend."""
        if (guides, frame, caption) != (self._guides, self._frame, self._caption):
            self._guides, self._frame, self._caption = guides, frame, caption
            self.changed.emit()

    def page_rects(self, page: QSizeF) -> dict[PageBox, QRectF]:
        """The guide boxes in canvas page coordinates (empty without a layout)."""
        if self._guides is None or self._frame is None or page.isEmpty():
            return {}
        to_canvas = page_to_canvas(self._frame, page)
        return {box: to_canvas.mapRect(_qrect(self._guides.box(box))) for box in PageBox}

    def paint(self, painter: QPainter, to_widget: QTransform, page: QSizeF) -> None:
        rects = {box: _snapped(to_widget.mapRect(r)) for box, r in self.page_rects(page).items()}
        if not rects:
            return
        bleed, trim, safe = rects[PageBox.bleed], rects[PageBox.trim], rects[PageBox.safe]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        outside = QPainterPath()
        outside.addRect(bleed)
        outside.addRect(trim)  # odd-even fill: only the strip between the two
        painter.fillPath(outside, OUTSIDE_TRIM_TINT)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(solid_pen(BLEED_COLOR))
        painter.drawRect(bleed.adjusted(0, 0, -1, -1))
        painter.setPen(solid_pen(TRIM_COLOR))
        painter.drawRect(trim.adjusted(0, 0, -1, -1))
        painter.setPen(safe_pen())
        painter.drawRect(safe.adjusted(0, 0, -1, -1))
        self._paint_legend(painter)

    def _paint_legend(self, painter: QPainter) -> None:
        """A pill at the canvas's bottom left: the three line styles and the page's size.
        Anchored to the widget, not the page, so it stays readable at any zoom; every pane
        draws it at the same place, so wipe and side-by-side show it once."""
        font = QFont(painter.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        metrics = QFontMetricsF(font)
        items = (
            (solid_pen(TRIM_COLOR), self.tr("Trim")),
            (solid_pen(BLEED_COLOR), self.tr("Bleed")),
            (safe_pen(), self.tr("Safe area")),
        )
        swatch, gap = 16.0, 12.0
        width = sum(swatch + 5 + metrics.horizontalAdvance(label) + gap for _, label in items)
        if self._caption:
            width += metrics.horizontalAdvance(self._caption) + gap
        height = metrics.height() + 8
        device = painter.device()
        bottom = device.height() / device.devicePixelRatioF() if device else 0.0
        box = QRectF(12, bottom - 12 - height, width + 14 - gap, height)
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(LEGEND_BACKGROUND)
        painter.drawRoundedRect(box, height / 2, height / 2)
        painter.setFont(font)
        baseline = box.top() + 4 + metrics.ascent()
        middle = box.center().y()
        x = box.left() + 10
        for pen, label in items:
            pen.setWidthF(2)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, middle), QPointF(x + swatch, middle))
            painter.setPen(LEGEND_TEXT)
            painter.drawText(QPointF(x + swatch + 5, baseline), label)
            x += swatch + 5 + metrics.horizontalAdvance(label) + gap
        if self._caption:
            painter.setPen(LEGEND_MUTED)
            painter.drawText(QPointF(x, baseline), self._caption)
        painter.restore()


class FinishPreviewOverlay(CanvasOverlay):
    """The page as it will print (proxy), with grey areas in magenta when asked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._frame: PreviewFrame | None = None
        self._pixmap: QPixmap | None = None
        self._grey: QPixmap | None = None
        self._show_grey = False

    def frame(self) -> PreviewFrame | None:
        return self._frame

    def set_frame(self, frame: PreviewFrame | None) -> None:
        """GUI thread: the QPixmaps are made here."""
        self._frame = frame
        self._pixmap = QPixmap.fromImage(frame.image) if frame is not None else None
        grey = frame.grey if frame is not None else None
        self._grey = QPixmap.fromImage(grey) if grey is not None else None
        self.changed.emit()

    def set_show_grey(self, show: bool) -> None:
        if show != self._show_grey:
            self._show_grey = show
            self.changed.emit()

    def page_rect(self, page: QSizeF) -> QRectF | None:
        """Where the preview lies, in canvas page coordinates."""
        if self._frame is None or page.isEmpty():
            return None
        width, height = self._frame.canvas_size
        return page_to_canvas(self._frame.frame, page).mapRect(QRectF(0, 0, width, height))

    def paint(self, painter: QPainter, to_widget: QTransform, page: QSizeF) -> None:
        rect = self.page_rect(page)
        if rect is None or self._pixmap is None:
            return
        target = to_widget.mapRect(rect)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawPixmap(target, self._pixmap, QRectF(self._pixmap.rect()))
        if self._show_grey and self._grey is not None:
            painter.drawPixmap(target, self._grey, QRectF(self._grey.rect()))
        painter.setPen(solid_pen(QColor(0, 0, 0, 110)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(_snapped(target).adjusted(-1, -1, 0, 0))


class FindingHighlight(CanvasOverlay):
    """An orange box around the place a preflight finding is about."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._box: QRectF | None = None  # printed-page pixels
        self._frame: PlacedRect | None = None

    def set_box(self, box: QRectF | None, frame: PlacedRect | None) -> None:
        self._box, self._frame = box, frame
        self.changed.emit()

    def page_rect(self, page: QSizeF) -> QRectF | None:
        if self._box is None or self._frame is None or page.isEmpty():
            return None
        return page_to_canvas(self._frame, page).mapRect(self._box)

    def paint(self, painter: QPainter, to_widget: QTransform, page: QSizeF) -> None:
        rect = self.page_rect(page)
        if rect is None:
            return
        target = to_widget.mapRect(rect).adjusted(-4, -4, 4, 4)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(QColor(255, 140, 0, 28))
        painter.setPen(QPen(QColor(0, 0, 0, 120), 4))
        painter.drawRoundedRect(target, 3, 3)
        painter.setPen(QPen(HIGHLIGHT_COLOR, 2))
        painter.drawRoundedRect(target, 3, 3)
