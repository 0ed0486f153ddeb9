"""Every released schema version upgrades: one fixture database per earlier version (made by
that version's migrations, committed under fixtures/), each step tested on its own, and every
fixture brought to the current version with its data intact."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from fluxdesk.core.history.schema import SCHEMA_VERSION, migrate
from fluxdesk.core.history.search import HistoryQuery, StatusFilter, search_ids
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobState

FIXTURES = Path(__file__).parent / "fixtures"
EARLIER = list(range(1, SCHEMA_VERSION))
ALL_JOBS = {"job-inked", "job-moderated", "job-child", "job-jp"}


def copy_fixture(version: int, tmp_path: Path) -> Path:
    source = FIXTURES / f"history-v{version}.sqlite3"
    assert source.exists(), f"add the fixture of schema version {version} (see its builder)"
    target = tmp_path / "history.sqlite3"
    shutil.copyfile(source, target)
    return target


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def tables(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def check_v2(db: sqlite3.Connection) -> None:
    found = db.execute("SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH 'pencil*'").fetchall()
    assert len(found) == 1  # the old prompts were indexed by the migration
    db.execute("UPDATE jobs SET prompt = 'zebra crossing' WHERE id = 'job-child'")
    assert db.execute("SELECT COUNT(*) FROM jobs_fts WHERE jobs_fts MATCH 'zebra'").fetchone()[0]


def check_v3(db: sqlite3.Connection) -> None:
    assert {"starred", "rejected", "deleted_at"} <= columns(db, "jobs")
    assert db.execute("SELECT SUM(starred), SUM(rejected) FROM jobs").fetchone() == (0, 0)


def check_v4(db: sqlite3.Connection) -> None:
    assert {"books", "chapters", "pages", "meta"} <= tables(db)
    assert "page_id" in columns(db, "jobs")
    assert db.execute("SELECT COUNT(*) FROM jobs WHERE page_id IS NOT NULL").fetchone()[0] == 0


def check_v5(db: sqlite3.Connection) -> None:
    assert {"owner", "started_at", "resumed_at", "resume_count"} <= columns(db, "jobs")
    assert db.execute("SELECT COUNT(*) FROM jobs WHERE owner IS NULL").fetchone()[0] == 4


def check_v6(db: sqlite3.Connection) -> None:
    assert "page_edits" in tables(db)
    assert {"kind", "page_path", "raw_sha256", "plan_json"} <= columns(db, "page_edits")
    assert db.execute("SELECT COUNT(*) FROM page_edits").fetchone()[0] == 0


def check_v7(db: sqlite3.Connection) -> None:
    assert {"page_panels", "panel_jobs"} <= tables(db)
    assert {"page_sha256", "direction", "panels_json"} <= columns(db, "page_panels")
    assert {"job_id", "run_id", "panel_id", "position", "count"} <= columns(db, "panel_jobs")
    # The page edit of v6 is still there; a panel tag follows its job into the trash purge.
    assert db.execute("SELECT kind FROM page_edits").fetchall() == [("region",)]
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("INSERT INTO panel_jobs VALUES ('job-inked', 'run-1', 3, 3, 7)")
    db.execute("DELETE FROM jobs WHERE id = 'job-inked'")
    assert db.execute("SELECT COUNT(*) FROM panel_jobs").fetchone()[0] == 0


def check_v8(db: sqlite3.Connection) -> None:
    assert {"batches", "batch_pages", "batch_jobs"} <= tables(db)
    assert {"source_sha256", "seed", "run", "accepted_job"} <= columns(db, "batch_pages")
    # A batch page keeps its source by hash; its jobs link to the page and go with the job.
    db.execute("PRAGMA foreign_keys=ON")
    db.execute(
        "INSERT INTO batches (id, name, chapter_id, request_json, variations, seed_policy, "
        "source, created_at) VALUES (1, 'Ch. 1', 1, '{}', 2, 'fixed', 'gui', 0)"
    )
    db.execute(
        "INSERT INTO batch_pages (batch_id, position, page_id, name, source_name, "
        "source_sha256, seed) VALUES (1, 0, 1, 'Page 3', 'p3.png', ?, 7)",
        ("a" * 64,),
    )
    db.execute("INSERT INTO batch_jobs VALUES ('job-inked', 1, 0, 0)")
    db.execute("DELETE FROM jobs WHERE id = 'job-inked'")
    assert db.execute("SELECT COUNT(*) FROM batch_jobs").fetchone()[0] == 0
    assert not db.execute("PRAGMA foreign_key_check").fetchall()


def check_v9(db: sqlite3.Connection) -> None:
    assert "error_message_json" in columns(db, "jobs")
    # Old failures keep their English text, with no template (they show as they were).
    assert db.execute(
        "SELECT error_message, error_message_json FROM jobs WHERE id = 'job-moderated'"
    ).fetchone() == ("refused", None)
    assert (
        db.execute("SELECT COUNT(*) FROM jobs WHERE error_message_json IS NULL").fetchone()[0] == 4
    )
    # The v8 batch came through: its page still accepts the inked result.
    assert db.execute("SELECT accepted_job FROM batch_pages").fetchall() == [("job-inked",)]
    assert db.execute("SELECT COUNT(*) FROM batch_jobs").fetchone()[0] == 1


STEP_CHECKS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: check_v2,
    3: check_v3,
    4: check_v4,
    5: check_v5,
    6: check_v6,
    7: check_v7,
    8: check_v8,
    9: check_v9,
}


def test_every_version_has_a_step_check() -> None:
    assert set(STEP_CHECKS) == set(range(2, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("version", range(2, SCHEMA_VERSION + 1))
def test_each_migration_step_on_the_previous_version(version: int, tmp_path: Path) -> None:
    db = connect(copy_fixture(version - 1, tmp_path))
    assert migrate(db, target=version) == version - 1
    assert db.execute("PRAGMA user_version").fetchone()[0] == version
    assert {row[0] for row in db.execute("SELECT id FROM jobs")} == ALL_JOBS
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not db.execute("PRAGMA foreign_key_check").fetchall()
    STEP_CHECKS[version](db)


@pytest.mark.parametrize("version", EARLIER)
def test_every_earlier_version_opens_and_works(version: int, tmp_path: Path) -> None:
    store = HistoryStore.open(copy_fixture(version, tmp_path), tmp_path / "images")
    db = connect(store.db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION

    records = {record.id: record for record in store.list_jobs()}
    assert set(records) == ALL_JOBS
    inked = records["job-inked"]
    assert inked.state is JobState.succeeded and inked.result is not None
    assert inked.request.inputs[0].sha256 == "a" * 64
    assert records["job-child"].parent_id == "job-inked"
    assert records["job-child"].handle is not None  # still resumable after the upgrade

    assert search_ids(store, HistoryQuery(text="pencils")) == ["job-inked"]
    assert search_ids(store, HistoryQuery(text="線")) == ["job-jp"]
    if version >= 3:  # curation survives; the trashed entry stays in the trash
        assert inked.starred
        assert search_ids(store, HistoryQuery(trash=True)) == ["job-moderated"]
    else:
        assert search_ids(store, HistoryQuery(status=StatusFilter.failed)) == ["job-moderated"]
    if version >= 4:
        assert inked.page_id == 1 and records["job-child"].page_id == 1
        assert search_ids(store, HistoryQuery(page_id=1)) == ["job-child", "job-inked"]


def test_a_fresh_database_matches_an_upgraded_one(tmp_path: Path) -> None:
    """Creating from nothing and upgrading from v1 give the same schema."""
    fresh = HistoryStore.open(tmp_path / "fresh.sqlite3", tmp_path / "images")
    upgraded = HistoryStore.open(copy_fixture(1, tmp_path), tmp_path / "images")

    def schema(path: Path) -> list[tuple[str, str]]:
        rows = connect(path).execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
        )
        return [(name, " ".join(sql.split())) for name, sql in rows]

    assert schema(fresh.db_path) == schema(upgraded.db_path)
