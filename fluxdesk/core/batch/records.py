"""Chapter batches in the history database (tables ``batches``, ``batch_pages``,
``batch_jobs``; see schema v8). Blocking; in the GUI call these from a worker thread."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass

from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.batch.model import (
    MAX_PAGES,
    Batch,
    BatchPage,
    BatchSettings,
    BatchView,
    PageView,
    SeedPolicy,
)
from fluxdesk.core.errors import InputError
from fluxdesk.core.history import curation
from fluxdesk.core.history.leases import owner_alive
from fluxdesk.core.history.projects import add_page, new_page_path
from fluxdesk.core.history.records import JOB_SELECT, StoredImage, record_from_row
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId
from fluxdesk.core.messages import Message


@dataclass(frozen=True, slots=True)
class PageSource:
    """A page as it joins a batch: its name and its scan, already stored in the history."""

    name: str
    source_name: str
    image: StoredImage


def create_batch(
    store: HistoryStore,
    settings: BatchSettings,
    pages: Sequence[PageSource],
    *,
    book: str,
    chapter: str,
    source: str,
) -> Batch:
    """Records a batch and a project page for each of `pages` (in the chapter `book` ›
    `chapter`, made if missing), owned by this instance. Nothing is sent."""
    if not pages:
        raise InputError("A batch needs at least one page.")
    if len(pages) > MAX_PAGES:
        raise InputError(Message("A batch can hold at most {count} pages.", count=MAX_PAGES))
    first = new_page_path(store, book, chapter, pages[0].name)
    project_pages = [first] + [add_page(store, first.chapter_id, p.name) for p in pages[1:]]
    seeds = settings.page_seeds(len(pages))
    now = time.time()
    with store.transaction(Message("the batch")) as db:
        cursor = db.execute(
            "INSERT INTO batches (name, chapter_id, request_json, variations, seed_policy, "
            "base_seed, source, owner, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                " ".join(chapter.split()),
                first.chapter_id,
                settings.template.to_json(),
                settings.variations,
                settings.seed_policy,
                seeds[0] if settings.base_seed is None else settings.base_seed,
                source,
                store.owner,
                now,
            ),
        )
        batch_id = int(cursor.lastrowid or 0)
        db.executemany(
            "INSERT INTO batch_pages (batch_id, position, page_id, name, source_name, "
            "source_sha256, seed) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (batch_id, n, project.id, page.name, page.source_name, page.image.sha256, seed)
                for n, (page, project, seed) in enumerate(
                    zip(pages, project_pages, seeds, strict=True)
                )
            ],
        )
    batch = get_batch(store, batch_id)
    assert batch is not None
    return batch


def _batch(row: sqlite3.Row) -> Batch:
    settings = BatchSettings(
        GenerationRequest.from_json(row["request_json"]),
        row["variations"],
        SeedPolicy(row["seed_policy"]),
        row["base_seed"],
    )
    return Batch(
        row["id"],
        row["name"],
        row["chapter_id"],
        settings,
        row["source"],
        row["owner"],
        row["stopped_at"],
        row["created_at"],
    )


def get_batch(store: HistoryStore, batch_id: int) -> Batch | None:
    with store.read() as db:
        row = db.execute("SELECT * FROM batches WHERE id = ?", (batch_id,)).fetchone()
    return _batch(row) if row else None


def list_batches(store: HistoryStore) -> list[Batch]:
    """Newest first."""
    with store.read() as db:
        rows = db.execute("SELECT * FROM batches ORDER BY created_at DESC, id DESC").fetchall()
    return [_batch(row) for row in rows]


def read_batch(store: HistoryStore, batch_id: int) -> BatchView:
    """The batch with every page's jobs, as the history has them now."""
    batch = get_batch(store, batch_id)
    if batch is None:
        raise InputError(Message("There is no batch {batch}.", batch=batch_id))
    images = store.images_dir
    with store.read() as db:
        page_rows = db.execute(
            "SELECT batch_pages.*, images.rel_path, images.format, images.width, images.height "
            "FROM batch_pages JOIN images ON images.sha256 = batch_pages.source_sha256 "
            "WHERE batch_id = ? ORDER BY position",
            (batch_id,),
        ).fetchall()
        job_rows = db.execute(
            f"{JOB_SELECT} JOIN batch_jobs ON batch_jobs.job_id = jobs.id "
            "WHERE batch_jobs.batch_id = ? ORDER BY jobs.created_at, jobs.rowid",
            (batch_id,),
        ).fetchall()
        links = {
            row["job_id"]: (row["position"], row["run"])
            for row in db.execute("SELECT * FROM batch_jobs WHERE batch_id = ?", (batch_id,))
        }
        page_ids = [row["page_id"] for row in page_rows if row["page_id"] is not None]
        marks = ",".join("?" * len(page_ids))
        other_rows = (
            db.execute(
                f"{JOB_SELECT} WHERE jobs.page_id IN ({marks}) AND jobs.result_sha256 IS NOT NULL "
                "AND jobs.deleted_at IS NULL AND jobs.id NOT IN "
                "(SELECT job_id FROM batch_jobs WHERE batch_id = ?)",
                (*page_ids, batch_id),
            ).fetchall()
            if page_ids
            else []
        )
    jobs = [record_from_row(row, images) for row in job_rows]
    others = [record_from_row(row, images) for row in other_rows]
    views = []
    for row in page_rows:
        page = BatchPage(
            batch_id,
            row["position"],
            row["page_id"],
            row["name"],
            row["source_name"],
            StoredImage(
                row["source_sha256"],
                images / row["rel_path"],
                row["format"],
                row["width"],
                row["height"],
            ),
            row["seed"],
            row["run"],
            row["accepted_job"],
        )
        mine = [job for job in jobs if links[job.id][0] == page.position]
        views.append(
            PageView(
                page,
                tuple(mine),
                tuple(links[job.id][1] for job in mine),
                tuple(job for job in others if job.page_id == page.page_id),
            )
        )
    return BatchView(batch, tuple(views))


