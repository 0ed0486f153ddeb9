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


MIGRATIONS: tuple[Migration, ...] = (_v1, _v2)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite3.Connection) -> int:
    """Brings `db` (autocommit mode) to SCHEMA_VERSION, one transaction per step.

    Returns the version it started from."""
    start = db.execute("PRAGMA user_version").fetchone()[0]
    if start > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(
            f"history database version {start} is newer than this FluxDesk ({SCHEMA_VERSION})"
        )
    for version in range(start, SCHEMA_VERSION):
        db.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    return start
