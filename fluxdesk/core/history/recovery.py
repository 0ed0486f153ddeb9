"""Opening the history, and what to do when the database file is damaged.

A database that cannot be read is never deleted: it is renamed aside (with its WAL files) and a
fresh one is started, and the caller tells the artist where the old one went. Images are
separate files and are not touched.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

from fluxdesk.core.history.schema import is_busy
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.paths import AppPaths

log = logging.getLogger(__name__)


def _newer_version(exc: sqlite3.DatabaseError) -> bool:
    return "newer than this FluxDesk" in str(exc)


def open_history_or_recover(paths: AppPaths) -> tuple[HistoryStore, Path | None]:
    """The store, and the path the damaged database was moved to (None if it was fine)."""
    try:
        return HistoryStore.open(paths.history_db, paths.images), None
    except sqlite3.DatabaseError as exc:
        if _newer_version(exc) or is_busy(exc):
            raise  # not damage: the file must stay where it is
        log.error("history database unreadable (%s); starting a new one", exc)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = paths.history_db.with_name(f"{paths.history_db.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{paths.history_db}{suffix}")
        if source.exists():
            source.replace(Path(f"{backup}{suffix}"))
    return HistoryStore.open(paths.history_db, paths.images), backup
