"""Every hostile input file (reliability_kit/hostile.py) dropped on the real window: an odd but
real image opens and is staged for sending; anything else is refused with a clear message in
the status bar, no traceback, nothing logged at ERROR, and Generate then sends nothing (no
credits spent on a reject)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from drop_helpers import Outcome, drop
from pytestqt.qtbot import QtBot
from reliability_kit.faults import quiet_logs, submits
from reliability_kit.hostile import Hostile, Verdict

from fluxdesk.core.prompt_state import PromptState
from fluxdesk.emulator import EmulatorServer
from fluxdesk.ui.app import Built
from fluxdesk.ui.canvas.drop import expand_dropped


def test_each_hostile_file_dropped_on_the_window(
    qtbot: QtBot,
    quick_studio: Built,
    emulator: EmulatorServer,
    hostile_files: list[Hostile],
    log_records: list[logging.LogRecord],
    tmp_path: Path,
) -> None:
    """Generate is pressed the moment each file is dropped (FLUX.2, so even a first drop with
    no input yet is a valid run): an odd image is sent once it is read, a refused one sends
    nothing and says so."""
    window, generation, runner = quick_studio.window, quick_studio.parts.generation, None
    runner = quick_studio.parts.runner
    panel = window.prompt_panel
    panel.set_state(PromptState("flux-2-pro", "ink these pencils", {}, 1, 1))
    started: list[list[object]] = []
    generation.jobs_started.connect(started.append)
    refused: list[str] = []
    for hostile in hostile_files:
        if hostile.skip_reason:
            continue
        outcome = Outcome(quick_studio)
        sent_before = len(started)
        if not drop(quick_studio, hostile.path):
            outcome.close()
            assert hostile.verdict is not Verdict.opens, hostile.name
            refused.append(hostile.name)
            continue
        if expand_dropped([hostile.path]):  # it became the input: Generate waits for it
            assert panel.generate()
        qtbot.waitUntil(outcome.settled, timeout=20_000)
        outcome.close()
        said = outcome.told
        assert all(text and "Traceback" not in text for text in said), said
        if outcome.opened:
            assert hostile.verdict is not Verdict.refused, (hostile.name, said)
            qtbot.waitUntil(lambda n=sent_before + 1: len(started) == n, timeout=5000)
            (job_id,) = started[-1]
            row = quick_studio.parts.history_model.row_for(job_id)  # type: ignore[arg-type]
            staged = generation.staged_input()
            assert row is not None and staged is not None
            assert row.request.inputs[0].sha256 == staged.sha256, hostile.name
            continue
        assert hostile.verdict is not Verdict.opens, (hostile.name, said)
        refused.append(hostile.name)
        assert len(started) == sent_before, f"{hostile.name}: a rejected input was sent"
        if outcome.nothing_to_open:
            continue  # told so at the drop; the input did not change
        reasons = [text for text in said if not text.startswith("Preparing")]
        if hostile.verdict is Verdict.refused:
            assert all(hostile.words in text for text in reasons), (hostile.name, said)
        assert any("Nothing was sent" in text for text in said), (hostile.name, said)
        # Afterwards the panel shows no input, and the controller refuses one sent anyway.
        assert panel.check().credits_each is not None and not generation.staged_input()
        with qtbot.waitSignal(generation.message, timeout=5000) as told:
            generation.generate(PromptState("flux-kontext-pro", "ink", {}, 1, 1))
        assert "Nothing was sent" in told.args[0]
        if hostile.name == "bomb.png":
            window.grab().save(str(tmp_path / "refused-drop.png"))
    generation.jobs_started.disconnect(started.append)
    assert len(refused) >= 14
    qtbot.waitUntil(lambda: runner.active_count() == 0, timeout=30_000)
    assert len(submits(emulator)) == len(started), "a rejected input cost credits"
    assert quiet_logs(log_records) == []


@pytest.mark.parametrize("order", ["bad-then-good", "good-then-bad"])
def test_the_latest_drop_decides_what_is_sent(
    qtbot: QtBot,
    quick_studio: Built,
    emulator: EmulatorServer,
    hostile_files: list[Hostile],
    order: str,
) -> None:
    """Two drops in quick succession: the staging of the first, failed or not, never decides
    for the second (an older failure used to cancel a Generate pressed for the newer input)."""
    by_name = {h.name: h.path for h in hostile_files}
    files = [by_name["truncated.png"], by_name["日本語のページ.png"]]
    if order == "good-then-bad":
        files.reverse()
    generation = quick_studio.parts.generation
    for path in files:
        drop(quick_studio, path)
    panel = quick_studio.window.prompt_panel
    panel.set_state(PromptState("flux-kontext-pro", "ink these pencils", {}, 1, 1))
    if order == "bad-then-good":
        with qtbot.waitSignal(generation.jobs_started, timeout=10_000) as started:
            panel.generate()  # waits for the good input, then sends it
        qtbot.waitUntil(lambda: len(submits(emulator)) == 1, timeout=10_000)
        (job_id,) = started.args[0]
        record = generation.store.get_job(job_id)
        staged = generation.staged_input()
        assert record is not None and staged is not None
        assert record.request.inputs[0].sha256 == staged.sha256  # the good page was sent
    else:
        with qtbot.waitSignal(generation.input_staged, timeout=10_000) as staged:
            pass  # the good page is dropped in favour of the bad one, which fails
        assert staged.args == [None]
        with qtbot.waitSignal(generation.message, timeout=5000) as told:
            generation.generate(PromptState("flux-kontext-pro", "ink", {}, 1, 1))
        assert "Nothing was sent" in told.args[0]
        assert submits(emulator) == []
