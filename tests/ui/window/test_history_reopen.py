"""An artist closes the app while jobs run, opens it again, and finds the results there; a
second window on the same history is told so, and neither steals the other's jobs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from fluxdesk.core.jobs import JobState
from fluxdesk.core.paths import AppPaths
from fluxdesk.emulator import EmulatorServer
from fluxdesk.ui.app import Built

OpenWindow = Callable[[AppPaths, EmulatorServer], Built]  # the `open_window` fixture


def submits(server: EmulatorServer) -> int:
    return sum(1 for r in server.requests if r.method == "POST" and r.path.startswith("/v1/"))


def test_close_mid_generation_and_reopen_finds_the_results(
    qtbot: QtBot, tmp_path: Path, slow_emulator: EmulatorServer, open_window: OpenWindow
) -> None:
    paths = AppPaths.under(tmp_path / "artist")
    first = open_window(paths, slow_emulator)
    window = first.window
    window.prompt_panel.set_state(
        window.prompt_panel.state().__class__("flux-dev", "a ship in a storm", {}, 11, 2)
    )
    with qtbot.waitSignal(first.parts.generation.jobs_started, timeout=5000) as started:
        window.prompt_panel.generate()
    job_ids = started.args[0]
    model = first.parts.history_model
    qtbot.waitUntil(
        lambda: all(model.row_for(j).state is JobState.running for j in job_ids), timeout=10_000
    )
    first.window.skip_close_question()  # closed mid-generation: BFL keeps working on both
    first.window.close()
    assert first.shutdown(5000)

    slow_emulator.advance_clock(200)
    second = open_window(paths, slow_emulator)
    model = second.parts.history_model
    qtbot.waitUntil(
        lambda: all(
            (row := model.row_for(j)) is not None and row.state is JobState.succeeded
            for j in job_ids
        ),
        timeout=15_000,
    )
    for job_id in job_ids:
        row = model.row_for(job_id)
        assert row is not None and row.result_path is not None and row.result_path.is_file()
        record = second.parts.generation.store.get_job(job_id)
        assert record is not None and record.resume_count == 1
    assert [row.id for row in model.rows()] == list(reversed(job_ids))  # newest first
    assert submits(slow_emulator) == 2, "nothing may be sent twice"


def test_a_second_window_is_told_and_leaves_the_first_ones_jobs_alone(
    qtbot: QtBot, tmp_path: Path, slow_emulator: EmulatorServer, open_window: OpenWindow
) -> None:
    paths = AppPaths.under(tmp_path / "shared")
    first = open_window(paths, slow_emulator)
    window = first.window
    window.prompt_panel.set_state(
        window.prompt_panel.state().__class__("flux-dev", "harbour", {}, 3, 1)
    )
    with qtbot.waitSignal(first.parts.generation.jobs_started, timeout=5000) as started:
        window.prompt_panel.generate()
    (job_id,) = started.args[0]
    qtbot.waitUntil(
        lambda: first.parts.history_model.row_for(job_id).state is JobState.running,
        timeout=10_000,
    )
    assert not first.window.history_dock.notice.isVisible()

    second = open_window(paths, slow_emulator)
    notice = second.window.history_dock.notice
    assert notice.isVisible() and "Another FluxDesk window" in notice.label.text()
    qtbot.waitUntil(lambda: second.parts.history_model.row_for(job_id) is not None)
    assert second.parts.runner.active_count() == 0  # the job belongs to the first window

    slow_emulator.advance_clock(200)
    qtbot.waitUntil(
        lambda: first.parts.history_model.row_for(job_id).state is JobState.succeeded,
        timeout=10_000,
    )
    assert submits(slow_emulator) == 1
