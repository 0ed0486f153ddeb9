"""Paints one entry, as a list row (thumbnail, state, prompt, seed/size/cost, live progress)
or as a grid tile; a placeholder while its row is being read. The star and the cancel button
are clickable in place."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QPixmapCache,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from fluxdesk.core.jobs import JobState
from fluxdesk.ui.history_model import ROW_ROLE, JobRow
from fluxdesk.ui.i18n import credits_text, translate

ROW_HEIGHT = 84
THUMB = 68
PAD = 8
TILE = 148  # grid: default thumbnail square (the dock fits it to its width)
TILE_TEXT = 34  # grid: two short lines under it

STATE_TEXT = {
    JobState.queued: QT_TRANSLATE_NOOP("HistoryDelegate", "Queued"),
    JobState.submitting: QT_TRANSLATE_NOOP("HistoryDelegate", "Sending…"),
    JobState.running: QT_TRANSLATE_NOOP("HistoryDelegate", "Generating"),
    JobState.downloading: QT_TRANSLATE_NOOP("HistoryDelegate", "Saving…"),
    JobState.succeeded: QT_TRANSLATE_NOOP("HistoryDelegate", "Done"),
    JobState.failed: QT_TRANSLATE_NOOP("HistoryDelegate", "Failed"),
    JobState.cancelled: QT_TRANSLATE_NOOP("HistoryDelegate", "Cancelled"),
}
_STATE_COLOUR = {
    JobState.succeeded: QColor("#3fa66a"),
    JobState.failed: QColor("#d9534f"),
    JobState.cancelled: QColor("#8a8f98"),
}
_ACTIVE_COLOUR = QColor("#4b8bf4")
_PAUSED_COLOUR = QColor("#d08a1a")
_EXPIRED_COLOUR = QColor("#b0665f")
_STAR_COLOUR = QColor("#e0a100")

PIXMAP_CACHE_KB = 32 * 1024  # scaled thumbnails, so scrolling never rescales one


def state_label(row: JobRow) -> str:
    if row.paused:
        return translate("HistoryDelegate", "Paused")
    if row.expired:
        return translate("HistoryDelegate", "Expired")
    if row.state is JobState.cancelled and row.error_kind == "not_sent":
        return translate("HistoryDelegate", "Not sent")
    text = translate("HistoryDelegate", STATE_TEXT[row.state])
    if row.state is JobState.running and row.progress:
        text += f" {row.progress:.0%}"
    return text


def _state_colour(row: JobRow) -> QColor:
    if row.paused:
        return _PAUSED_COLOUR
    if row.expired:
        return _EXPIRED_COLOUR
    return _STATE_COLOUR.get(row.state, _ACTIVE_COLOUR)


def _runs(row: JobRow) -> bool:
    return not row.state.is_terminal and not row.paused


def _cancel_rect(rect: QRect) -> QRect:
    return QRect(rect.right() - 26, rect.top() + PAD, 18, 18)


def _star_rect(rect: QRect, grid: bool, tile: int = TILE) -> QRect:
    if grid:
        return QRect(rect.left() + tile - 20, rect.top() + 8, 20, 20)
    return QRect(rect.right() - 28, rect.top() + 4, 22, 22)


class HistoryDelegate(QStyledItemDelegate):
    cancel_clicked = Signal(object)  # JobId
    star_clicked = Signal(object)  # JobId

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = False
        self.tile = TILE
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), PIXMAP_CACHE_KB))

    def sizeHint(self, option: QStyleOptionViewItem, index: object) -> QSize:
        if self.grid:
            return QSize(self.tile + 8, self.tile + TILE_TEXT + 8)
        return QSize(240, ROW_HEIGHT)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        row: JobRow | None = index.data(ROW_ROLE)
        rect: QRect = option.rect  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        state = option.state  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        if row is None:
            self._paint_placeholder(painter, rect, text_colour)
        elif self.grid:
            self._paint_tile(painter, option, index, row, text_colour, selected)
        else:
            self._paint_row(painter, option, index, row, text_colour, selected)
        painter.restore()

    # --- list rows --------------------------------------------------------------------------

    def _paint_row(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        row: JobRow,
        text_colour: QColor,
        selected: bool,
    ) -> None:
        rect: QRect = option.rect  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        if row.rejected:
            painter.setOpacity(0.45)
        dim = QColor(text_colour)
        dim.setAlphaF(0.65)
        thumb_rect = QRect(rect.left() + PAD, rect.top() + (ROW_HEIGHT - THUMB) // 2, THUMB, THUMB)
        self._paint_thumbnail(painter, thumb_rect, index.data(Qt.ItemDataRole.DecorationRole), row)

        left = thumb_rect.right() + PAD + 2
        right = rect.right() - 30
        width = max(10, right - left)
        base_font = QFont(option.font)  # type: ignore[attr-defined]
        small = QFont(base_font)
        small.setPointSizeF(max(7.0, base_font.pointSizeF() - 1.5))
        bold = QFont(small)
        bold.setBold(True)

        # Line 1: state badge + model
        painter.setFont(bold)
        painter.setPen(_state_colour(row) if not selected else text_colour)
        badge = state_label(row)
        metrics = painter.fontMetrics()
        painter.drawText(QRect(left, rect.top() + 6, width, 16), Qt.AlignmentFlag.AlignLeft, badge)
        painter.setFont(small)
        painter.setPen(dim)
        model_x = left + metrics.horizontalAdvance(badge) + 8
        label = row.title + (self.tr("  · rejected") if row.rejected else "")
        painter.drawText(
            QRect(model_x, rect.top() + 6, max(0, right - model_x), 16),
            Qt.AlignmentFlag.AlignLeft,
            painter.fontMetrics().elidedText(
                label, Qt.TextElideMode.ElideRight, max(0, right - model_x)
            ),
        )

        # Lines 2-3: prompt, or why it failed / waits
        painter.setFont(base_font)
        painter.setPen(text_colour)
        shows_message = row.state is JobState.failed or row.paused
        body = row.error_message if shows_message and row.error_message else row.request.prompt
        body = " ".join((body or self.tr("(no prompt)")).split())
        body_rect = QRect(left, rect.top() + 24, width, 34)
        elided = _elide_two_lines(painter, body, width)
        painter.drawText(body_rect, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, elided)

        # Line 4: seed, size, cost, time -- or a progress bar while running
        painter.setFont(small)
        painter.setPen(dim)
        footer = QRect(left, rect.bottom() - 20, width, 16)
        if _runs(row):
            _paint_progress(painter, footer, row, palette)
            _paint_cancel(painter, _cancel_rect(rect), text_colour)
        else:
            painter.drawText(footer, Qt.AlignmentFlag.AlignLeft, _footer(row))
            if row.state.is_terminal:
                _paint_star(painter, _star_rect(rect, False), row.starred, dim)
        painter.setOpacity(1.0)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(rect.left() + PAD, rect.bottom(), rect.right() - PAD, rect.bottom())

    # --- grid tiles -------------------------------------------------------------------------

    def _paint_tile(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        row: JobRow,
        text_colour: QColor,
        selected: bool,
    ) -> None:
        rect: QRect = option.rect  # type: ignore[attr-defined]
        if row.rejected:
            painter.setOpacity(0.45)
        size = self.tile
        tile = QRect(rect.left() + 4, rect.top() + 4, size, size)
        self._paint_thumbnail(painter, tile, index.data(Qt.ItemDataRole.DecorationRole), row)
        small = QFont(option.font)  # type: ignore[attr-defined]
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1.5))
        painter.setFont(small)
        colour = _state_colour(row) if not selected else text_colour
        lines = QRect(tile.left(), tile.bottom() + 3, size, 15)
        metrics = painter.fontMetrics()
        if row.state is JobState.succeeded and not row.paused:
            painter.setPen(text_colour)
            text = row.model_label
        else:
            painter.setPen(colour)
            text = state_label(row)
        elide = Qt.TextElideMode.ElideRight
        painter.drawText(lines, Qt.AlignmentFlag.AlignLeft, metrics.elidedText(text, elide, size))
        dim = QColor(text_colour)
        dim.setAlphaF(0.65)
        painter.setPen(dim)
        footer = metrics.elidedText(_footer(row), elide, size)
        painter.drawText(lines.translated(0, 15), Qt.AlignmentFlag.AlignLeft, footer)
        if _runs(row):
            bar = QRect(tile.left() + 6, tile.bottom() - 12, size - 12, 8)
            _paint_progress(painter, bar, row, option.palette)  # type: ignore[attr-defined]
        elif row.state.is_terminal:
            star = _star_rect(rect, True, size)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 90))  # readable over white line art too
            painter.drawEllipse(star.adjusted(1, 1, -1, -1))
            _paint_star(painter, star, row.starred, QColor(255, 255, 255, 230))
        painter.setOpacity(1.0)

    # --- pieces -----------------------------------------------------------------------------

    @staticmethod
    def _paint_placeholder(painter: QPainter, rect: QRect, colour: QColor) -> None:
        shade = QColor(colour)
        shade.setAlphaF(0.08)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(shade)
        thumb = min(THUMB, rect.height() - 2 * PAD)
        painter.drawRoundedRect(QRect(rect.left() + PAD, rect.top() + PAD, thumb, thumb), 4, 4)
        left = rect.left() + 2 * PAD + thumb
        width = max(0, rect.width() - thumb - 4 * PAD)
        for offset, fraction in ((10, 0.35), (32, 0.9), (50, 0.7)):
            if offset + 10 < rect.height():
                painter.drawRoundedRect(
                    QRect(left, rect.top() + offset, int(width * fraction), 9), 3, 3
                )

    def _paint_thumbnail(self, painter: QPainter, rect: QRect, pixmap: object, row: JobRow) -> None:
        painter.fillRect(rect, QColor(0, 0, 0, 28))
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            scaled = _scaled(pixmap, row.result_sha or "", rect.size(), painter)
            size = scaled.deviceIndependentSize().toSize()
            x = rect.left() + (rect.width() - size.width()) // 2
            y = rect.top() + (rect.height() - size.height()) // 2
            painter.drawPixmap(x, y, scaled)
            return
        painter.setPen(QPen(_state_colour(row), 2))
        if row.paused:  # two bars: fonts without the ⏸ glyph show a box instead
            centre = rect.center()
            painter.drawLine(centre.x() - 4, centre.y() - 7, centre.x() - 4, centre.y() + 7)
            painter.drawLine(centre.x() + 4, centre.y() - 7, centre.x() + 4, centre.y() + 7)
            return
        glyph = {JobState.failed: "!", JobState.cancelled: "–"}.get(row.state, "…")
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, glyph)

    # --- clicks -----------------------------------------------------------------------------

    def editorEvent(
        self,
        event: QEvent,
        model: object,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        row: JobRow | None = index.data(ROW_ROLE)
        if (
            row is not None
            and event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
        ):
            rect: QRect = option.rect  # type: ignore[attr-defined]
            point = event.position().toPoint()
            if _runs(row) and not self.grid and _cancel_rect(rect).contains(point):
                self.cancel_clicked.emit(row.id)
                return True
            if row.state.is_terminal and _star_rect(rect, self.grid, self.tile).contains(point):
                self.star_clicked.emit(row.id)
                return True
        return super().editorEvent(event, model, option, index)  # type: ignore[arg-type]

    def createEditor(self, parent: QWidget, option: object, index: object) -> None:
        return None


def _scaled(pixmap: QPixmap, sha: str, size: QSize, painter: QPainter) -> QPixmap:
    """The thumbnail at this size, scaled once and kept in QPixmapCache."""
    ratio = painter.device().devicePixelRatioF()
    key = f"fluxdesk-thumb:{sha}:{size.width()}x{size.height()}@{ratio}"
    cached = QPixmapCache.find(key)
    if cached is not None and not cached.isNull():
        return cached
    scaled = pixmap.scaled(
        size * ratio, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    scaled.setDevicePixelRatio(ratio)
    QPixmapCache.insert(key, scaled)
    return scaled


def _elide_two_lines(painter: QPainter, text: str, width: int) -> str:
    metrics = painter.fontMetrics()
    if metrics.horizontalAdvance(text) <= width * 1.9:
        return text
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width * 1.85))


def _footer(row: JobRow) -> str:
    parts = []
    if row.seed is not None:
        parts.append(translate("HistoryDelegate", "seed {seed}").format(seed=row.seed))
    if row.result_size:
        parts.append(f"{row.result_size[0]}×{row.result_size[1]}")
    if row.cost is not None and row.state is JobState.succeeded:
        parts.append(credits_text(row.cost).split(" (")[0])
    if row.seconds is not None and row.state is JobState.succeeded:
        parts.append(f"{row.seconds:.0f} s")
    return "  ·  ".join(parts)


def _paint_progress(painter: QPainter, rect: QRect, row: JobRow, palette: QPalette) -> None:
    track = QRect(rect.left(), rect.center().y() - 2, rect.width(), 5)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.color(QPalette.ColorRole.Mid))
    painter.drawRoundedRect(track, 2, 2)
    fraction = 1.0 if row.state is JobState.downloading else (row.progress or 0.0)
    if fraction > 0:
        filled = QRect(track.left(), track.top(), max(4, int(track.width() * fraction)), 5)
        painter.setBrush(_ACTIVE_COLOUR)
        painter.drawRoundedRect(filled, 2, 2)


def _paint_cancel(painter: QPainter, rect: QRect, colour: QColor) -> None:
    painter.setPen(QPen(colour, 1.6))
    inset = rect.adjusted(5, 5, -5, -5)
    painter.drawLine(inset.topLeft(), inset.bottomRight())
    painter.drawLine(inset.topRight(), inset.bottomLeft())


def _paint_star(painter: QPainter, rect: QRect, on: bool, off_colour: QColor) -> None:
    font = QFont(painter.font())
    font.setPointSizeF(font.pointSizeF() + 3)
    painter.setFont(font)
    painter.setPen(_STAR_COLOUR if on else off_colour)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "★" if on else "☆")
