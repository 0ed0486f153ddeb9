"""Every network fault against every command that talks to the API: `fluxdesk generate`,
`fluxdesk history resume` (a job a closed FluxDesk left behind, resumed while the fault is on)
and `fluxdesk credits`. Each ends in its documented exit code with one clear line (no
traceback, nothing logged at ERROR), the history says what happened, and no job is sent twice.

In-process through `run_command`; `test_cli_subprocess_faults.py` runs the real entry point
once per class of outcome.
"""

from __future__ import annotations

import logging

import pytest
from cli_support import RunCli, open_history
from reliability_kit.faults import (
    AFTER_ACCEPTANCE_CASES,
    ALL_CASES,
    CREDITS_CASES,
    FaultCase,
    Outcome,
    assert_sent_at_most_once,
    case_id,
    quiet_logs,
    submits,
    tracebacks_in,
)

from fluxdesk.core.jobs import JobState
from fluxdesk.core.paths import AppPaths
from fluxdesk.emulator import EmulatorServer, Fault

KEY = "bfl_cli_fault_matrix_key"


@pytest.fixture
def cli(
    monkeypatch: pytest.MonkeyPatch,
    emulator: EmulatorServer,
    fast_network: None,
    run_cli: RunCli,
) -> RunCli:
    monkeypatch.setenv("BFL_API_KEY", KEY)
    monkeypatch.setenv("FLUXDESK_API_URL", emulator.base_url)
    return run_cli


def assert_clean(log_records: list[logging.LogRecord]) -> None:
    assert quiet_logs(log_records) == []
    assert tracebacks_in(AppPaths.default().logs) == []


def assert_recorded(case: FaultCase, prompt: str) -> None:
    (record,) = [r for r in open_history().list_jobs() if r.prompt == prompt]
    if case.outcome is Outcome.failed:
        assert record.state is JobState.failed and record.error_kind == case.kind
    else:  # kept unfinished with its task id, to be resumed
        assert record.state in (JobState.running, JobState.downloading) and record.task_id
        assert record.status == "paused"
    assert record.error_message and case.words in record.error_message


@pytest.mark.parametrize("case", ALL_CASES, ids=case_id)
def test_generate(
    cli, emulator: EmulatorServer, case: FaultCase, log_records: list[logging.LogRecord]
) -> None:
    prompt = case.prompt("generate under")
    emulator.script(case.aimed(prompt))
    code, out, err = cli("generate", "--model", "flux-dev", "--prompt", prompt, "--seed", "5")
    assert (code, out) == (case.exit_code, "")
    assert len(err.splitlines()) == 1 and case.words in err, err
    assert "Traceback" not in err and KEY not in err
    assert ("history resume" in err) == (case.outcome is Outcome.paused)
    assert_recorded(case, prompt)
    assert_sent_at_most_once(emulator, case, prompt)
    assert_clean(log_records)


def interrupt(cli, emulator: EmulatorServer, prompt: str, stage: str) -> None:
    """A job BFL accepted that the command could not finish: it stays in the history."""
    where = Fault(stage, "drop", prompt_contains=prompt)
    emulator.script(where)
    code, _, err = cli("generate", "--model", "flux-dev", "--prompt", prompt, "--seed", "8")
    assert code == 1 and "history resume" in err
    emulator.clear_faults()


@pytest.mark.parametrize("case", AFTER_ACCEPTANCE_CASES, ids=case_id)
def test_history_resume(
    cli, emulator: EmulatorServer, case: FaultCase, log_records: list[logging.LogRecord]
) -> None:
    prompt = case.prompt("resumed under")
    interrupt(cli, emulator, prompt, "download" if case.fault.stage == "download" else "poll")
    emulator.script(case.aimed(prompt))
    code, out, err = cli("history", "resume")
    assert code == case.exit_code and err == ""
    word = "still waiting" if case.outcome is Outcome.paused else "failed"
    assert len(out.splitlines()) == 1 and f"{word}: " in out and case.words in out, out
    assert "Traceback" not in out
    assert_recorded(case, prompt)
    assert_sent_at_most_once(emulator, case, prompt)
    assert_clean(log_records)

    # Once the fault is gone, a paused job still brings its (paid) result home.
    emulator.clear_faults()
    code, out, _ = cli("history", "resume")
    if case.outcome is Outcome.paused:
        assert code == 0 and "recovered" in out
        assert open_history().list_jobs()[0].state is JobState.succeeded
    else:
        assert code == 0 and out.startswith("Nothing to resume")
    assert len(submits(emulator, prompt)) == 1


@pytest.mark.parametrize(
    ("fault", "code", "words"), CREDITS_CASES, ids=lambda v: getattr(v, "action", None) and str(v)
)
def test_credits(
    cli,
    emulator: EmulatorServer,
    fault: Fault,
    code: int,
    words: str,
    log_records: list[logging.LogRecord],
) -> None:
    emulator.script(fault)
    result, out, err = cli("credits")
    assert (result, out) == (code, "")
    assert len(err.splitlines()) == 1 and words in err and "Traceback" not in err, err
    assert_clean(log_records)
