"""The history: every job, its inputs and its result, kept on disk for good.

SQLite in WAL mode holds the metadata; images are content-addressed files under
``data/images/<sha256[:2]>/<sha256>.<ext>``, written to a temporary file, flushed and renamed,
and only then referenced from the database. A crash at any moment leaves either no trace of a
write or a complete one. Connections are short-lived (one per call), so any thread may use the
store. Blocking; in the GUI call it from a worker thread.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import logging
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from fluxdesk.core.api.models import DownloadedImage, GenerationRequest, TaskHandle
from fluxdesk.core.atomic import atomic_write_bytes
from fluxdesk.core.errors import FluxError, StorageError
from fluxdesk.core.history.leases import InstanceLease
from fluxdesk.core.history.records import (
    JOB_SELECT,
    JobRecord,
    PageEditRecord,
    StoredImage,
    record_from_row,
)
from fluxdesk.core.history.schema import is_busy, migrate
from fluxdesk.core.jobs import JobId, JobState
from fluxdesk.core.messages import Message, message_json

__all__ = ["HistoryStore", "JobRecord", "PageEditRecord", "StoredImage"]

log = logging.getLogger(__name__)


_FORMAT_EXT = {"png": "png", "jpeg": "jpg", "webp": "webp"}
OPEN_PATIENCE_S = 30.0  # how long opening waits for another process's migration


def _storage_error(exc: OSError | sqlite3.Error, what: str) -> StorageError:
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "full" in str(exc).lower():
        return StorageError(
            Message(
                "The disk is full, so {what} could not be saved. Free some space; nothing"
                " already in the history was lost.",
                what=what,
            ),
            detail=str(exc),
        )
    return StorageError(
        Message(
            "Could not save {what} ({reason}).",
            what=what,
            reason=str(exc),
        ),
        detail=str(exc),
    )


class HistoryStore:
    def __init__(self, db_path: Path, images_dir: Path) -> None:
        self.db_path = db_path
        self.images_dir = images_dir
        # The token of this process's InstanceLease, recorded on the jobs it starts.
        self.owner: str | None = None

    @classmethod
    def open(cls, db_path: Path, images_dir: Path) -> HistoryStore:
        """Creates or migrates the database. Raises sqlite3.DatabaseError if it is unreadable."""
        db_path.parent.mkdir(parents=True, exist_ok=True)
        images_dir.mkdir(parents=True, exist_ok=True)
        store = cls(db_path, images_dir)
        # Two processes starting at once (a window and `fluxdesk generate`) may both create or
        # migrate the file; some of SQLite's answers then are "locked" without waiting.
        deadline = time.monotonic() + OPEN_PATIENCE_S
        while True:
            try:
                with store.read() as db:
                    if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                        db.execute("PRAGMA journal_mode=WAL")  # kept in the file from then on
                    migrate(db)
                return store
            except sqlite3.OperationalError as exc:
                if not is_busy(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    @property
    def leases_dir(self) -> Path:
        return self.db_path.parent / "instances"

    def claim_instance(self) -> InstanceLease:
        """Takes this process's lease; jobs started from now on are recorded as ours."""
        lease = InstanceLease.acquire(self.leases_dir)
        self.owner = lease.token
        return lease

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A short-lived connection (autocommit) for this thread."""
        db = sqlite3.connect(self.db_path, timeout=10.0, isolation_level=None)
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA foreign_keys=ON")
            # FULL: a committed result survives power loss, not only a crash of the app.
            db.execute("PRAGMA synchronous=FULL")
            yield db
        finally:
            db.close()

    @contextlib.contextmanager
    def transaction(self, what: str) -> Iterator[sqlite3.Connection]:
        """One immediate transaction; disk problems become a StorageError about `what`."""
        try:
            with self.read() as db:
                db.execute("BEGIN IMMEDIATE")
                try:
                    yield db
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            raise _storage_error(exc, what) from exc

    # --- images -----------------------------------------------------------------------------

    def image_path(self, sha256: str, fmt: str) -> Path:
        return self.images_dir / sha256[:2] / f"{sha256}.{_FORMAT_EXT.get(fmt, fmt)}"

    def _store_image(
        self, db: sqlite3.Connection, data: bytes, fmt: str, width: int, height: int, what: str
    ) -> StoredImage:
        """Writes the file and its row inside the caller's write transaction, so a purge of
        unused images (which holds the same lock) can never delete a file being reused."""
        sha = hashlib.sha256(data).hexdigest()
        path = self.image_path(sha, fmt)
        try:
            if not (path.exists() and path.stat().st_size == len(data)):
                atomic_write_bytes(path, data)  # content-addressed: same name, same bytes
        except OSError as exc:
            raise _storage_error(exc, what) from exc
        db.execute(
            "INSERT INTO images (sha256, rel_path, format, width, height, bytes, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) "
            # Reused: refresh the time, so a purge running now leaves it alone.
            "ON CONFLICT(sha256) DO UPDATE SET created_at = excluded.created_at",
            (
                sha,
                str(path.relative_to(self.images_dir)),
                fmt,
                width,
                height,
                len(data),
                time.time(),
            ),
        )
        return StoredImage(sha, path, fmt, width, height)

    def add_image(self, data: bytes, fmt: str, width: int, height: int) -> StoredImage:
        with self.transaction(Message("the image")) as db:
            return self._store_image(db, data, fmt, width, height, Message("the image"))

    def get_image(self, sha256: str) -> StoredImage | None:
        with self.read() as db:
            row = db.execute("SELECT * FROM images WHERE sha256 = ?", (sha256,)).fetchone()
        if row is None:
            return None
        path = self.images_dir / row["rel_path"]
        return StoredImage(row["sha256"], path, row["format"], row["width"], row["height"])

    def image_bytes(self, sha256: str) -> bytes:
        image = self.get_image(sha256)
        if image is None:
            raise StorageError(
                Message(
                    "An input image ({sha256}…) is missing from the history.",
                    sha256=sha256[:12],
                )
            )
        try:
            return image.path.read_bytes()
        except OSError as exc:
            raise StorageError(
                Message(
                    "An input image could not be read ({exc}).",
                    exc=exc,
                )
            ) from exc

    # --- jobs -------------------------------------------------------------------------------

    def create_job(
        self,
        job_id: JobId,
        request: GenerationRequest,
        *,
        source: str,
        api_base: str,
        price_estimate: float | None,
        parent_id: JobId | None = None,
        settings_from: JobId | None = None,
        provider: str = "bfl",
        page_id: int | None = None,
        created_at: float | None = None,
    ) -> None:
        """Records a job before anything is sent. Its inputs must already be stored."""
        now = time.time() if created_at is None else created_at
        with self.transaction(Message("the job")) as db:
            self._insert_job(
                db,
                job_id,
                request,
                (now, source, provider, api_base, price_estimate),
                (parent_id, settings_from, page_id),
            )

    def _insert_job(
        self,
        db: sqlite3.Connection,
        job_id: JobId,
        request: GenerationRequest,
        origin: tuple[float, str, str, str, float | None],
        links: tuple[JobId | None, JobId | None, int | None],
    ) -> None:
        """The job's row (queued) and its inputs: `origin` is (created_at, source, provider,
        api_base, price_estimate), `links` (parent_id, settings_from, page_id)."""
        created_at, source, provider, api_base, price_estimate = origin
        parent_id, settings_from, page_id = links
        db.execute(
            "INSERT INTO jobs (id, created_at, updated_at, source, provider, api_base, model, "
            "prompt, seed, request_json, price_estimate, state, parent_id, settings_from, "
            "page_id, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                job_id,
                created_at,
                created_at,
                source,
                provider,
                api_base,
                request.model,
                request.prompt,
                request.seed,
                request.to_json(),
                price_estimate,
                JobState.queued,
                parent_id,
                settings_from,
                page_id,
                self.owner,
            ),
        )
        db.executemany(
            "INSERT INTO job_inputs (job_id, slot, sha256) VALUES (?, ?, ?)",
            [(job_id, image.slot, image.sha256) for image in request.inputs],
        )

    def _update(self, job_id: JobId, what: str, **columns: object) -> None:
        columns["updated_at"] = time.time()
        assignments = ", ".join(f"{name} = ?" for name in columns)
        with self.transaction(what) as db:
            db.execute(
                f"UPDATE jobs SET {assignments} WHERE id = ?",  # column names are ours, never input
                (*columns.values(), job_id),
            )

    def mark_state(self, job_id: JobId, state: JobState, progress: float | None = None) -> None:
        self._update(job_id, Message("the job's progress"), state=state, progress=progress)

    def mark_submitting(self, job_id: JobId) -> None:
        self._update(
            job_id, Message("the job's state"), state=JobState.submitting, started_at=time.time()
        )

    def mark_submitted(self, job_id: JobId, handle: TaskHandle) -> None:
        self._update(
            job_id,
            Message("the job's task id"),
            state=JobState.running,
            progress=0.0,
            task_id=handle.task_id,
            polling_url=handle.polling_url,
            cost=handle.cost,
            submitted_at=time.time(),
        )

    def mark_ready(self, job_id: JobId) -> None:
        """The result exists at BFL (paid); its link is valid for 10 minutes from the first
        time it was seen ready (a resumed job keeps that time: the window does not move)."""
        now = time.time()
        with self.transaction(Message("the job's state")) as db:
            db.execute(
                "UPDATE jobs SET state = ?, ready_at = COALESCE(ready_at, ?), updated_at = ? "
                "WHERE id = ?",
                (JobState.downloading, now, now, job_id),
            )

    def save_result(self, job_id: JobId, image: DownloadedImage, seed: int | None) -> StoredImage:
        """Writes the delivered bytes unchanged, then marks the job succeeded, atomically."""
        now = time.time()
        with self.transaction(Message("the result")) as db:
            stored = self._store_image(
                db, image.data, image.format, image.width, image.height, Message("the result")
            )
            db.execute(
                "UPDATE jobs SET state = ?, progress = 1.0, result_sha256 = ?, result_seed = ?, "
                "finished_at = ?, updated_at = ?, error_kind = NULL, error_message = NULL, "
                "error_message_json = NULL WHERE id = ?",
                (JobState.succeeded, stored.sha256, seed, now, now, job_id),
            )
        return stored

    def save_page_edit(
        self, job_id: JobId, edit: PageEditRecord, composed: bytes, size: tuple[int, int]
    ) -> StoredImage:
        """Makes the composed page (PNG bytes) the job's result, keeping the raw output and the
        placement in ``page_edits``, atomically. The job must already have its raw result."""
        now = time.time()
        with self.transaction(Message("the composed page")) as db:
            stored = self._store_image(
                db, composed, "png", size[0], size[1], Message("the composed page")
            )
            self._insert_page_edit(db, job_id, edit, now)
            db.execute(
                "UPDATE jobs SET result_sha256 = ?, updated_at = ? WHERE id = ?",
                (stored.sha256, now, job_id),
            )
        return stored

    def save_local_page(
        self,
        job_id: JobId,
        request: GenerationRequest,
        edit: PageEditRecord,
        page: bytes,
        size: tuple[int, int],
        *,
        source: str,
        parent_id: JobId | None = None,
        page_id: int | None = None,
    ) -> StoredImage:
        """An entry made on this computer, not by a provider (a page composed from panel
        results): recorded finished with `page` (PNG bytes) as its result, and its page edit,
        in one transaction. Nothing was sent, so it costs nothing. With no raw model output,
        the edit's raw image is the page itself."""
        now = time.time()
        what = Message("the composed page")
        with self.transaction(what) as db:
            stored = self._store_image(db, page, "png", size[0], size[1], what)
            origin = (now, source, request.provider, "", None)
            self._insert_job(db, job_id, request, origin, (parent_id, None, page_id))
            raw = edit.raw_sha256 or stored.sha256
            self._insert_page_edit(db, job_id, dataclasses.replace(edit, raw_sha256=raw), now)
            db.execute(
                "UPDATE jobs SET state = ?, progress = 1.0, result_sha256 = ?, finished_at = ? "
                "WHERE id = ?",
                (JobState.succeeded, stored.sha256, now, job_id),
            )
        return stored

    @staticmethod
    def _insert_page_edit(
        db: sqlite3.Connection, job_id: JobId, edit: PageEditRecord, now: float
    ) -> None:
        db.execute(
            "INSERT OR REPLACE INTO page_edits (job_id, kind, page_path, page_width, "
            "page_height, raw_sha256, plan_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                job_id,
                edit.kind,
                str(edit.page_path) if edit.page_path else None,
                edit.page_size[0],
                edit.page_size[1],
                edit.raw_sha256,
                edit.plan_json,
                now,
            ),
        )

    def get_page_edit(self, job_id: str) -> PageEditRecord | None:
        with self.read() as db:
            row = db.execute("SELECT * FROM page_edits WHERE job_id = ?", (job_id,)).fetchone()
        if row is None:
            return None
        return PageEditRecord(
            row["kind"],
            Path(row["page_path"]) if row["page_path"] else None,
            (row["page_width"], row["page_height"]),
            row["raw_sha256"],
            row["plan_json"],
        )

    def mark_failed(self, job_id: JobId, error: FluxError) -> None:
        self.mark_ended(job_id, JobState.failed, error.kind, error.user_message)

    def mark_cancelled(self, job_id: JobId) -> None:
        self._update(
            job_id, Message("the job's state"), state=JobState.cancelled, finished_at=time.time()
        )

    def mark_ended(
        self, job_id: JobId, state: JobState, kind: str | None, message: str | None
    ) -> None:
        """A terminal state with the reason an artist reads (failed, or cancelled by recovery)."""
        self._update(
            job_id,
            Message("the job's state"),
            state=state,
            error_kind=kind,
            error_message=message,
            error_message_json=message_json(message),
            finished_at=time.time(),
        )

    def mark_paused(self, job_id: JobId, error: FluxError) -> None:
        """The run stopped but the job is not over (still running or downloading at BFL):
        keep its state and say why, so it can be resumed."""
        self.note(job_id, error.kind, error.user_message)

    def note(self, job_id: JobId, kind: str, message: str) -> None:
        """Why an unfinished job is waiting; its state is left as it is."""
        self._update(
            job_id,
            Message("the job's state"),
            error_kind=kind,
            error_message=message,
            error_message_json=message_json(message),
        )

    def claim_job(self, job_id: JobId, previous_owner: str | None) -> bool:
        """Makes this instance the job's owner if nobody else claimed it meanwhile."""
        with self.transaction(Message("the job's owner")) as db:
            cursor = db.execute(
                "UPDATE jobs SET owner = ? WHERE id = ? AND owner IS ?",
                (self.owner, job_id, previous_owner),
            )
        return cursor.rowcount == 1

    def mark_resumed(self, job_id: JobId) -> None:
        now = time.time()
        with self.transaction(Message("the job's state")) as db:
            db.execute(
                "UPDATE jobs SET resumed_at = ?, resume_count = resume_count + 1, "
                "updated_at = ? WHERE id = ?",
                (now, now, job_id),
            )

    # --- reading ----------------------------------------------------------------------------

    def _record(self, row: sqlite3.Row) -> JobRecord:
        return record_from_row(row, self.images_dir)

    def get_job(self, job_id: str) -> JobRecord | None:
        with self.read() as db:
            row = db.execute(f"{JOB_SELECT} WHERE jobs.id = ?", (job_id,)).fetchone()
        return self._record(row) if row else None

    def get_jobs(self, job_ids: list[JobId] | tuple[JobId, ...]) -> list[JobRecord]:
        """The records of `job_ids` that exist, in the order asked."""
        found: dict[str, JobRecord] = {}
        with self.read() as db:
            for start in range(0, len(job_ids), 500):  # SQLite's variable limit is higher
                chunk = list(job_ids[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"{JOB_SELECT} WHERE jobs.id IN ({marks})", chunk).fetchall()
                found.update((row["id"], self._record(row)) for row in rows)
        return [found[job_id] for job_id in job_ids if job_id in found]

    def list_jobs(self, limit: int = 100, offset: int = 0) -> list[JobRecord]:
        """Newest first (the trash included)."""
        with self.read() as db:
            rows = db.execute(
                f"{JOB_SELECT} ORDER BY jobs.created_at DESC, jobs.rowid DESC LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
        return [self._record(row) for row in rows]

    def unfinished_jobs(self) -> list[JobRecord]:
        """Jobs not in a terminal state (running now, or interrupted by a crash or kill)."""
        terminal = (JobState.succeeded, JobState.failed, JobState.cancelled)
        with self.read() as db:
            rows = db.execute(
                f"{JOB_SELECT} WHERE jobs.state NOT IN (?, ?, ?) ORDER BY jobs.created_at",
                terminal,
            ).fetchall()
        return [self._record(row) for row in rows]

    def count_jobs(self) -> int:
        with self.read() as db:
            return int(db.execute("SELECT COUNT(*) FROM jobs").fetchone()[0])
