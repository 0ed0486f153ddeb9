"""The history database's schema, as numbered migrations (``PRAGMA user_version``).

Migration N turns a version N-1 database into version N. Never edit a released migration:
add a new one, and a fixture database of the previous version to test it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def _run(db: sqlite3.Connection, *statements: str) -> None:
    # One execute per statement: executescript() would commit the migration's transaction.
    for statement in statements:
        db.execute(statement)


def _v1(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE images (
            sha256     TEXT PRIMARY KEY,
            rel_path   TEXT NOT NULL,
            format     TEXT NOT NULL,
            width      INTEGER NOT NULL,
            height     INTEGER NOT NULL,
            bytes      INTEGER NOT NULL,
            created_at REAL NOT NULL
        )""",
        """
        CREATE TABLE jobs (
            id             TEXT PRIMARY KEY,
            created_at     REAL NOT NULL,
            updated_at     REAL NOT NULL,
            source         TEXT NOT NULL,
            provider       TEXT NOT NULL DEFAULT 'bfl',
            api_base       TEXT NOT NULL,
            model          TEXT NOT NULL,
            prompt         TEXT NOT NULL,
            seed           INTEGER,
            request_json   TEXT NOT NULL,
            price_estimate REAL,
            state          TEXT NOT NULL,
            progress       REAL,
            task_id        TEXT,
            polling_url    TEXT,
            submitted_at   REAL,
            ready_at       REAL,
            finished_at    REAL,
            cost           REAL,
            result_sha256  TEXT REFERENCES images(sha256),
            result_seed    INTEGER,
            error_kind     TEXT,
            error_message  TEXT,
            parent_id      TEXT REFERENCES jobs(id) ON DELETE SET NULL,
            settings_from  TEXT REFERENCES jobs(id) ON DELETE SET NULL
        )""",
        """
        CREATE TABLE job_inputs (
            job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            slot   TEXT NOT NULL,
            sha256 TEXT NOT NULL REFERENCES images(sha256),
            PRIMARY KEY (job_id, slot)
        )""",
        "CREATE INDEX jobs_by_created ON jobs(created_at DESC)",
        "CREATE INDEX jobs_by_state ON jobs(state)",
        "CREATE INDEX jobs_by_parent ON jobs(parent_id)",
    )


def _v2(db: sqlite3.Connection) -> None:
    """Full-text search on prompts: an FTS5 index kept in step with `jobs` by triggers."""
    _run(
        db,
        # External content: the index stores no second copy of the prompts. unicode61 with
        # diacritics folded; CJK runs (no spaces to split on) are matched with LIKE instead.
        "CREATE VIRTUAL TABLE jobs_fts USING fts5(prompt, content='jobs', content_rowid='rowid', "
        'tokenize="unicode61 remove_diacritics 2")',
        """
        CREATE TRIGGER jobs_fts_insert AFTER INSERT ON jobs BEGIN
            INSERT INTO jobs_fts(rowid, prompt) VALUES (new.rowid, new.prompt);
        END""",
        """
        CREATE TRIGGER jobs_fts_delete AFTER DELETE ON jobs BEGIN
            INSERT INTO jobs_fts(jobs_fts, rowid, prompt) VALUES ('delete', old.rowid, old.prompt);
        END""",
        """
        CREATE TRIGGER jobs_fts_update AFTER UPDATE OF prompt ON jobs BEGIN
            INSERT INTO jobs_fts(jobs_fts, rowid, prompt) VALUES ('delete', old.rowid, old.prompt);
            INSERT INTO jobs_fts(rowid, prompt) VALUES (new.rowid, new.prompt);
        END""",
        "INSERT INTO jobs_fts(jobs_fts) VALUES ('rebuild')",
    )


def _v3(db: sqlite3.Connection) -> None:
    """Curation: star, reject, and a trash (deleted_at) that is purged later, not at once."""
    _run(
        db,
        "ALTER TABLE jobs ADD COLUMN starred INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE jobs ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE jobs ADD COLUMN deleted_at REAL",
        "CREATE INDEX jobs_by_model ON jobs(model, created_at DESC)",
        "CREATE INDEX jobs_starred ON jobs(created_at DESC) WHERE starred = 1",
        "CREATE INDEX jobs_in_trash ON jobs(deleted_at) WHERE deleted_at IS NOT NULL",
    )


def _v4(db: sqlite3.Connection) -> None:
    """Projects: book -> chapter -> page; an entry belongs to (at most) one page."""
    _run(
        db,
        """
        CREATE TABLE books (
            id         INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            created_at REAL NOT NULL
        )""",
        """
        CREATE TABLE chapters (
            id         INTEGER PRIMARY KEY,
            book_id    INTEGER NOT NULL REFERENCES books(id) ON DELETE CASCADE,
            name       TEXT NOT NULL,
            position   INTEGER NOT NULL,
            created_at REAL NOT NULL
        )""",
        """
        CREATE TABLE pages (
            id         INTEGER PRIMARY KEY,
            chapter_id INTEGER NOT NULL REFERENCES chapters(id) ON DELETE CASCADE,
            name       TEXT NOT NULL,
            position   INTEGER NOT NULL,
            created_at REAL NOT NULL
        )""",
        "CREATE INDEX chapters_by_book ON chapters(book_id, position)",
        "CREATE INDEX pages_by_chapter ON pages(chapter_id, position)",
        "ALTER TABLE jobs ADD COLUMN page_id INTEGER REFERENCES pages(id) ON DELETE SET NULL",
        "CREATE INDEX jobs_by_page ON jobs(page_id, created_at DESC)",
        # Small shared settings that belong with the history (e.g. the current page).
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    )


