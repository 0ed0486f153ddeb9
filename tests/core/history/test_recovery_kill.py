"""A real `fluxdesk generate` process is killed with SIGKILL while it polls and while it
downloads; the next start (run here the way the app runs it) must bring the paid result home
with the same task id, and nothing may be sent twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from fluxdesk.core.api.client import FluxApi, RetryPolicy, Timeouts
from fluxdesk.core.history.leases import owner_alive
from fluxdesk.core.history.resume import (
    RecoveryAction,
    ResumePlan,
    claim_interrupted,
    plan_recovery,
    run_resume,
    settle,
)
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobState, PollPolicy
from fluxdesk.core.paths import AppPaths
from fluxdesk.emulator import EmulatorServer, Fault, RecordedRequest, start_emulator

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")

KEY = "bfl_kill_test_key"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "fluxdesk-home"


def start_generate(server: EmulatorServer, home: Path, out: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "BFL_API_KEY": KEY, "FLUXDESK_HOME": str(home)}
    command = [
        sys.executable,
        "-m",
        "fluxdesk",
        "generate",
        "--model",
        "flux-dev",
        "--prompt",
        "a lighthouse inked in bold brush strokes",
        "--seed",
        "77",
        "--api-url",
        server.base_url,
        "--out",
        str(out),
    ]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    assert process.returncode == -signal.SIGKILL


def submits(server: EmulatorServer) -> list[RecordedRequest]:
    return [r for r in server.requests if r.method == "POST" and r.path.startswith("/v1/")]


def recover_as_the_next_start_would(home: Path, server: EmulatorServer) -> HistoryStore:
    paths = AppPaths.under(home)
    store = HistoryStore.open(paths.history_db, paths.images)
    lease = store.claim_instance()
    try:
        interrupted = claim_interrupted(store)
        assert len(interrupted) == 1
        steps = plan_recovery(interrupted, have_key=True)
        assert [step.action for step in steps] == [RecoveryAction.resume]
        settle(store, steps)
        api = FluxApi(server.base_url, KEY, retry=RetryPolicy.immediate(), timeouts=Timeouts(2, 5))
        plan = ResumePlan.for_step(steps[0], api)
        updates = list(
            run_resume(
                steps[0].job.id,
                plan,
                store=store,
                policy=PollPolicy.immediate(),
                cancel=threading.Event(),
            )
        )
        assert updates[-1].state is JobState.succeeded, updates[-1].error
    finally:
        lease.release()
    return store


def assert_recovered_once(store: HistoryStore, server: EmulatorServer, task_id: str) -> None:
    (record,) = store.list_jobs()
    assert record.state is JobState.succeeded and record.task_id == task_id
    assert record.result is not None and record.result.path.is_file()
    assert record.resume_count == 1 and record.result_seed == 77
    import hashlib

    assert hashlib.sha256(record.result.path.read_bytes()).hexdigest() == record.result.sha256
    assert len(submits(server)) == 1 and len(server.tasks) == 1, "a paid job was sent twice"
    leftovers = [p for p in store.images_dir.rglob("*") if p.name.startswith(".partial")]
    assert leftovers == []


@pytest.fixture
def pending_emulator() -> Iterator[EmulatorServer]:
    server = start_emulator(latency=100.0, min_polls=1)  # Pending until the clock moves
    yield server
    server.stop()


def test_killed_while_polling_the_next_start_fetches_the_result(
    pending_emulator: EmulatorServer, home: Path, tmp_path: Path
) -> None:
    server = pending_emulator
    server.script(Fault("poll", "hang", times=1))  # the process sits inside a poll request
    process = start_generate(server, home, tmp_path / "out.png")
    try:
        assert server.wait_for_hangs(1, timeout=30), process.stderr and process.stderr.read()
    finally:
        kill(process)
    server.release_hangs()

    paths = AppPaths.under(home)
    store = HistoryStore.open(paths.history_db, paths.images)
    (interrupted,) = store.unfinished_jobs()
    assert interrupted.state is JobState.running and interrupted.task_id
    assert not owner_alive(store.leases_dir, interrupted.owner)  # the kernel dropped its lock

    server.advance_clock(200)  # BFL finished it meanwhile
    store = recover_as_the_next_start_would(home, server)
    assert_recovered_once(store, server, interrupted.task_id)
    assert not (tmp_path / "out.png").exists()  # the killed process never got that far


def test_killed_mid_download_the_next_start_fetches_the_result(
    emulator: EmulatorServer, home: Path, tmp_path: Path
) -> None:
    server = emulator  # ready at the first poll
    server.script(Fault("download", "slow", seconds=60, times=1))
    process = start_generate(server, home, tmp_path / "out.png")
    try:
        started = server.wait_for_request(lambda r: r.listener == "delivery", timeout=30)
        assert started is not None, process.stderr and process.stderr.read()
    finally:
        kill(process)

    paths = AppPaths.under(home)
    store = HistoryStore.open(paths.history_db, paths.images)
    (interrupted,) = store.unfinished_jobs()
    assert interrupted.state is JobState.downloading and interrupted.ready_at is not None
    assert interrupted.task_id

    store = recover_as_the_next_start_would(home, server)
    assert_recovered_once(store, server, interrupted.task_id)
    record = store.list_jobs()[0]
    assert record.ready_at == interrupted.ready_at  # the 10-minute window did not move
