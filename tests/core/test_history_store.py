from __future__ import annotations

import errno
import io
import os
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from fluxdesk.core.api.models import DownloadedImage, GenerationRequest, InputImage, TaskHandle
from fluxdesk.core.errors import Moderated, StorageError
from fluxdesk.core.history.schema import SCHEMA_VERSION
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId, JobState


def png(size: tuple[int, int] = (64, 48)) -> DownloadedImage:
    buffer = io.BytesIO()
    Image.new("L", size, 200).save(buffer, "PNG")
    return DownloadedImage(buffer.getvalue(), "png", *size)


def new_job(store: HistoryStore, job_id: str = "job1", **kwargs: object) -> JobId:
    pencils = store.add_image(png().data, "png", 64, 48)
    request = GenerationRequest(
        "flux-kontext-pro",
        "ink these pencils",
        {"output_format": "png"},
        seed=7,
        inputs=(InputImage("input_image", pencils.sha256, 64, 48),),
    )
    store.create_job(
        JobId(job_id), request, source="cli", api_base="http://127.0.0.1:1", price_estimate=4.0
    )
    return JobId(job_id)


def test_database_is_wal_and_current(store: HistoryStore) -> None:
    db = sqlite3.connect(store.db_path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_job_life_is_recorded(store: HistoryStore) -> None:
    job = new_job(store)
    record = store.get_job(job)
    assert record is not None and record.state is JobState.queued
    assert record.request.inputs[0].slot == "input_image"
    assert record.price_estimate == 4.0

    store.mark_submitted(job, TaskHandle("task-1", "http://127.0.0.1:1/v1/get_result?id=task-1", 4))
    store.mark_state(job, JobState.running, 0.5)
    assert [r.id for r in store.unfinished_jobs()] == [job]
    store.mark_ready(job)
    stored = store.save_result(job, png((100, 80)), seed=7)

    record = store.get_job(job)
    assert record is not None and record.state is JobState.succeeded
    assert record.result == stored and stored.path.read_bytes() == png((100, 80)).data
    assert record.cost == 4 and record.result_seed == 7 and record.ready_at is not None
    assert store.unfinished_jobs() == []
    assert stored.path.parent.name == stored.sha256[:2]


def test_failure_keeps_the_message(store: HistoryStore) -> None:
    job = new_job(store)
    store.mark_failed(job, Moderated("refused", reasons=["x"]))
    record = store.get_job(job)
    assert record is not None
    assert (record.state, record.error_kind, record.error_message) == (
        JobState.failed,
        "moderated",
        "refused",
    )


def test_images_are_deduplicated(store: HistoryStore) -> None:
    first = store.add_image(png().data, "png", 64, 48)
    second = store.add_image(png().data, "png", 64, 48)
    assert first == second
    assert len(list(store.images_dir.rglob("*.png"))) == 1


def test_disk_full_leaves_no_partial_file(store: HistoryStore, monkeypatch) -> None:
    job = new_job(store)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageError, match="disk is full"):
        store.save_result(job, png((90, 90)), seed=1)
    leftovers = [p for p in store.images_dir.rglob("*") if p.is_file() and ".partial" in p.name]
    assert leftovers == []
    record = store.get_job(job)
    assert record is not None and record.state is JobState.queued


def test_newest_first(store: HistoryStore) -> None:
    for n in range(3):
        new_job(store, f"job{n}")
    assert [r.id for r in store.list_jobs()] == ["job2", "job1", "job0"]
    assert store.count_jobs() == 3


def test_newer_database_is_refused(tmp_path: Path) -> None:
    db_path = tmp_path / "h.sqlite3"
    db = sqlite3.connect(db_path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(sqlite3.DatabaseError, match="newer"):
        HistoryStore.open(db_path, tmp_path / "images")