def _v5(db: sqlite3.Connection) -> None:
    """Recovery and timings: which running FluxDesk owns a job (so another one never
    "recovers" it while it is alive), when sending started, and when it was resumed."""
    _run(
        db,
        "ALTER TABLE jobs ADD COLUMN owner TEXT",
        "ALTER TABLE jobs ADD COLUMN started_at REAL",
        "ALTER TABLE jobs ADD COLUMN resumed_at REAL",
        "ALTER TABLE jobs ADD COLUMN resume_count INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX jobs_by_settings_from ON jobs(settings_from)",
    )


def _v6(db: sqlite3.Connection) -> None:
    """Page edits (region, fill, expand): the job's result becomes the composed full-resolution
    page; the model's own output and how it was placed are kept here for provenance."""
    _run(
        db,
        """
        CREATE TABLE page_edits (
            job_id      TEXT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
            kind        TEXT NOT NULL,
            page_path   TEXT,
            page_width  INTEGER NOT NULL,
            page_height INTEGER NOT NULL,
            raw_sha256  TEXT NOT NULL REFERENCES images(sha256),
            plan_json   TEXT NOT NULL,
            created_at  REAL NOT NULL
        )""",
    )


def _v7(db: sqlite3.Connection) -> None:
    """Panels: each page's panel frames (keyed by the page image's hash, so they follow the
    page wherever it is opened from), and which panel of which run a job was made for."""
    _run(
        db,
        """
        CREATE TABLE page_panels (
            page_sha256 TEXT PRIMARY KEY,
            page_width  INTEGER NOT NULL,
            page_height INTEGER NOT NULL,
            direction   TEXT NOT NULL,
            panels_json TEXT NOT NULL,
            updated_at  REAL NOT NULL
        )""",
        """
        CREATE TABLE panel_jobs (
            job_id   TEXT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
            run_id   TEXT NOT NULL,
            panel_id INTEGER NOT NULL,
            position INTEGER NOT NULL,
            count    INTEGER NOT NULL
        )""",
        "CREATE INDEX panel_jobs_by_run ON panel_jobs(run_id)",
    )


def _v8(db: sqlite3.Connection) -> None:
    """Chapter batches: one preset run over a list of pages. Each batch page is a project page
    with its source scan kept in the history by hash (the batch reopens without the original
    folder); every job a batch sends is linked to its page and run (0 first, 1.. redos)."""
    _run(
        db,
        """
        CREATE TABLE batches (
            id           INTEGER PRIMARY KEY,
            name         TEXT NOT NULL,
            chapter_id   INTEGER REFERENCES chapters(id) ON DELETE SET NULL,
            request_json TEXT NOT NULL,
            variations   INTEGER NOT NULL,
            seed_policy  TEXT NOT NULL,
            base_seed    INTEGER,
            source       TEXT NOT NULL,
            owner        TEXT,
            stopped_at   REAL,
            created_at   REAL NOT NULL
        )""",
        """
        CREATE TABLE batch_pages (
            batch_id      INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
            position      INTEGER NOT NULL,
            page_id       INTEGER REFERENCES pages(id) ON DELETE SET NULL,
            name          TEXT NOT NULL,
            source_name   TEXT NOT NULL,
            source_sha256 TEXT NOT NULL REFERENCES images(sha256),
            seed          INTEGER NOT NULL,
            run           INTEGER NOT NULL DEFAULT 0,
            accepted_job  TEXT REFERENCES jobs(id) ON DELETE SET NULL,
            PRIMARY KEY (batch_id, position)
        )""",
        """
        CREATE TABLE batch_jobs (
            job_id   TEXT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
            batch_id INTEGER NOT NULL,
            position INTEGER NOT NULL,
            run      INTEGER NOT NULL,
            FOREIGN KEY (batch_id, position) REFERENCES batch_pages(batch_id, position)
                ON DELETE CASCADE
        )""",
        "CREATE INDEX batch_jobs_by_page ON batch_jobs(batch_id, position, run)",
        "CREATE INDEX batch_pages_by_source ON batch_pages(source_sha256)",
    )


def _v9(db: sqlite3.Connection) -> None:
    """Why a job failed, translatable after a restart: the message's template and arguments
    as JSON beside the English ``error_message`` (which the CLI and older versions read)."""
    _run(db, "ALTER TABLE jobs ADD COLUMN error_message_json TEXT")


MIGRATIONS: tuple[Migration, ...] = (_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9)
SCHEMA_VERSION = len(MIGRATIONS)


def is_busy(exc: sqlite3.Error) -> bool:
    """Another process holds the database: worth waiting for, never a sign of damage."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def migrate(db: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Brings `db` (autocommit mode) to `target` (tests stop early), one transaction per step.

    Returns the version it started from."""
    start = db.execute("PRAGMA user_version").fetchone()[0]
    if start > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(
            f"history database version {start} is newer than this FluxDesk ({SCHEMA_VERSION})"
        )
    for version in range(start, target):
        db.execute("BEGIN IMMEDIATE")
        try:
            # Another process (a second window, `fluxdesk generate`) may have done this step
            # while we waited for the lock: read the version again under it.
            if db.execute("PRAGMA user_version").fetchone()[0] > version:
                db.execute("COMMIT")
                continue
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    return start
