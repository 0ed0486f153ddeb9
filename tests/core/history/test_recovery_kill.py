"""A real `fluxdesk generate` process is killed with SIGKILL at each stage of a job; the next
start must do what core/history/resume.py documents for that stage, and nothing may be sent
twice:

| killed while      | next start                                                     |
|-------------------|----------------------------------------------------------------|
| queued            | marked not sent (nothing was charged), not sent by itself      |
| submitting        | marked uncertain (check the dashboard), never re-sent          |
| running (polling) | polled and downloaded: the paid result, same task id           |
| downloading       | downloaded again within BFL's 10 minutes                       |
| after save        | left as it is (the result is on disk), not fetched again       |

The first two and the last restart through `fluxdesk history resume`; polling and downloading
the way the app's start does it (core functions)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image

from fluxdesk.cli.parser import run_command
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


def start_generate(
    server: EmulatorServer, home: Path, out: Path, *extra: str
) -> subprocess.Popen[str]:
    env = {**os.environ, "BFL_API_KEY": KEY, "FLUXDESK_HOME": str(home)}
    command = [
        sys.executable,
        "-m",
        "fluxdesk",
        "generate",
        "--prompt",
        "a lighthouse inked in bold brush strokes",
        "--seed",
        "77",
        "--api-url",
        server.base_url,
        "--out",
        str(out),
        *(extra or ("--model", "flux-dev")),
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


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Polls a condition on another process's history (there is no signal to wait on)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the killed process never got there"
        threading.Event().wait(0.02)


def resume_from_the_command_line(
    home: Path, server: EmulatorServer, monkeypatch: pytest.MonkeyPatch, capsys
) -> tuple[int, str]:
    monkeypatch.setenv("FLUXDESK_HOME", str(home))
    monkeypatch.setenv("BFL_API_KEY", KEY)
    monkeypatch.setenv("FLUXDESK_API_URL", server.base_url)
    code = run_command(["history", "resume"], poll_policy=PollPolicy.immediate())
    return code, capsys.readouterr().out


def test_killed_while_queued_and_while_submitting_nothing_is_sent_again(
    emulator: EmulatorServer, home: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    """Kontext [max] runs 6 at a time: of 7 variations, 6 are sending (their requests hang)
    and the 7th waits its turn, never sent."""
    pencils = tmp_path / "pencils.png"
    Image.new("L", (400, 300), 230).save(pencils)
    server = emulator
    server.script(Fault("submit", "hang"))
    model = ("--model", "flux-kontext-max", "--input", str(pencils), "--count", "7")
    process = start_generate(server, home, tmp_path / "out.png", *model)
    paths = AppPaths.under(home)
    try:
        assert server.wait_for_hangs(6, timeout=30), process.stderr and process.stderr.read()
        wait_until(lambda: paths.history_db.exists())
        store = HistoryStore.open(paths.history_db, paths.images)
        wait_until(lambda: len(store.unfinished_jobs()) == 7)
    finally:
        kill(process)
    server.release_hangs()
    states = sorted(job.state.value for job in store.unfinished_jobs())
    assert states == ["queued"] + ["submitting"] * 6
    sent_before = len(submits(server))

    code, out = resume_from_the_command_line(home, server, monkeypatch, capsys)
    assert code == 1 and out.count("uncertain: ") == 6 and out.count("not sent: ") == 1
    records = store.list_jobs()
    assert store.unfinished_jobs() == []
    never_sent = [r for r in records if r.error_kind == "not_sent"]
    assert len(never_sent) == 1 and never_sent[0].state is JobState.cancelled
    assert "nothing was charged" in (never_sent[0].error_message or "")
    uncertain = [r for r in records if r.error_kind == "submit_uncertain"]
    assert len(uncertain) == 6 and all(r.state is JobState.failed for r in uncertain)
    assert all("dashboard" in (r.error_message or "") for r in uncertain)
    assert len(submits(server)) == sent_before == 6, "a job that may be paid was sent again"
    assert len(server.tasks) == 0  # the hung requests never became tasks


def test_killed_after_a_result_was_saved_it_is_left_alone(
    emulator: EmulatorServer, home: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    """Two variations: one is saved (its two lines printed), the other sits in a poll."""
    server = emulator
    server.script(Fault("poll", "hang", times=1))
    process = start_generate(
        server, home, tmp_path / "out.png", "--model", "flux-dev", "--count", "2"
    )
    try:
        assert process.stdout is not None
        saved = process.stdout.readline()
        assert saved.startswith("Image saved to "), process.stderr and process.stderr.read()
        assert process.stdout.readline().startswith("Seed: ")
    finally:
        kill(process)
    server.release_hangs()
    store = HistoryStore.open(AppPaths.under(home).history_db, AppPaths.under(home).images)
    (done,) = [r for r in store.list_jobs() if r.state is JobState.succeeded]
    downloads = [r for r in server.requests if r.listener == "delivery"]
    assert len(downloads) == 1

    code, out = resume_from_the_command_line(home, server, monkeypatch, capsys)
    assert code == 0 and out.count("recovered: ") == 1, out
    assert store.get_job(done.id) == done  # untouched
    assert done.result is not None and done.result.path.is_file()
    assert [r.state for r in store.list_jobs()] == [JobState.succeeded] * 2
    assert len([r for r in server.requests if r.listener == "delivery"]) == 2  # the other one
    assert len(submits(server)) == len(server.tasks) == 2
