"""The window at the API's limits, and the packaged self-test's path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image
from pytestqt.qtbot import QtBot

from fluxdesk.core.jobs import JobState
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.emulator import EmulatorServer
from fluxdesk.ui.app import Built


def test_thirty_jobs_run_24_at_a_time_and_the_rest_queue(
    qtbot: QtBot, studio: Built, slow_emulator: EmulatorServer
) -> None:
    generation, model = studio.parts.generation, studio.parts.history_model
    state = PromptState("flux-dev", "a page of panels", {}, seed=100, variations=30)
    with qtbot.waitSignal(generation.jobs_started, timeout=5000):
        generation.generate(state)
    assert model.rowCount() == 30
    qtbot.waitUntil(
        lambda: sum(row.state is JobState.running for row in model.rows()) == 24, timeout=15_000
    )
    assert len(slow_emulator.tasks) == 24  # the other six wait here, not in a 429 loop
    assert sum(row.state is JobState.queued for row in model.rows()) == 6
    slow_emulator.advance_clock(200)
    qtbot.waitUntil(lambda: len(slow_emulator.tasks) == 30, timeout=15_000)
    slow_emulator.advance_clock(200)
    qtbot.waitUntil(lambda: model.active_count() == 0, timeout=20_000)
    assert [row.state for row in model.rows()] == [JobState.succeeded] * 30
    statuses = [r for r in slow_emulator.requests if r.method == "POST" and "/v1/" in r.path]
    assert len(statuses) == 30


def test_self_test_runs_the_real_window_end_to_end(tmp_path: Path) -> None:
    screenshot = tmp_path / "self-test.png"
    env = {**os.environ, "FLUXDESK_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "fluxdesk", "--self-test", "--screenshot", str(screenshot)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test passed" in done.stdout
    with Image.open(screenshot) as image:
        assert image.width >= 1000
