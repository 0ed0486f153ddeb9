"""Paints one job: thumbnail, state, prompt, model and seed, live progress, a cancel button."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from fluxdesk.core.api.pricing import format_credits
from fluxdesk.core.jobs import JobState
from fluxdesk.ui.history_model import ROW_ROLE, JobRow

ROW_HEIGHT = 84
THUMB = 68
PAD = 8

_STATE_TEXT = {
    JobState.queued: "Queued",
    JobState.submitting: "Sending…",
    JobState.running: "Generating",
    JobState.downloading: "Saving…",
    JobState.succeeded: "Done",
    JobState.failed: "Failed",
    JobState.cancelled: "Cancelled",
}
_STATE_COLOUR = {
    JobState.succeeded: QColor("#3fa66a"),
    JobState.failed: QColor("#d9534f"),
    JobState.cancelled: QColor("#8a8f98"),
}
_ACTIVE_COLOUR = QColor("#4b8bf4")


def state_label(row: JobRow) -> str:
    text = _STATE_TEXT[row.state]
    if row.state is JobState.running and row.progress:
        text += f" {row.progress:.0%}"
    return text


def _cancel_rect(option_rect: QRect) -> QRect:
    return QRect(option_rect.right() - 26, option_rect.top() + PAD, 18, 18)


class HistoryDelegate(QStyledItemDelegate):
    cancel_clicked = Signal(object)  # JobId

    def sizeHint(self, option: QStyleOptionViewItem, index: object) -> QSize:
        return QSize(240, ROW_HEIGHT)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        row: JobRow | None = index.data(ROW_ROLE)
        if row is None:
            return
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
        dim = QColor(text_colour)
        dim.setAlphaF(0.65)

        thumb_rect = QRect(rect.left() + PAD, rect.top() + (ROW_HEIGHT - THUMB) // 2, THUMB, THUMB)
        self._paint_thumbnail(painter, thumb_rect, index.data(Qt.ItemDataRole.DecorationRole), row)

        left = thumb_rect.right() + PAD + 2
        right = rect.right() - (30 if not row.state.is_terminal else PAD)
        width = max(10, right - left)
        base_font = QFont(option.font)  # type: ignore[attr-defined]
        small = QFont(base_font)
        small.setPointSizeF(max(7.0, base_font.pointSizeF() - 1.5))
        bold = QFont(small)
        bold.setBold(True)

        # Line 1: state badge + model
        painter.setFont(bold)
        colour = _STATE_COLOUR.get(row.state, _ACTIVE_COLOUR)
        painter.setPen(colour if not selected else text_colour)
        badge = state_label(row)
        metrics = painter.fontMetrics()
        painter.drawText(QRect(left, rect.top() + 6, width, 16), Qt.AlignmentFlag.AlignLeft, badge)
        painter.setFont(small)
        painter.setPen(dim)
        model_x = left + metrics.horizontalAdvance(badge) + 8
        painter.drawText(
            QRect(model_x, rect.top() + 6, max(0, right - model_x), 16),
            Qt.AlignmentFlag.AlignLeft,
            painter.fontMetrics().elidedText(
                row.title, Qt.TextElideMode.ElideRight, max(0, right - model_x)
            ),
        )

        # Lines 2-3: prompt (or the error)
        painter.setFont(base_font)
        painter.setPen(text_colour)
        body = row.error_message if row.state is JobState.failed else row.request.prompt
        body = " ".join((body or "(no prompt)").split())
        body_rect = QRect(left, rect.top() + 24, width, 34)
        elided = self._elide_two_lines(painter, body, width)
        painter.drawText(body_rect, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, elided)

        # Line 4: seed, size, cost  -- or a progress bar while running
        painter.setFont(small)
        painter.setPen(dim)
        footer = QRect(left, rect.bottom() - 20, width, 16)
        if not row.state.is_terminal:
            self._paint_progress(painter, footer, row, palette)
            self._paint_cancel(painter, _cancel_rect(rect), text_colour)
        else:
            painter.drawText(footer, Qt.AlignmentFlag.AlignLeft, self._footer(row))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(rect.left() + PAD, rect.bottom(), rect.right() - PAD, rect.bottom())
        painter.restore()

    @staticmethod
    def _elide_two_lines(painter: QPainter, text: str, width: int) -> str:
        metrics = painter.fontMetrics()
        if metrics.horizontalAdvance(text) <= width * 1.9:
            return text
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width * 1.85))

    @staticmethod
    def _footer(row: JobRow) -> str:
        parts = []
        if row.seed is not None:
            parts.append(f"seed {row.seed}")
        if row.result_size:
            parts.append(f"{row.result_size[0]}×{row.result_size[1]}")
        credits = row.cost if row.cost is not None else None
        if credits is not None and row.state is JobState.succeeded:
            parts.append(format_credits(credits).split(" (")[0])
        return "  ·  ".join(parts)

    @staticmethod
    def _paint_thumbnail(painter: QPainter, rect: QRect, pixmap: object, row: JobRow) -> None:
        painter.fillRect(rect, QColor(0, 0, 0, 28))
        if pixmap is not None and not pixmap.isNull():  # type: ignore[attr-defined]
            scaled = pixmap.scaled(  # type: ignore[attr-defined]
                rect.size() * painter.device().devicePixelRatioF(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            scaled.setDevicePixelRatio(painter.device().devicePixelRatioF())
            size = scaled.deviceIndependentSize().toSize()
            x = rect.left() + (rect.width() - size.width()) // 2
            y = rect.top() + (rect.height() - size.height()) // 2
            painter.drawPixmap(x, y, scaled)
            return
        colour = _STATE_COLOUR.get(row.state, _ACTIVE_COLOUR)
        painter.setPen(QPen(colour, 2))
        glyph = {JobState.failed: "!", JobState.cancelled: "–"}.get(row.state, "…")
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, glyph)

    @staticmethod
    def _paint_progress(painter: QPainter, rect: QRect, row: JobRow, palette: QPalette) -> None:
        track = QRect(rect.left(), rect.center().y() - 2, rect.width(), 5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Mid))
        painter.drawRoundedRect(track, 2, 2)
        fraction = row.progress or 0.0
        if row.state is JobState.downloading:
            fraction = 1.0
        if fraction > 0:
            filled = QRect(track.left(), track.top(), max(4, int(track.width() * fraction)), 5)
            painter.setBrush(_ACTIVE_COLOUR)
            painter.drawRoundedRect(filled, 2, 2)

    @staticmethod
    def _paint_cancel(painter: QPainter, rect: QRect, colour: QColor) -> None:
        painter.setPen(QPen(colour, 1.6))
        inset = rect.adjusted(5, 5, -5, -5)
        painter.drawLine(inset.topLeft(), inset.bottomRight())
        painter.drawLine(inset.topRight(), inset.bottomLeft())

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
            and not row.state.is_terminal
            and event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and _cancel_rect(option.rect).contains(event.position().toPoint())  # type: ignore[attr-defined]
        ):
            self.cancel_clicked.emit(row.id)
            return True
        return super().editorEvent(event, model, option, index)  # type: ignore[arg-type]

    def createEditor(self, parent: QWidget, option: object, index: object) -> None:
        return None
