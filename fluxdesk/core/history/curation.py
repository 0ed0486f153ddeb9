"""Star, reject, and delete with undo: deleted entries go to a trash and are purged later.

Purging removes the entries for good, then the image files no other entry uses (inputs are
shared between entries: the same pencils are stored once). Blocking; worker thread in the GUI.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId, JobState
from fluxdesk.core.messages import Message

log = logging.getLogger(__name__)

TRASH_DAYS = 30  # entries stay in the trash this long before the automatic purge
# An image stored this recently is never purged: another window may be about to use it.
_IMAGE_GRACE = 3600.0


@dataclass(frozen=True, slots=True)
class PurgeSummary:
    entries: int
    files: int
    bytes: int


def _marks(ids: Sequence[str]) -> str:
    return ",".join("?" * len(ids))


def set_flag(store: HistoryStore, ids: Sequence[JobId], flag: str, on: bool) -> None:
    """Stars or rejects entries (`flag` is "starred" or "rejected"); a star and a reject
    exclude each other."""
    if flag not in ("starred", "rejected") or not ids:
        raise ValueError(f"unknown flag {flag!r}" if ids else "no entries")
    other = "rejected" if flag == "starred" else "starred"
    clear_other = f", {other} = 0" if on else ""
    with store.transaction(Message("the change")) as db:
        db.execute(
            f"UPDATE jobs SET {flag} = ?{clear_other} WHERE id IN ({_marks(ids)})",
            (int(on), *ids),
        )


def move_to_trash(store: HistoryStore, ids: Sequence[JobId]) -> list[JobId]:
    """Moves finished entries to the trash (running ones stay); returns those moved."""
    if not ids:
        return []
    terminal = (JobState.succeeded, JobState.failed, JobState.cancelled)
    with store.transaction(Message("the deletion")) as db:
        moved = [
            JobId(row[0])
            for row in db.execute(
                f"SELECT id FROM jobs WHERE id IN ({_marks(ids)}) AND deleted_at IS NULL "
                "AND state IN (?, ?, ?)",
                (*ids, *terminal),
            )
        ]
        if moved:
            db.execute(
                f"UPDATE jobs SET deleted_at = ? WHERE id IN ({_marks(moved)})",
                (time.time(), *moved),
            )
    return moved


def restore_from_trash(store: HistoryStore, ids: Sequence[JobId]) -> None:
    if ids:
        with store.transaction(Message("the restore")) as db:
            db.execute(f"UPDATE jobs SET deleted_at = NULL WHERE id IN ({_marks(ids)})", ids)


def purge_trash(
    store: HistoryStore,
    *,
    older_than_days: float | None = TRASH_DAYS,
    ids: Sequence[JobId] | None = None,
    now: float | None = None,
) -> PurgeSummary:
    """Deletes trashed entries for good: those in the trash longer than `older_than_days`
    (None: all of them), or just `ids`. Then removes the image files nothing uses any more."""
    moment = time.time() if now is None else now
    where, params = "deleted_at IS NOT NULL", []
    if ids is not None:
        if not ids:
            return PurgeSummary(0, 0, 0)
        where += f" AND id IN ({_marks(ids)})"
        params.extend(ids)
    if older_than_days is not None:
        where += " AND deleted_at < ?"
        params.append(moment - older_than_days * 86400)
    files = size = 0
    with store.transaction(Message("the trash")) as db:
        doomed = [row[0] for row in db.execute(f"SELECT id FROM jobs WHERE {where}", params)]
        if not doomed:
            return PurgeSummary(0, 0, 0)
        candidates = {
            row[0]
            for row in db.execute(
                f"SELECT result_sha256 FROM jobs WHERE id IN ({_marks(doomed)}) "
                f"AND result_sha256 IS NOT NULL UNION SELECT sha256 FROM job_inputs "
                f"WHERE job_id IN ({_marks(doomed)}) UNION SELECT raw_sha256 FROM page_edits "
                f"WHERE job_id IN ({_marks(doomed)})",
                (*doomed, *doomed, *doomed),
            )
        }
        db.execute(f"DELETE FROM jobs WHERE id IN ({_marks(doomed)})", doomed)
        # Still inside the write lock: nobody can start using one of these images meanwhile.
        for sha in candidates:
            row = db.execute(
                "SELECT rel_path, bytes, created_at FROM images WHERE sha256 = ? "
                "AND NOT EXISTS (SELECT 1 FROM jobs WHERE result_sha256 = ?) "
                "AND NOT EXISTS (SELECT 1 FROM job_inputs WHERE sha256 = ?) "
                "AND NOT EXISTS (SELECT 1 FROM page_edits WHERE raw_sha256 = ?) "
                # A chapter batch keeps its pages' scans (it reopens without their folder).
                "AND NOT EXISTS (SELECT 1 FROM batch_pages WHERE source_sha256 = ?)",
                (sha, sha, sha, sha, sha),
            ).fetchone()
            if row is None or row["created_at"] > moment - _IMAGE_GRACE:
                continue
            db.execute("DELETE FROM images WHERE sha256 = ?", (sha,))
            with contextlib.suppress(FileNotFoundError):
                (store.images_dir / row["rel_path"]).unlink()
            files += 1
            size += row["bytes"]
    log.info("purged %d entries and %d unused images from the trash", len(doomed), files)
    return PurgeSummary(len(doomed), files, size)


def trash_count(store: HistoryStore) -> int:
    with store.read() as db:
        return int(
            db.execute("SELECT COUNT(*) FROM jobs WHERE deleted_at IS NOT NULL").fetchone()[0]
        )
