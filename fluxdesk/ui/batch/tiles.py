"""The contact sheet's tiles: one per page, the pencils beside the result it shows, with the
page's status, seed and cost. A page with several results shows one at a time ([ and ] step
through them). GUI thread only; thumbnails arrive as QImages made off-thread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from fluxdesk.core.batch import BatchView, PageStatus, PageView
from fluxdesk.core.history.records import JobRecord
from fluxdesk.ui.i18n import core_text, credits_text, translate

TILE_ROLE = Qt.ItemDataRole.UserRole + 1
ModelIndex = QModelIndex | QPersistentModelIndex

TILE_SIZE = QSize(272, 236)
PAD = 10
HEADER = 24
FOOTER = 20
GAP = 6

_STATUS_TEXT = {
    PageStatus.pending: QT_TRANSLATE_NOOP("BatchTiles", "Waiting"),
    PageStatus.running: QT_TRANSLATE_NOOP("BatchTiles", "Running"),
    PageStatus.done: QT_TRANSLATE_NOOP("BatchTiles", "To review"),
    PageStatus.accepted: QT_TRANSLATE_NOOP("BatchTiles", "Accepted"),
    PageStatus.redo: QT_TRANSLATE_NOOP("BatchTiles", "Redo asked"),
    PageStatus.failed: QT_TRANSLATE_NOOP("BatchTiles", "Failed"),
}
STATUS_COLOUR = {
    PageStatus.pending: QColor("#8a8f98"),
    PageStatus.running: QColor("#4b8bf4"),
    PageStatus.done: QColor("#8e6bd8"),
    PageStatus.accepted: QColor("#3fa66a"),
    PageStatus.redo: QColor("#d08a1a"),
    PageStatus.failed: QColor("#d9534f"),
}
_STAR = QColor("#e0a100")


def status_text(status: PageStatus) -> str:
    return translate("BatchTiles", _STATUS_TEXT[status])


@dataclass(frozen=True, slots=True)
class Tile:
    view: PageView
    choice: int  # which of the page's candidates is shown
    stopped: bool = False  # the batch was stopped: a page not sent stays so

    @property
    def label(self) -> str:
        status = self.view.status
        if self.stopped and status.needs_sending:
            return translate("BatchTiles", "Not sent")
        return status_text(status)

    @property
    def shown(self) -> JobRecord | None:
        candidates = self.view.candidates
        return candidates[self.choice] if candidates else None


class BatchTilesModel(QAbstractListModel):
    thumbnail_wanted = Signal(str, object)  # sha256, source Path

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view: BatchView | None = None
        self._choice: dict[int, str] = {}  # position -> job id shown (kept across updates)
        self._pixmaps: dict[str, QPixmap] = {}
        self._asked: set[str] = set()

    def batch_view(self) -> BatchView | None:
        return self._view

    def set_view(self, view: BatchView) -> None:
        same = self._view is not None and self._view.batch.id == view.batch.id
        same = same and len(self._view.pages) == len(view.pages)  # type: ignore[union-attr]
        if not same:
            self.beginResetModel()
            self._view, self._choice = view, {}
            self.endResetModel()
            return
        self._view = view
        if view.pages:
            self.dataChanged.emit(self.index(0), self.index(len(view.pages) - 1))

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._view is None else len(self._view.pages)

    def tile(self, row: int) -> Tile | None:
        if self._view is None or not 0 <= row < len(self._view.pages):
            return None
        page = self._view.pages[row]
        candidates = page.candidates
        wanted = self._choice.get(row)
        if wanted is None and page.pick is not None:
            wanted = page.pick.id
        ids = [job.id for job in candidates]
        choice = ids.index(wanted) if wanted in ids else 0
        return Tile(page, choice, self._view.batch.stopped)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        tile = self.tile(index.row()) if index.isValid() else None
        if tile is None:
            return None
        if role == TILE_ROLE:
            return tile
        if role == Qt.ItemDataRole.DisplayRole:
            return tile.view.page.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(tile)
        return None

    def _tooltip(self, tile: Tile) -> str:
        page = tile.view.page
        lines = [f"{page.name} ({page.source_name})", tile.label]
        if tile.view.message:
            lines.append(core_text(tile.view.message))
        return "\n".join(lines)

    def step(self, row: int, delta: int) -> None:
        """Shows the page's next (or previous) result."""
        tile = self.tile(row)
        if tile is None or len(tile.view.candidates) < 2:
            return
        candidates = tile.view.candidates
        self._choice[row] = candidates[(tile.choice + delta) % len(candidates)].id
        self.dataChanged.emit(self.index(row), self.index(row))

    # --- thumbnails -------------------------------------------------------------------------

    def pixmap(self, sha256: str, source: Path) -> QPixmap | None:
        pixmap = self._pixmaps.get(sha256)
        if pixmap is None and sha256 not in self._asked:
            self._asked.add(sha256)
            self.thumbnail_wanted.emit(sha256, source)
        return pixmap

    @Slot(str, object)
    def put_thumbnail(self, sha256: str, image: QImage) -> None:
        self._pixmaps[sha256] = QPixmap.fromImage(image)
        if self._view is not None and self._view.pages:
            self.dataChanged.emit(self.index(0), self.index(len(self._view.pages) - 1))


