"""Undo for the Finish & Export panel: every change replaces the whole ``PrintState``, so one
command type covers page setup, placement, alignment and finishing. Changes to one control
in quick succession (a slider drag, spin box steps) merge into one undo step."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from fluxdesk.ui.printing.state import PrintState

MERGE_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class StateChange:
    """A panel's request: the new state, the undo text, and a merge key (-1: never merge)."""

    state: PrintState
    text: str
    merge_key: int = -1


class StateCommand(QUndoCommand):
    def __init__(
        self,
        apply: Callable[[PrintState], None],
        before: PrintState,
        change: StateChange,
    ) -> None:
        super().__init__(change.text)
        self._apply = apply
        self._before = before
        self._after = change.state
        self._merge_key = change.merge_key
        self._when = time.monotonic()

    def id(self) -> int:
        return self._merge_key

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, StateCommand) or other._when - self._when > MERGE_SECONDS:
            return False
        self._after = other._after
        self._when = other._when
        return True

    def redo(self) -> None:
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)
