"""A small bar chart of spend per day, painted with QPainter: actual spend as bars, the
estimate as a tick, the last N days (days without jobs show as gaps)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from fluxdesk.core.ledger import SpendRow
from fluxdesk.ui.prompt_panel.style import accent_color

DAYS = 30


def nice_ceiling(value: float) -> float:
    """1, 2, 2.5, 5 x 10^n at or above `value` (at least 1)."""
    if value <= 1:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


class DayBarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spendChart")
        self.setMinimumHeight(170)
        self._days: list[tuple[dt.date, float, float]] = []  # (day, charged, estimated)
        self._empty_text = self.tr("No spending in the last {n} days.").format(n=DAYS)

    def sizeHint(self) -> QSize:
        return QSize(620, 210)

    def set_rows(self, rows: Sequence[SpendRow], today: dt.date | None = None) -> None:
        today = today or dt.date.today()
        by_day = {row.key: row for row in rows}
        self._days = []
        for offset in range(DAYS - 1, -1, -1):
            day = today - dt.timedelta(days=offset)
            row = by_day.get(day.isoformat())
            self._days.append((day, row.charged if row else 0.0, row.estimated if row else 0.0))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        metrics = QFontMetrics(self.font())
        top = 8.0
        peak = max((max(c, e) for _, c, e in self._days), default=0.0)
        if peak <= 0:
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._empty_text)
            return
        ceiling = nice_ceiling(peak)
        axis_width = metrics.horizontalAdvance(f"{ceiling:g}") + 8
        plot = QRectF(
            axis_width,
            top,
            self.width() - axis_width - 8,
            self.height() - top - metrics.height() - 8,
        )
        # Grid: 0, half and the top, labelled in credits.
        grid = QColor(muted)
        grid.setAlpha(70)
        for fraction in (0.0, 0.5, 1.0):
            y = plot.bottom() - fraction * plot.height()
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(muted)
            label = QRectF(0, y - metrics.height() / 2, axis_width - 6, metrics.height())
            painter.drawText(
                label,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                f"{ceiling * fraction:g}",
            )
        slot = plot.width() / len(self._days)
        bar = max(2.0, slot * 0.64)
        fill = accent_color(palette)
        for index, (day, charged, estimated) in enumerate(self._days):
            x = plot.left() + index * slot + (slot - bar) / 2
            if charged > 0:
                height = charged / ceiling * plot.height()
                painter.fillRect(QRectF(x, plot.bottom() - height, bar, height), fill)
            if estimated > 0:
                y = plot.bottom() - estimated / ceiling * plot.height()
                painter.setPen(QPen(text, 1.6))
                painter.drawLine(QPointF(x - 1, y), QPointF(x + bar + 1, y))
            if index % 7 == (len(self._days) - 1) % 7:  # a label a week, ending today
                painter.setPen(muted)
                caption = QRectF(x + bar / 2 - 40, plot.bottom() + 4, 80, metrics.height())
                painter.drawText(caption, int(Qt.AlignmentFlag.AlignHCenter), day.strftime("%b %d"))
        painter.end()
