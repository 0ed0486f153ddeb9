"""Another process holding the history while this one opens it: wait, and if it lasts, fail
clearly. A locked database is never taken for a damaged one (that would move it aside)."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from fluxdesk.core.history import store as store_module
from fluxdesk.core.history.recovery import open_history_or_recover
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.paths import AppPaths


def _hold(paths: AppPaths) -> sqlite3.Connection:
    holder = sqlite3.connect(paths.history_db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    return holder


def test_a_database_held_for_long_is_an_error_and_stays_in_place(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = AppPaths.under(tmp_path)
    paths.ensure()
    HistoryStore.open(paths.history_db, paths.images)
    with sqlite3.connect(paths.history_db) as db:
        db.execute("PRAGMA journal_mode=DELETE")  # opening must switch it (an exclusive step)
    holder = _hold(paths)
    monkeypatch.setattr(store_module, "OPEN_PATIENCE_S", 0.3)
    monkeypatch.setattr(sqlite3, "connect", _quick_connect(sqlite3.connect))
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        open_history_or_recover(paths)
    holder.rollback()
    holder.close()
    assert not list(paths.history_db.parent.glob("*.damaged-*"))
    _store, recovered_from = open_history_or_recover(paths)
    assert recovered_from is None


def test_opening_waits_for_another_process_to_finish(tmp_path) -> None:
    paths = AppPaths.under(tmp_path)
    paths.ensure()
    HistoryStore.open(paths.history_db, paths.images)
    holder = _hold(paths)
    released = threading.Timer(0.5, holder.rollback)
    released.start()
    try:
        store, recovered_from = open_history_or_recover(paths)
    finally:
        released.join()
        holder.close()
    assert recovered_from is None and store.list_jobs() == []


def _quick_connect(connect):  # type: ignore[no-untyped-def]
    """SQLite's own wait (10 s) shortened, so the test sees the store's patience run out."""

    def quick(*args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["timeout"] = 0.05
        return connect(*args, **kwargs)

    return quick