class TileDelegate(QStyledItemDelegate):
    def __init__(self, model: BatchTilesModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return TILE_SIZE

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        tile = index.data(TILE_ROLE)
        if not isinstance(tile, Tile):
            return
        palette = option.palette  # type: ignore[attr-defined]
        rect: QRect = option.rect.adjusted(4, 4, -4, -4)  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = (
            palette.color(QPalette.ColorRole.Highlight)
            if selected
            else palette.color(QPalette.ColorRole.Mid)
        )
        painter.setPen(QPen(border, 2.5 if selected else 1.0))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(rect), 8, 8)
        inner = rect.adjusted(PAD, PAD, -PAD, -PAD)
        self._header(
            painter, palette, QRect(inner.left(), inner.top(), inner.width(), HEADER), tile
        )
        pictures = QRect(
            inner.left(),
            inner.top() + HEADER + GAP,
            inner.width(),
            inner.height() - HEADER - FOOTER - 2 * GAP,
        )
        self._pictures(painter, palette, pictures, tile)
        footer = QRect(inner.left(), inner.bottom() - FOOTER + 1, inner.width(), FOOTER)
        self._footer(painter, palette, footer, tile)
        painter.restore()

    def _header(self, painter: QPainter, palette: QPalette, rect: QRect, tile: Tile) -> None:
        page = tile.view.page
        status = tile.view.status
        label = tile.label
        if status is PageStatus.running and tile.view.progress:
            label += f" {tile.view.progress:.0%}"
        font = QFont(painter.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        font.setBold(True)
        painter.setFont(font)
        badge_width = painter.fontMetrics().horizontalAdvance(label) + 16
        badge = QRect(
            rect.right() - badge_width + 1, rect.top() + 2, badge_width, rect.height() - 4
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(STATUS_COLOUR[status])
        painter.drawRoundedRect(QRectF(badge), badge.height() / 2, badge.height() / 2)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
        title = QFont(painter.font())
        title.setPointSizeF(font.pointSizeF() / 0.85)
        painter.setFont(title)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        name_rect = rect.adjusted(0, 0, -badge_width - 6, 0)
        text = f"{page.position + 1}  {page.name}"
        elided = painter.fontMetrics().elidedText(
            text, Qt.TextElideMode.ElideRight, name_rect.width()
        )
        painter.drawText(
            name_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided
        )

    def _pictures(self, painter: QPainter, palette: QPalette, rect: QRect, tile: Tile) -> None:
        half = (rect.width() - GAP) // 2
        left = QRect(rect.left(), rect.top(), half, rect.height())
        right = QRect(rect.left() + half + GAP, rect.top(), half, rect.height())
        source = tile.view.page.source
        self._picture(painter, palette, left, self._model.pixmap(source.sha256, source.path))
        shown = tile.shown
        if shown is not None and shown.result is not None:
            pixmap = self._model.pixmap(shown.result.sha256, shown.result.path)
            self._picture(painter, palette, right, pixmap)
            if shown.id == tile.view.page.accepted_job:
                self._star(painter, right)
            self._counter(painter, right, tile)
            return
        self._placeholder(painter, palette, right, tile)

    def _picture(
        self, painter: QPainter, palette: QPalette, rect: QRect, pixmap: QPixmap | None
    ) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
        painter.drawRect(rect)
        if pixmap is None or pixmap.isNull():
            return
        scaled = pixmap.size().scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect(0, 0, scaled.width(), scaled.height())
        target.moveCenter(rect.center())
        painter.drawPixmap(target, pixmap)

    def _placeholder(self, painter: QPainter, palette: QPalette, rect: QRect, tile: Tile) -> None:
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        status = tile.view.status
        text = core_text(tile.view.message) if status is PageStatus.failed else tile.label
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            rect.adjusted(6, 6, -6, -6),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            text or tile.label,
        )
        if status is PageStatus.running:
            bar = QRect(rect.left() + 10, rect.bottom() - 14, rect.width() - 20, 4)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Mid))
            painter.drawRoundedRect(QRectF(bar), 2, 2)
            done = QRect(bar)
            done.setWidth(max(4, round(bar.width() * tile.view.progress)))
            painter.setBrush(STATUS_COLOUR[PageStatus.running])
            painter.drawRoundedRect(QRectF(done), 2, 2)

    def _star(self, painter: QPainter, rect: QRect) -> None:
        badge = QRect(rect.right() - 22, rect.top() + 4, 18, 18)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 120))
        painter.drawEllipse(badge)
        painter.setPen(_STAR)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "★")

    def _footer(self, painter: QPainter, palette: QPalette, rect: QRect, tile: Tile) -> None:
        page, view = tile.view.page, tile.view
        shown = tile.shown
        seed = shown.effective_seed if shown is not None else page.seed
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        font = QFont(painter.font())
        font.setBold(False)
        painter.setFont(font)
        left = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        right = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
        cost = credits_text(round(view.cost, 3)).split(" (")[0] if view.cost else ""
        painter.drawText(rect, right, cost)
        room = rect.adjusted(0, 0, -painter.fontMetrics().horizontalAdvance(cost) - 8, 0)
        text = self.tr("seed {seed}").format(seed=seed)
        if page.run:
            text += self.tr(" · run {n}").format(n=page.run + 1)
        painter.drawText(
            room,
            left,
            painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room.width()),
        )

    def _counter(self, painter: QPainter, rect: QRect, tile: Tile) -> None:
        """'2/4' on the result when the page has several to choose from ([ and ])."""
        count = len(tile.view.candidates)
        if count < 2:
            return
        text = f"{tile.choice + 1}/{count}"
        width = painter.fontMetrics().horizontalAdvance(text) + 10
        badge = QRect(rect.right() - width - 3, rect.bottom() - 20, width, 17)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 150))
        painter.drawRoundedRect(QRectF(badge), 8, 8)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
