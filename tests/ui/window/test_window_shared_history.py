"""Two windows and two `fluxdesk generate` processes on one history, all at once: every job is
recorded once, finishes, and is seen by both windows; nothing is sent twice, no job is claimed
by the wrong owner, and the database stays sound."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot
from reliability_kit.faults import submits

from fluxdesk.core.jobs import JobState
from fluxdesk.core.paths import AppPaths
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.emulator import EmulatorServer
from fluxdesk.ui.app import Built

OpenWindow = Callable[[AppPaths, EmulatorServer], Built]
PER_PROCESS, PER_WINDOW = 6, 4


def generate_in(qtbot: QtBot, built: Built, prompt: str) -> list[str]:
    panel = built.window.prompt_panel
    panel.set_state(PromptState("flux-dev", prompt, {}, 100, PER_WINDOW))
    with qtbot.waitSignal(built.parts.generation.jobs_started, timeout=5000) as started:
        assert panel.generate()
    return list(started.args[0])


def start_command(
    emulator: EmulatorServer, env: dict[str, str], n: int, tmp_path: Path
) -> subprocess.Popen[str]:
    argv = ["generate", "--model", "flux-dev", "--prompt", f"from command {n}"]
    argv += ["--count", str(PER_PROCESS), "--api-url", emulator.base_url]
    argv += ["--out", str(tmp_path / f"cmd{n}.png")]
    return subprocess.Popen(
        [sys.executable, "-m", "fluxdesk", *argv],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_windows_and_two_commands_share_one_history(
    qtbot: QtBot, tmp_path: Path, emulator: EmulatorServer, open_window: OpenWindow
) -> None:
    root = tmp_path / "shared"
    paths = AppPaths.under(root).ensure()
    first = open_window(paths, emulator)
    second = open_window(paths, emulator)
    env = {**os.environ, "BFL_API_KEY": "bfl_window_test_key", "FLUXDESK_HOME": str(root)}
    commands = [start_command(emulator, env, n, tmp_path) for n in (1, 2)]
    window_jobs = generate_in(qtbot, first, "from window 1") + generate_in(
        qtbot, second, "from window 2"
    )
    for command in commands:
        out, err = command.communicate(timeout=120)
        assert command.returncode == 0, err
        assert out.count("Image saved to") == PER_PROCESS
    store = first.parts.generation.store
    for built in (first, second):
        model = built.parts.history_model
        qtbot.waitUntil(lambda model=model: model.active_count() == 0, timeout=30_000)

    total = 2 * PER_PROCESS + 2 * PER_WINDOW
    records = store.list_jobs(limit=100)
    assert len(records) == total and {r.state for r in records} == {JobState.succeeded}
    assert len({r.task_id for r in records}) == total
    assert len(submits(emulator)) == len(emulator.tasks) == total, "a job was sent twice"
    assert all(r.resume_count == 0 for r in records)  # nobody took over a live job
    for built in (first, second):  # F5: entries made elsewhere appear
        built.parts.history.refresh()
        model = built.parts.history_model
        qtbot.waitUntil(lambda model=model: len(model.ids()) == total, timeout=10_000)
        assert set(window_jobs) <= set(model.ids())
    db = sqlite3.connect(paths.history_db)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
