"""The panels of the page on the canvas: their outlines in reading order, which are selected,
how far each one's job has got, and the undo stack of every edit.

Edits go through ``apply`` as undoable commands holding the whole list before and after (a
page has a handful of panels: copies are cheap, and undo is then exact). GUI thread only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from fluxdesk.core.jobs import JobState
from fluxdesk.core.panels import Panel, ReadingDirection, order_panels


class Pick(StrEnum):
    replace = "replace"  # a plain click
    toggle = "toggle"  # Ctrl (Cmd) + click
    add = "add"  # Shift + click


@dataclass(frozen=True, slots=True)
class PanelStatus:
    """How far a panel's job has got, for the badge on its number."""

    state: JobState
    progress: float | None = None


@dataclass(frozen=True, slots=True)
class _Snapshot:
    panels: tuple[Panel, ...]
    direction: ReadingDirection


class _Edit(QUndoCommand):
    def __init__(self, state: PanelsState, before: _Snapshot, after: _Snapshot, text: str):
        super().__init__(text)
        self._state, self._before, self._after = state, before, after

    def redo(self) -> None:
        self._state._restore(self._after)

    def undo(self) -> None:
        self._state._restore(self._before)


class PanelsState(QObject):
    changed = Signal()  # anything drawn changed: panels, order, selection, a draft, a badge
    edited = Signal()  # the panels or their order changed (keep them with the page)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._page: tuple[int, int] | None = None
        self._panels: tuple[Panel, ...] = ()
        self._direction = ReadingDirection.right_to_left
        self._selected: frozenset[int] = frozenset()
        self._status: dict[int, PanelStatus] = {}
        self._draft: Panel | None = None  # a panel being dragged, drawn in place of its own

    # --- reading ----------------------------------------------------------------------------

    def page_size(self) -> tuple[int, int] | None:
        return self._page

    def panels(self) -> tuple[Panel, ...]:
        return self._panels

    def shown_panels(self) -> tuple[Panel, ...]:
        """The panels with the one being dragged at its dragged place."""
        draft = self._draft
        if draft is None:
            return self._panels
        return tuple(draft if panel.id == draft.id else panel for panel in self._panels)

    def direction(self) -> ReadingDirection:
        return self._direction

    def selected_ids(self) -> list[int]:
        """Selected panels in reading order."""
        return [panel.id for panel in self._panels if panel.id in self._selected]

    def is_selected(self, panel_id: int) -> bool:
        return panel_id in self._selected

    def number_of(self, panel_id: int) -> int | None:
        """1-based place in reading order."""
        for number, panel in enumerate(self._panels, start=1):
            if panel.id == panel_id:
                return number
        return None

    def status(self, panel_id: int) -> PanelStatus | None:
        return self._status.get(panel_id)

    def border_px(self) -> float:
        """A typical frame line of this page, for a panel drawn by hand."""
        borders = sorted(panel.border_px for panel in self._panels if panel.border_px > 0)
        return borders[len(borders) // 2] if borders else 0.0

    # --- changing ---------------------------------------------------------------------------

    def reset(
        self,
        page: tuple[int, int] | None,
        panels: Sequence[Panel] = (),
        direction: ReadingDirection | None = None,
    ) -> None:
        """Another page (or its kept panels): no undo history, nothing selected."""
        self.undo_stack.clear()
        self._page = page
        self._panels = tuple(panels)
        if direction is not None:
            self._direction = direction
        self._selected = frozenset()
        self._status.clear()
        self._draft = None
        self.changed.emit()

    def set_page_size(self, page: tuple[int, int]) -> None:
        if page != self._page:
            self.reset(page)

    def apply(
        self, panels: Sequence[Panel], text: str, direction: ReadingDirection | None = None
    ) -> None:
        """An undoable edit (Ctrl+Z in the Panels tool takes it back)."""
        before = _Snapshot(self._panels, self._direction)
        after = _Snapshot(tuple(panels), direction or self._direction)
        if after != before:
            self.undo_stack.push(_Edit(self, before, after, text))

    def set_direction(self, direction: ReadingDirection) -> None:
        """Reads the page the other way: the panels are numbered again (undoable)."""
        if direction is not self._direction:
            self.apply(order_panels(self._panels, direction), self.tr("Reading order"), direction)

    def select(self, ids: Iterable[int], pick: Pick = Pick.replace) -> None:
        chosen = frozenset(ids)
        if pick is Pick.toggle:
            chosen = self._selected ^ chosen
        elif pick is Pick.add:
            chosen = self._selected | chosen
        if chosen != self._selected:
            self._selected = chosen
            self.changed.emit()

    def select_all(self) -> None:
        self.select(panel.id for panel in self._panels)

    def set_draft(self, draft: Panel | None) -> None:
        self._draft = draft
        self.changed.emit()

    def set_status(self, panel_id: int, status: PanelStatus | None) -> None:
        if status is None:
            self._status.pop(panel_id, None)
        else:
            self._status[panel_id] = status
        self.changed.emit()

    def _restore(self, snapshot: _Snapshot) -> None:
        self._panels = snapshot.panels
        self._direction = snapshot.direction
        ids = {panel.id for panel in self._panels}
        self._selected = frozenset(self._selected & ids)
        self._draft = None
        self.changed.emit()
        self.edited.emit()
