"""The history: every job, its inputs and its result, kept on disk for good.

SQLite in WAL mode holds the metadata; images are content-addressed files under
``data/images/<sha256[:2]>/<sha256>.<ext>``, written to a temporary file, flushed and renamed,
and only then referenced from the database. A crash at any moment leaves either no trace of a
write or a complete one. Connections are short-lived (one per call), so any thread may use the
store. Blocking; in the GUI call it from a worker thread.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fluxdesk.core.api.models import DownloadedImage, GenerationRequest, TaskHandle
from fluxdesk.core.atomic import atomic_write_bytes
from fluxdesk.core.errors import FluxError, StorageError
from fluxdesk.core.history.schema import migrate
from fluxdesk.core.jobs import JobId, JobState

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StoredImage:
    sha256: str
    path: Path
    format: str
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class JobRecord:
    id: JobId
    created_at: float
    source: str
    api_base: str
    model: str
    prompt: str
    seed: int | None
    request: GenerationRequest
    price_estimate: float | None
    state: JobState
    progress: float | None
    task_id: str | None
    polling_url: str | None
    submitted_at: float | None
    ready_at: float | None
    finished_at: float | None
    cost: float | None
    result: StoredImage | None
    result_seed: int | None
    error_kind: str | None
    error_message: str | None
    parent_id: JobId | None
    settings_from: JobId | None
    edit_kind: str | None = None  # "region", "fill", "expand": the result is a composed page
    page_path: Path | None = None  # the full-resolution page a page edit was placed on

    @property
    def handle(self) -> TaskHandle | None:
        if self.task_id and self.polling_url:
            return TaskHandle(self.task_id, self.polling_url, self.cost)
        return None


@dataclass(frozen=True, slots=True)
class PageEditRecord:
    """How a page edit's result was made: the model's raw output placed on a page."""

    kind: str
    page_path: Path | None
    page_size: tuple[int, int]
    raw_sha256: str
    plan_json: str


_FORMAT_EXT = {"png": "png", "jpeg": "jpg", "webp": "webp"}


def _storage_error(exc: OSError | sqlite3.Error, what: str) -> StorageError:
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "full" in str(exc).lower():
        return StorageError(
            f"The disk is full, so {what} could not be saved. Free some space; nothing already "
            "in the history was lost.",
            detail=str(exc),
        )
    return StorageError(f"{what.capitalize()} could not be saved ({exc}).", detail=str(exc))


class HistoryStore:
    def __init__(self, db_path: Path, images_dir: Path) -> None:
        self.db_path = db_path
        self.images_dir = images_dir

    @classmethod
    def open(cls, db_path: Path, images_dir: Path) -> HistoryStore:
        """Creates or migrates the database. Raises sqlite3.DatabaseError if it is unreadable."""
        db_path.parent.mkdir(parents=True, exist_ok=True)
        images_dir.mkdir(parents=True, exist_ok=True)
        store = cls(db_path, images_dir)
        with store._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            migrate(db)
        return store

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
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
    def _write(self, what: str) -> Iterator[sqlite3.Connection]:
        """One immediate transaction; disk problems become a StorageError."""
        try:
            with self._connect() as db:
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

    def _write_file(self, path: Path, data: bytes) -> None:
        if path.exists() and path.stat().st_size == len(data):
            return  # content-addressed: the same bytes are already there
        atomic_write_bytes(path, data)

    def add_image(self, data: bytes, fmt: str, width: int, height: int) -> StoredImage:
        sha = hashlib.sha256(data).hexdigest()
        path = self.image_path(sha, fmt)
        try:
            self._write_file(path, data)
        except OSError as exc:
            raise _storage_error(exc, "the image") from exc
        with self._write("the image") as db:
            self._insert_image(db, sha, path, fmt, width, height, len(data))
        return StoredImage(sha, path, fmt, width, height)

    def _insert_image(
        self,
        db: sqlite3.Connection,
        sha: str,
        path: Path,
        fmt: str,
        width: int,
        height: int,
        size: int,
    ) -> None:
        db.execute(
            "INSERT OR IGNORE INTO images (sha256, rel_path, format, width, height, bytes, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (sha, str(path.relative_to(self.images_dir)), fmt, width, height, size, time.time()),
        )

    def _image_from_row(self, row: sqlite3.Row | None) -> StoredImage | None:
        if row is None:
            return None
        return StoredImage(
            row["sha256"],
            self.images_dir / row["rel_path"],
            row["format"],
            row["width"],
            row["height"],
        )

    def get_image(self, sha256: str) -> StoredImage | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM images WHERE sha256 = ?", (sha256,)).fetchone()
        return self._image_from_row(row)

    def image_bytes(self, sha256: str) -> bytes:
        image = self.get_image(sha256)
        if image is None:
            raise StorageError(f"An input image ({sha256[:12]}…) is missing from the history.")
        try:
            return image.path.read_bytes()
        except OSError as exc:
            raise StorageError(f"An input image could not be read ({exc}).") from exc

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
    ) -> None:
        """Records a job before anything is sent. Its inputs must already be stored."""
        now = time.time()
        with self._write("the job") as db:
            db.execute(
                "INSERT INTO jobs (id, created_at, updated_at, source, provider, api_base, model, "
                "prompt, seed, request_json, price_estimate, state, parent_id, settings_from) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    job_id,
                    now,
                    now,
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
                ),
            )
            db.executemany(
                "INSERT INTO job_inputs (job_id, slot, sha256) VALUES (?, ?, ?)",
                [(job_id, image.slot, image.sha256) for image in request.inputs],
            )

    def _update(self, job_id: JobId, what: str, **columns: object) -> None:
        columns["updated_at"] = time.time()
        assignments = ", ".join(f"{name} = ?" for name in columns)
        with self._write(what) as db:
            db.execute(
                f"UPDATE jobs SET {assignments} WHERE id = ?",  # column names are ours, never input
                (*columns.values(), job_id),
            )

    def mark_state(self, job_id: JobId, state: JobState, progress: float | None = None) -> None:
        self._update(job_id, "the job's progress", state=state, progress=progress)

    def mark_submitted(self, job_id: JobId, handle: TaskHandle) -> None:
        self._update(
            job_id,
            "the job's task id",
            state=JobState.running,
            progress=0.0,
            task_id=handle.task_id,
            polling_url=handle.polling_url,
            cost=handle.cost,
            submitted_at=time.time(),
        )

    def mark_ready(self, job_id: JobId) -> None:
        """The result exists at BFL (paid); its link is valid for 10 minutes from now."""
        self._update(job_id, "the job's state", state=JobState.downloading, ready_at=time.time())

    def save_result(self, job_id: JobId, image: DownloadedImage, seed: int | None) -> StoredImage:
        """Writes the delivered bytes unchanged, then marks the job succeeded, atomically."""
        sha = hashlib.sha256(image.data).hexdigest()
        path = self.image_path(sha, image.format)
        try:
            self._write_file(path, image.data)
        except OSError as exc:
            raise _storage_error(exc, "the result") from exc
        now = time.time()
        with self._write("the result") as db:
            self._insert_image(
                db, sha, path, image.format, image.width, image.height, len(image.data)
            )
            db.execute(
                "UPDATE jobs SET state = ?, progress = 1.0, result_sha256 = ?, result_seed = ?, "
                "finished_at = ?, updated_at = ?, error_kind = NULL, error_message = NULL "
                "WHERE id = ?",
                (JobState.succeeded, sha, seed, now, now, job_id),
            )
        return StoredImage(sha, path, image.format, image.width, image.height)

    def save_page_edit(
        self, job_id: JobId, edit: PageEditRecord, composed: bytes, size: tuple[int, int]
    ) -> StoredImage:
        """Makes the composed page (PNG bytes) the job's result, keeping the raw output and the
        placement in ``page_edits``, atomically. The job must already have its raw result."""
        sha = hashlib.sha256(composed).hexdigest()
        path = self.image_path(sha, "png")
        try:
            self._write_file(path, composed)
        except OSError as exc:
            raise _storage_error(exc, "the composed page") from exc
        with self._write("the composed page") as db:
            self._insert_image(db, sha, path, "png", size[0], size[1], len(composed))
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
                    time.time(),
                ),
            )
            db.execute(
                "UPDATE jobs SET result_sha256 = ?, updated_at = ? WHERE id = ?",
                (sha, time.time(), job_id),
            )
        return StoredImage(sha, path, "png", size[0], size[1])

    def get_page_edit(self, job_id: str) -> PageEditRecord | None:
        with self._connect() as db:
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
        self._update(
            job_id,
            "the job's state",
            state=JobState.failed,
            error_kind=error.kind,
            error_message=error.user_message,
            finished_at=time.time(),
        )

    def mark_cancelled(self, job_id: JobId) -> None:
        self._update(job_id, "the job's state", state=JobState.cancelled, finished_at=time.time())

    # --- reading ----------------------------------------------------------------------------

    _JOB_SELECT = (
        "SELECT jobs.*, images.sha256 AS r_sha, images.rel_path AS r_path, "
        "images.format AS r_format, images.width AS r_width, images.height AS r_height, "
        "page_edits.kind AS e_kind, page_edits.page_path AS e_page "
        "FROM jobs LEFT JOIN images ON images.sha256 = jobs.result_sha256 "
        "LEFT JOIN page_edits ON page_edits.job_id = jobs.id"
    )

    def _record(self, row: sqlite3.Row) -> JobRecord:
        result = None
        if row["r_sha"]:
            result = StoredImage(
                row["r_sha"],
                self.images_dir / row["r_path"],
                row["r_format"],
                row["r_width"],
                row["r_height"],
            )
        return JobRecord(
            id=JobId(row["id"]),
            created_at=row["created_at"],
            source=row["source"],
            api_base=row["api_base"],
            model=row["model"],
            prompt=row["prompt"],
            seed=row["seed"],
            request=GenerationRequest.from_json(row["request_json"]),
            price_estimate=row["price_estimate"],
            state=JobState(row["state"]),
            progress=row["progress"],
            task_id=row["task_id"],
            polling_url=row["polling_url"],
            submitted_at=row["submitted_at"],
            ready_at=row["ready_at"],
            finished_at=row["finished_at"],
            cost=row["cost"],
            result=result,
            result_seed=row["result_seed"],
            error_kind=row["error_kind"],
            error_message=row["error_message"],
            parent_id=row["parent_id"],
            settings_from=row["settings_from"],
            edit_kind=row["e_kind"],
            page_path=Path(row["e_page"]) if row["e_page"] else None,
        )

    def get_job(self, job_id: str) -> JobRecord | None:
        with self._connect() as db:
            row = db.execute(f"{self._JOB_SELECT} WHERE jobs.id = ?", (job_id,)).fetchone()
        return self._record(row) if row else None

    def list_jobs(self, limit: int = 100, offset: int = 0) -> list[JobRecord]:
        """Newest first."""
        with self._connect() as db:
            rows = db.execute(
                f"{self._JOB_SELECT} ORDER BY jobs.created_at DESC, jobs.rowid DESC "
                "LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
        return [self._record(row) for row in rows]

    def unfinished_jobs(self) -> list[JobRecord]:
        """Jobs a crash or kill interrupted: not in a terminal state."""
        terminal = (JobState.succeeded, JobState.failed, JobState.cancelled)
        with self._connect() as db:
            rows = db.execute(
                f"{self._JOB_SELECT} WHERE jobs.state NOT IN (?, ?, ?) ORDER BY jobs.created_at",
                terminal,
            ).fetchall()
        return [self._record(row) for row in rows]

    def count_jobs(self) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM jobs").fetchone()[0])
