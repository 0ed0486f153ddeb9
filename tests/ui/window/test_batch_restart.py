"""A 12-page chapter batch run by a real `fluxdesk batch run` process is killed with SIGKILL
while six jobs run at the API (Kontext [max] allows six at once) and six pages wait unsent.
The next start of the window resumes the six paid jobs, sends the six others, and all twelve
pages complete: no job is ever sent twice (every submit is counted at the emulator)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from batch_helpers import make_pages, submits
from pytestqt.qtbot import QtBot

from fluxdesk.core.batch import PageStatus, list_batches, read_batch
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobState
from fluxdesk.core.paths import AppPaths
from fluxdesk.emulator import EmulatorServer, start_emulator
from fluxdesk.ui.app import Built

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")

PAGES = 12
AT_ONCE = 6  # Kontext [max]'s concurrency limit


@pytest.fixture
def pending_emulator() -> Iterator[EmulatorServer]:
    server = start_emulator(latency=100.0, min_polls=1)  # Pending until the clock moves
    yield server
    server.stop()


def start_batch(server: EmulatorServer, home: Path, folder: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "BFL_API_KEY": "bfl_batch_kill_key", "FLUXDESK_HOME": str(home)}
    command = [sys.executable, "-m", "fluxdesk", "batch", "run", "--folder", str(folder)]
    command += ["--preset", "ink-bw-print", "--model", "flux-kontext-max", "--variations", "1"]
    command += ["--seed", "100", "--yes", "--api-url", server.base_url]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def job_states(home: Path) -> dict[JobState, int]:
    paths = AppPaths.under(home)
    if not paths.history_db.exists():
        return {}
    store = HistoryStore(paths.history_db, paths.images)  # read only: no migration, no lock
    try:
        counts: dict[JobState, int] = {}
        for job in store.unfinished_jobs():
            state = JobState.running if job.task_id else job.state
            counts[state] = counts.get(state, 0) + 1
        return counts
    except Exception:  # the process is still creating the database
        return {}


def test_a_killed_batch_completes_after_restart_and_nothing_is_sent_twice(
    qtbot: QtBot,
    open_window: Callable[[AppPaths, EmulatorServer], Built],
    pending_emulator: EmulatorServer,
    tmp_path: Path,
) -> None:
    server, home = pending_emulator, tmp_path / "home"
    process = start_batch(server, home, make_pages(tmp_path / "chapter", PAGES))
    try:
        # Six sent (task ids recorded), six recorded but waiting for a slot: then the kill.
        qtbot.waitUntil(
            lambda: job_states(home) == {JobState.running: AT_ONCE, JobState.queued: AT_ONCE},
            timeout=30_000,
        )
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    assert process.returncode == -signal.SIGKILL
    assert len(submits(server)) == AT_ONCE
    server.advance_clock(200)  # BFL finished the six meanwhile

    built = open_window(AppPaths.under(home), server)
    controller = built.batch.controller  # type: ignore[union-attr]
    # The six unsent pages go out once recovery has marked their jobs "not sent".
    qtbot.waitUntil(lambda: len(server.tasks) == PAGES, timeout=20_000)
    server.advance_clock(200)
    qtbot.waitUntil(
        lambda: (view := controller.view()) is not None and view.count(PageStatus.done) == PAGES,
        timeout=20_000,
    )

    store = built.parts.generation.store
    (batch,) = list_batches(store)
    view = read_batch(store, batch.id)
    assert [page.page.name for page in view.pages] == [f"page-{n}" for n in range(1, PAGES + 1)]
    resumed = [job for page in view.pages for job in page.jobs if job.resume_count]
    assert len(resumed) == AT_ONCE  # fetched, not sent again
    for page in view.pages:
        done = [job for job in page.jobs if job.state is JobState.succeeded]
        assert len(done) == 1 and done[0].result is not None and done[0].result.path.is_file()
        assert done[0].effective_seed == 100 + page.page.position  # consecutive seeds kept
        not_sent = [job for job in page.jobs if job.status == "not-sent"]
        assert len(page.jobs) == 1 + len(not_sent)
    assert len(submits(server)) == PAGES and len(server.tasks) == PAGES, "a job was sent twice"
    assert controller.view() is not None and controller.view().finished  # type: ignore[union-attr]
