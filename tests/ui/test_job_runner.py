"""The JobRunner hands its workers to the pool one per turn of the event loop (a burst of 24
must not stall the window), and none is lost: each runs, and a shutdown still reaches the ones
that had not started yet."""

from __future__ import annotations

import threading
from collections.abc import Iterator

from pytestqt.qtbot import QtBot

from fluxdesk.core.jobs import CancelToken, JobId, JobState, JobUpdate
from fluxdesk.ui.workers import JobRunner


def _runner(seen: dict[JobId, bool]) -> JobRunner:
    def start(job_id: JobId, plan: object, cancel: threading.Event) -> Iterator[JobUpdate]:
        assert isinstance(cancel, CancelToken)
        seen[job_id] = cancel.shutdown.is_set()
        state = JobState.cancelled if cancel.is_set() else JobState.succeeded
        yield JobUpdate(job_id, state)

    return JobRunner(start, max_threads=4)


def test_every_submitted_job_runs_once(qtbot: QtBot) -> None:
    seen: dict[JobId, bool] = {}
    runner = _runner(seen)
    ids = [JobId(f"job-{n}") for n in range(24)]
    for job_id in ids:
        runner.submit(job_id, None)
    assert runner.active_count() == 24  # known at once, though not all started yet
    qtbot.waitUntil(lambda: runner.active_count() == 0, timeout=10_000)
    assert sorted(seen) == sorted(ids) and not any(seen.values())
    assert runner.shutdown(5000)


def test_a_shutdown_reaches_jobs_not_started_yet(qtbot: QtBot) -> None:
    seen: dict[JobId, bool] = {}
    runner = _runner(seen)
    ids = [JobId(f"job-{n}") for n in range(8)]
    for job_id in ids:
        runner.submit(job_id, None)
    assert runner.shutdown(5000)  # before the event loop ran: none was in the pool yet
    assert sorted(seen) == sorted(ids) and all(seen.values())
