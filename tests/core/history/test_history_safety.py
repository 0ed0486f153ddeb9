"""The history never loses work: recovery decisions, ownership between running instances,
concurrent writers, a full disk, backup and restore, and an unreadable database."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from fluxdesk.core.api.client import FluxApi
from fluxdesk.core.errors import InputError, StorageError
from fluxdesk.core.history import archive
from fluxdesk.core.history.leases import FileLock, owner_alive
from fluxdesk.core.history.recovery import open_history_or_recover
from fluxdesk.core.history.resume import (
    TASK_HORIZON,
    RecoveryAction,
    ResumePlan,
    claim_interrupted,
    note_waiting,
    plan_recovery,
    run_resume,
    settle,
)
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId, JobPlan, JobState, PollPolicy, run_planned_job
from fluxdesk.core.paths import AppPaths
from fluxdesk.emulator import EmulatorServer

MakeEntry = Callable[..., JobId]  # the `make_entry` fixture (conftest.py beside this file)


# --- what happens to each interrupted job ---------------------------------------------------


def test_each_interrupted_state_gets_its_decision(
    store: HistoryStore, make_entry: MakeEntry
) -> None:
    queued = make_entry("never sent", state=JobState.queued)
    sending = make_entry("was sending", state=JobState.queued)
    store.mark_submitting(sending)
    running = make_entry("running", state=JobState.running)
    stale = make_entry("ready long ago", state=JobState.running)
    store.mark_ready(stale)
    fresh = make_entry("ready just now", state=JobState.running)
    store.mark_ready(fresh)
    ancient = make_entry("sent long ago", state=JobState.running)
    record = store.get_job(stale)
    assert record is not None and record.ready_at is not None
    with store.transaction("test") as db:
        db.execute("UPDATE jobs SET ready_at = ready_at - ? WHERE id = ?", (700, stale))
        db.execute(
            "UPDATE jobs SET submitted_at = submitted_at - ? WHERE id = ?",
            (TASK_HORIZON + 60, ancient),
        )

    steps = {step.job.id: step for step in plan_recovery(store.unfinished_jobs(), have_key=True)}
    assert {job_id: step.action for job_id, step in steps.items()} == {
        queued: RecoveryAction.not_sent,
        sending: RecoveryAction.uncertain,
        running: RecoveryAction.resume,
        stale: RecoveryAction.expired,
        fresh: RecoveryAction.resume,
        ancient: RecoveryAction.expired,
    }
    assert "nothing was charged" in steps[queued].message
    assert "dashboard" in steps[sending].message and "not sent again" in steps[sending].message
    assert "10 minutes" in steps[stale].message and "run the job again" in steps[stale].message

    settle(store, steps.values())
    ended = {job_id: store.get_job(job_id) for job_id in (queued, sending, stale, ancient)}
    assert ended[queued].state is JobState.cancelled  # type: ignore[union-attr]
    assert ended[sending].error_kind == "submit_uncertain"  # type: ignore[union-attr]
    assert ended[stale].error_kind == "expired"  # type: ignore[union-attr]
    assert {job.id for job in store.unfinished_jobs()} == {running, fresh}


def test_without_a_key_paid_jobs_wait_untouched(store: HistoryStore, make_entry: MakeEntry):
    running = make_entry("running", state=JobState.running)
    steps = plan_recovery(store.unfinished_jobs(), have_key=False)
    assert [step.action for step in steps] == [RecoveryAction.wait]
    note_waiting(store, steps)
    record = store.get_job(running)
    assert record is not None and record.state is JobState.running and record.handle
    assert record.error_message and "API key" in record.error_message


def test_demo_jobs_run_again_in_demo_mode(store: HistoryStore, make_entry: MakeEntry) -> None:
    job = make_entry("demo", state=JobState.running)
    with store.transaction("test") as db:
        db.execute("UPDATE jobs SET provider = 'demo' WHERE id = ?", (job,))
    (record,) = store.unfinished_jobs()
    assert plan_recovery([record], have_key=False, demo=True)[0].action is RecoveryAction.resend
    assert plan_recovery([record], have_key=True)[0].action is RecoveryAction.wait


def test_a_resume_offline_keeps_the_job_for_later(
    store: HistoryStore, make_entry: MakeEntry
) -> None:
    job = make_entry("running", state=JobState.running)
    with store.transaction("test") as db:  # its polling address no longer answers
        db.execute(
            "UPDATE jobs SET polling_url = 'http://127.0.0.1:9/v1/get_result' WHERE id = ?", (job,)
        )
    (record,) = store.unfinished_jobs()
    from fluxdesk.core.api.client import RetryPolicy, Timeouts

    api = FluxApi(
        "http://127.0.0.1:9", "key", retry=RetryPolicy.immediate(), timeouts=Timeouts(1, 1)
    )
    step = plan_recovery([record], have_key=True)[0]
    updates = list(
        run_resume(
            job,
            ResumePlan.for_step(step, api),
            store=store,
            policy=PollPolicy.immediate(),
            cancel=threading.Event(),
        )
    )
    assert updates[-1].paused and updates[-1].state is JobState.running
    record = store.get_job(job)
    assert record is not None and record.state is JobState.running and record.resume_count == 1


# --- ownership between running instances ----------------------------------------------------


def test_a_live_instance_keeps_its_jobs_and_a_dead_one_loses_them(
    paths: AppPaths, make_entry: MakeEntry, store: HistoryStore
) -> None:
    first = store.claim_instance()  # "window one" runs a job
    job = make_entry("running in window one", state=JobState.running)
    second = HistoryStore.open(paths.history_db, paths.images)  # "window two" starts
    second_lease = second.claim_instance()
    assert owner_alive(second.leases_dir, first.token)
    assert claim_interrupted(second) == []  # never steal a live instance's job

    first.release()  # window one crashes (the OS drops its lock)
    assert not owner_alive(second.leases_dir, first.token)
    claimed = claim_interrupted(second)
    assert [record.id for record in claimed] == [job]
    record = store.get_job(job)
    assert record is not None and record.owner == second_lease.token
    third = HistoryStore.open(paths.history_db, paths.images)
    third.claim_instance()
    assert claim_interrupted(third) == []  # claimed once, by one instance
    second_lease.release()


def test_the_lock_of_a_killed_process_is_free(tmp_path: Path) -> None:
    lock_path = tmp_path / "gui.lock"
    code = (
        "import sys, time; from pathlib import Path; "
        "from fluxdesk.core.history.leases import FileLock; "
        f"lock = FileLock.try_acquire(Path({str(lock_path)!r})); "
        "print('locked', flush=True); sys.stdin.read()"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        assert FileLock.try_acquire(lock_path) is None  # a second window sees the first
    finally:
        holder.kill()
        holder.wait(10)
    lock = FileLock.try_acquire(lock_path)
    assert lock is not None
    lock.release()


def test_two_processes_generate_into_one_history(emulator: EmulatorServer, tmp_path: Path) -> None:
    home = tmp_path / "shared-home"
    env = {**os.environ, "BFL_API_KEY": "bfl_two_writers", "FLUXDESK_HOME": str(home)}

    def generate(name: str) -> subprocess.Popen[str]:
        command = [
            sys.executable,
            "-m",
            "fluxdesk",
            "generate",
            "--model",
            "flux-dev",
            "--prompt",
            f"writer {name}",
            "--count",
            "4",
            "--api-url",
            emulator.base_url,
            "--out",
            str(tmp_path / f"{name}.png"),
        ]
        return subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, text=True, stderr=subprocess.PIPE
        )

    writers = [generate("one"), generate("two")]
    for writer in writers:
        _, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
    paths = AppPaths.under(home)
    store = HistoryStore.open(paths.history_db, paths.images)
    records = store.list_jobs()
    assert len(records) == 8 and all(r.state is JobState.succeeded for r in records)
    for record in records:
        assert record.result is not None
        assert hashlib.sha256(record.result.path.read_bytes()).hexdigest() == record.result.sha256
    db = sqlite3.connect(paths.history_db)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not list(paths.data.glob("instances/*.lock"))  # both leases were released


# --- a full disk -----------------------------------------------------------------------------


def test_disk_full_while_saving_a_result_keeps_it_fetchable(
    store: HistoryStore, api: FluxApi, emulator: EmulatorServer, monkeypatch
) -> None:
    from fluxdesk.core import atomic
    from fluxdesk.core.api.models import GenerationRequest
    from fluxdesk.core.concurrency import ConcurrencyGate

    real_write = atomic.atomic_write_bytes

    def full(path: Path, data: bytes, *, durable: bool = True) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("fluxdesk.core.history.store.atomic_write_bytes", full)
    job = JobId("disk-full")
    updates = list(
        run_planned_job(
            job,
            JobPlan(GenerationRequest("flux-dev", "a harbour", {}, 3), api, "test"),
            store=store,
            policy=PollPolicy.immediate(),
            gate=ConcurrencyGate(),
            cancel=threading.Event(),
        )
    )
    final = updates[-1]
    assert final.paused and isinstance(final.error, StorageError)
    assert (
        "disk is full" in final.error.user_message and "Free some space" in final.error.user_message
    )
    record = store.get_job(job)
    assert record is not None and record.state is JobState.downloading and record.ready_at
    assert not [p for p in store.images_dir.rglob("*") if p.is_file()]  # nothing half-written

    monkeypatch.setattr("fluxdesk.core.history.store.atomic_write_bytes", real_write)
    step = plan_recovery([record], have_key=True)[0]  # space was freed: retry in the window
    assert step.action is RecoveryAction.resume
    resumed = list(
        run_resume(
            job,
            ResumePlan.for_step(step, api),
            store=store,
            policy=PollPolicy.immediate(),
            cancel=threading.Event(),
        )
    )
    assert resumed[-1].state is JobState.succeeded
    assert len(emulator.tasks) == 1


def test_disk_full_during_backup_leaves_no_file(
    store: HistoryStore, make_entry: MakeEntry, tmp_path: Path, monkeypatch
) -> None:
    for n in range(5):
        make_entry(f"entry {n}")
    destination = tmp_path / "backups" / "history.zip"
    destination.parent.mkdir()

    class FullDisk(io.FileIO):
        written = 0

        def write(self, data: object) -> int:
            FullDisk.written += len(data)  # type: ignore[arg-type]
            if FullDisk.written > 2000:
                raise OSError(errno.ENOSPC, "No space left on device")
            return super().write(data)  # type: ignore[arg-type]

    monkeypatch.setattr(archive, "_open_output", lambda path: FullDisk(path, "wb"))
    with pytest.raises(StorageError, match="disk is full"):
        archive.backup_history(store, destination)
    assert list(destination.parent.iterdir()) == []  # no archive, no temporary files


# --- backup and restore ----------------------------------------------------------------------


def test_backup_and_restore_into_a_fresh_folder(
    store: HistoryStore, make_entry: MakeEntry, tmp_path: Path
) -> None:
    ids = [make_entry(f"entry {n}") for n in range(6)]
    make_entry("still running", state=JobState.running)  # a backup doesn't wait for jobs
    seen: list[tuple[int, int]] = []
    backup = archive.backup_history(
        store, tmp_path / "history.zip", progress=lambda d, t: seen.append((d, t))
    )
    assert (backup.entries, backup.images, backup.missing_images) == (7, 7, 0)
    assert seen[-1][0] == seen[-1][1]

    fresh = AppPaths.under(tmp_path / "new-computer").ensure()
    restored = archive.restore_history(backup.path, fresh.history_db, fresh.images)
    assert restored.images == 7 and restored.previous_db is None
    copy = HistoryStore.open(fresh.history_db, fresh.images)
    assert {r.id for r in copy.list_jobs()} == {*ids, *[r.id for r in store.unfinished_jobs()]}
    for record in copy.list_jobs():
        for image in filter(None, [record.result]):
            assert hashlib.sha256(image.path.read_bytes()).hexdigest() == image.sha256


def test_restore_keeps_the_previous_database_and_refuses_damage(
    store: HistoryStore, make_entry: MakeEntry, tmp_path: Path, paths: AppPaths
) -> None:
    make_entry("in the backup")
    backup = archive.backup_history(store, tmp_path / "history.zip").path
    make_entry("made after the backup")

    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("images/") and item.filename.endswith(".png"):
                data = data[:-8] + b"tampered"
            target.writestr(item, data)
    with pytest.raises(InputError, match="damaged"):
        archive.restore_history(damaged, paths.history_db, paths.images)
    assert store.count_jobs() == 2  # nothing was replaced

    not_a_backup = tmp_path / "photo.zip"
    with zipfile.ZipFile(not_a_backup, "w") as target:
        target.writestr("photo.jpg", b"x")
    with pytest.raises(InputError, match="not a FluxDesk history backup"):
        archive.restore_history(not_a_backup, paths.history_db, paths.images)

    result = archive.restore_history(backup, paths.history_db, paths.images)
    assert store.count_jobs() == 1
    assert result.previous_db is not None and result.previous_db.exists()
    before = HistoryStore.open(result.previous_db, paths.images)
    assert before.count_jobs() == 2  # the replaced history is kept, not lost


# --- an unreadable database ------------------------------------------------------------------


def test_an_unreadable_database_is_kept_aside_and_a_new_one_started(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path / "app").ensure()
    garbage = b"this is not a database" * 100
    paths.history_db.write_bytes(garbage)
    store, moved = open_history_or_recover(paths)
    assert moved is not None and moved.read_bytes() == garbage  # backed up, never deleted
    assert store.count_jobs() == 0 and paths.history_db.exists()
