"""The history's list/grid view: a QListView that repaints changed rows without laying out all
of them again."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QAbstractItemView, QListView

ModelIndex = QModelIndex | QPersistentModelIndex


class HistoryListView(QListView):
    def dataChanged(
        self, topLeft: ModelIndex, bottomRight: ModelIndex, roles: Sequence[int] = ()
    ) -> None:
        # QListView lays out every row again on any dataChanged (QListModeViewBase::dataChanged
        # -> doDelayedItemsLayout), even with uniform item sizes: with 10,000 entries that is
        # 20,000 calls into the Python model for each progress tick or thumbnail. History items
        # never change size with their data (the dock relayouts when the tile size changes),
        # so only repaint, as QAbstractItemView does.
        QAbstractItemView.dataChanged(self, topLeft, bottomRight, list(roles))