def link_job(store: HistoryStore, job_id: JobId, batch_id: int, position: int, run: int) -> None:
    """Ties a recorded (not yet sent) job to its batch page and run."""
    with store.transaction(Message("the batch job")) as db:
        db.execute(
            "INSERT INTO batch_jobs (job_id, batch_id, position, run) VALUES (?, ?, ?, ?)",
            (job_id, batch_id, position, run),
        )


def accept(store: HistoryStore, batch_id: int, position: int, job_id: JobId) -> None:
    """Keeps `job_id` as the page's result, starred in the history."""
    with store.transaction(Message("the accepted page")) as db:
        row = db.execute("SELECT result_sha256 FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None or row[0] is None:
            raise InputError("Only a finished result can be accepted.")
        db.execute(
            "UPDATE batch_pages SET accepted_job = ? WHERE batch_id = ? AND position = ?",
            (job_id, batch_id, position),
        )
    curation.set_flag(store, [job_id], "starred", True)


def request_redo(store: HistoryStore, batch_id: int, position: int, seed: int) -> None:
    """A new run of the page with `seed`; the pick is released until it is reviewed again."""
    with store.transaction(Message("the redo")) as db:
        db.execute(
            "UPDATE batch_pages SET run = run + 1, seed = ?, accepted_job = NULL "
            "WHERE batch_id = ? AND position = ?",
            (seed, batch_id, position),
        )


def set_stopped(store: HistoryStore, batch_id: int, stopped: bool) -> None:
    """A stopped batch sends nothing more by itself (a Redo still sends its page)."""
    with store.transaction(Message("the batch")) as db:
        db.execute(
            "UPDATE batches SET stopped_at = ? WHERE id = ?",
            (time.time() if stopped else None, batch_id),
        )


def claim_batches(store: HistoryStore) -> list[int]:
    """Open batches whose owner is gone (killed, crashed, closed), now owned by this instance;
    with the ones it already owns. A batch of a live window or command is left alone."""
    claimed = []
    with store.read() as db:
        rows = db.execute("SELECT id, owner FROM batches WHERE stopped_at IS NULL").fetchall()
    for row in rows:
        owner = row["owner"]
        if owner != store.owner and owner_alive(store.leases_dir, owner):
            continue
        if owner != store.owner:
            with store.transaction(Message("the batch's owner")) as db:
                cursor = db.execute(
                    "UPDATE batches SET owner = ? WHERE id = ? AND owner IS ?",
                    (store.owner, row["id"], owner),
                )
            if cursor.rowcount != 1:
                continue
        claimed.append(int(row["id"]))
    return claimed


def batch_of_page(store: HistoryStore, page_id: int) -> tuple[int, int] | None:
    """(batch id, position) of the newest batch page on project page `page_id`."""
    with store.read() as db:
        row = db.execute(
            "SELECT batch_id, position FROM batch_pages WHERE page_id = ? "
            "ORDER BY batch_id DESC LIMIT 1",
            (page_id,),
        ).fetchone()
    return (int(row[0]), int(row[1])) if row else None


def batch_job_ids(store: HistoryStore, batch_id: int) -> set[JobId]:
    with store.read() as db:
        rows = db.execute("SELECT job_id FROM batch_jobs WHERE batch_id = ?", (batch_id,))
        return {JobId(row[0]) for row in rows}
