"""Every network fault against every path the window takes to the API: a job generated from the
prompt panel, a job interrupted by a closed window and resumed on the next start while the
fault is on, and the balance in the status bar. All faults at once, each aimed at its own job
by prompt, in one window: each job ends as documented (failed with its message, or paused and
kept), the dock says why, nothing is logged at ERROR or with a traceback, and no job is sent
twice."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot
from reliability_kit.faults import (
    AFTER_ACCEPTANCE_CASES,
    ALL_CASES,
    CREDITS_CASES,
    FaultCase,
    Outcome,
    assert_sent_at_most_once,
    quiet_logs,
)

from fluxdesk.core.api.client import FluxApi
from fluxdesk.core.concurrency import ConcurrencyGate
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId, JobPlan, JobUpdate, PollPolicy, run_planned_job
from fluxdesk.core.paths import AppPaths
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.emulator import EmulatorServer, Fault
from fluxdesk.ui.app import Built
from fluxdesk.ui.controllers.account import KeyState

WINDOW_KEY = "bfl_window_test_key"  # the key the window fixtures (conftest.py) give the app
OpenWindow = Callable[[AppPaths, EmulatorServer], Built]


def finished_updates(built: Built) -> list[JobUpdate]:
    updates: list[JobUpdate] = []
    built.parts.runner.job_finished.connect(updates.append)
    return updates


def assert_outcome(built: Built, case: FaultCase, update: JobUpdate, prompt: str) -> None:
    assert update.error is not None and case.words in update.error.user_message, case.name
    if case.outcome is Outcome.paused:
        assert update.paused and not update.state.is_terminal, case.name
    else:
        assert update.state.is_terminal and update.error.kind == case.kind, case.name
    record = built.parts.generation.store.get_job(update.job_id)
    assert record is not None and record.prompt == prompt
    assert record.error_message == update.error.user_message
    row = built.parts.history_model.row_for(update.job_id)
    assert row is not None and row.error_message == update.error.user_message  # the dock


def test_jobs_from_the_prompt_panel(
    qtbot: QtBot,
    fast_network: None,
    log_records: list[logging.LogRecord],
    quick_studio: Built,
    emulator: EmulatorServer,
) -> None:
    done = finished_updates(quick_studio)
    panel = quick_studio.window.prompt_panel
    started: dict[JobId, FaultCase] = {}
    for seed, case in enumerate(ALL_CASES, start=1):
        prompt = case.prompt("gui under")
        emulator.script(case.aimed(prompt))
        panel.set_state(PromptState("flux-dev", prompt, {}, seed, 1))
        with qtbot.waitSignal(quick_studio.parts.generation.jobs_started, timeout=5000) as sent:
            assert panel.generate()
        (job_id,) = sent.args[0]
        started[job_id] = case
    qtbot.waitUntil(lambda: len(done) == len(started), timeout=30_000)

    for update in done:
        case = started[update.job_id]
        prompt = case.prompt("gui under")
        assert_outcome(quick_studio, case, update, prompt)
        assert_sent_at_most_once(emulator, case, prompt)
    assert quiet_logs(log_records) == []


def interrupted_jobs(paths: AppPaths, emulator: EmulatorServer) -> dict[str, FaultCase]:
    """One job per fault that BFL accepted and a closed window left behind (no owner alive)."""
    store = HistoryStore.open(paths.history_db, paths.images)
    api = FluxApi(emulator.base_url, WINDOW_KEY)
    jobs: dict[str, FaultCase] = {}
    for case in AFTER_ACCEPTANCE_CASES:
        prompt = case.prompt("resumed under")
        stage = "download" if case.fault.stage == "download" else "poll"
        emulator.script(Fault(stage, "drop", prompt_contains=prompt))
        job_id = JobId(f"interrupted-{case.name}")
        plan = JobPlan(GenerationRequestFor(prompt), api, "gui", 4.0)
        *_, last = run_planned_job(
            job_id,
            plan,
            store=store,
            policy=PollPolicy.immediate(),
            gate=ConcurrencyGate(),
            cancel=threading.Event(),
        )
        assert last.paused, (case.name, last)
        jobs[job_id] = case
    emulator.clear_faults()
    return jobs


def GenerationRequestFor(prompt: str):
    from fluxdesk.core.api.models import GenerationRequest

    return GenerationRequest("flux-dev", prompt, {}, 21)


def test_jobs_resumed_on_start_while_the_fault_is_on(
    qtbot: QtBot,
    tmp_path: Path,
    fast_network: None,
    log_records: list[logging.LogRecord],
    emulator: EmulatorServer,
    open_window: OpenWindow,
) -> None:
    paths = AppPaths.under(tmp_path / "artist").ensure()
    jobs = interrupted_jobs(paths, emulator)
    for case in jobs.values():
        emulator.script(case.aimed(case.prompt("resumed under")))
    before = len(log_records)

    built = open_window(paths, emulator)
    done = finished_updates(built)
    qtbot.waitUntil(lambda: len(done) == len(jobs), timeout=30_000)
    for update in done:
        case = jobs[update.job_id]
        assert_outcome(built, case, update, case.prompt("resumed under"))
        assert_sent_at_most_once(emulator, case, case.prompt("resumed under"))
    assert quiet_logs(log_records[before:]) == []


def test_the_balance_in_the_status_bar(
    qtbot: QtBot,
    fast_network: None,
    log_records: list[logging.LogRecord],
    quick_studio: Built,
    emulator: EmulatorServer,
) -> None:
    account = quick_studio.parts.account
    label = quick_studio.window.status.balance_label
    qtbot.waitUntil(lambda: label.text().startswith("Balance"), timeout=5000)
    for fault, _code, words in CREDITS_CASES:
        emulator.script(fault)
        with qtbot.waitSignal(account.message, timeout=10_000) as told:
            account.refresh_balance()
        assert words in told.args[0], (fault, told.args[0])
        assert label.text() == ""  # no stale figure is shown
        emulator.clear_faults()
        with qtbot.waitSignal(account.balance_changed, timeout=5000):
            account.refresh_balance()
        assert label.text().startswith("Balance")
    assert account.key_state() is not KeyState.rejected  # a good answer clears it
    assert quiet_logs(log_records) == []
