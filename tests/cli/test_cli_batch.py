"""`fluxdesk batch run|status|list|resume` against the emulator: the estimate and the question
before anything is sent, a whole chapter, and a batch killed mid-run finished by `resume`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from cli_support import RunCli, open_history
from PIL import Image

from fluxdesk.core.batch import PageStatus, read_batch
from fluxdesk.core.jobs import JobState
from fluxdesk.emulator import EmulatorServer, Fault, start_emulator

KEY = "bfl_cli_batch_key"


def chapter(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        Image.new("L", (500, 700), 150 + number).save(folder / f"p{number:02d}.png")
    return folder


def submits(server: EmulatorServer) -> int:
    return sum(r.method == "POST" and r.path.startswith("/v1/") for r in server.requests)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, run_cli: RunCli) -> RunCli:
    monkeypatch.setenv("BFL_API_KEY", KEY)
    return run_cli


def test_a_chapter_runs_after_the_estimate(cli, emulator: EmulatorServer, tmp_path: Path) -> None:
    folder = chapter(tmp_path / "Chapter 4", 3)
    args = ["batch", "run", "--folder", str(folder), "--preset", "ink-bw-print"]
    args += ["--variations", "2", "--seed-policy", "fixed", "--seed", "9"]
    args += ["--api-url", emulator.base_url]

    code, out, err = cli(*args)  # no terminal to ask in, and no --yes
    assert code == 2 and "--yes" in err and submits(emulator) == 0
    assert "3 pages × 2 = 6 jobs of flux-kontext-pro, estimated 24 credits ($0.24)" in out

    code, out, err = cli(*args, "--yes")
    assert code == 0, err
    assert "Batch 1 started: Chapter 4" in out and out.count(": done (seed 9") == 3
    assert "3 pages (3 done)" in out and submits(emulator) == 6

    code, out, _ = cli("batch", "status", "1", "--json")
    data = json.loads(out)
    assert [p["status"] for p in data["pages"]] == ["done"] * 3
    assert {p["seed"] for p in data["pages"]} == {9} and data["cost"] == 24.0
    assert all(Path(p["result"]).is_file() for p in data["pages"])
    code, out, _ = cli("batch", "list")
    assert code == 0 and "Chapter 4" in out.splitlines()[1]


def test_bad_input_is_refused_before_anything_is_sent(
    cli, emulator: EmulatorServer, tmp_path: Path
) -> None:
    folder = chapter(tmp_path / "pages", 1)
    code, _, err = cli("batch", "run", "--folder", str(folder), "--preset", "nope", "--yes")
    assert code == 2 and "no preset 'nope'" in err and "ink-bw-print" in err
    code, _, err = cli("batch", "run", "--folder", str(tmp_path / "empty"), "--preset", "x")
    assert code == 2 and "is not a folder" in err
    code, _, err = cli(
        "batch", "run", "--pages", str(folder / "p01.png"), "--preset", "ink-bw-print",
        "--model", "flux-dev", "--yes", "--api-url", emulator.base_url,
    )  # fmt: skip
    assert code == 2 and "does not edit a page" in err
    assert submits(emulator) == 0


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_resume_finishes_a_killed_batch_without_sending_twice(cli, tmp_path: Path) -> None:
    server = start_emulator(latency=100.0, min_polls=1)  # Pending until the clock moves
    try:
        folder = chapter(tmp_path / "pages", 8)
        env = {**os.environ, "BFL_API_KEY": KEY, "FLUXDESK_HOME": os.environ["FLUXDESK_HOME"]}
        command = [sys.executable, "-m", "fluxdesk", "batch", "run", "--folder", str(folder)]
        command += ["--preset", "ink-bw-print", "--model", "flux-kontext-max"]
        command += ["--variations", "1", "--yes", "--api-url", server.base_url]
        # A job polls only once its task id is recorded: six polls held means six paid jobs
        # running, and the two other pages waiting for a slot, when the kill comes.
        server.script(Fault("poll", "hang", times=6))
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
        try:
            assert server.wait_for_hangs(6, timeout=30)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(10)
        server.release_hangs()
        assert submits(server) == 6
        server.advance_clock(200)  # the six were finished at the API meanwhile
        # The two pages never sent go out now; the clock moves once their tasks exist.
        mover = threading.Thread(
            target=lambda: (
                server.wait_for_request(lambda r: len(server.tasks) >= 8, timeout=30),
                server.advance_clock(200),
            )
        )
        mover.start()
        code, out, err = cli("batch", "resume", "1", "--api-url", server.base_url)
        mover.join()
        assert code == 0, err
        assert "Fetching 6 result(s)" in out and "8 pages (8 done)" in out, out
        view = read_batch(open_history(), 1)
        assert all(page.status is PageStatus.done for page in view.pages)
        assert sum(job.resume_count for page in view.pages for job in page.jobs) == 6
        assert sum(job.state is JobState.succeeded for p in view.pages for job in p.jobs) == 8
        assert submits(server) == 8 and len(server.tasks) == 8, "a job was sent twice"
    finally:
        server.stop()
