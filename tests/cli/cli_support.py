"""Shared by the command-line tests: the runner's type and the history the commands wrote."""

from __future__ import annotations

from collections.abc import Callable

from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.paths import AppPaths

RunCli = Callable[..., tuple[int, str, str]]


def open_history() -> HistoryStore:
    """The history the commands wrote (the data folder the tests' environment points to)."""
    paths = AppPaths.default()
    return HistoryStore.open(paths.history_db, paths.images)
