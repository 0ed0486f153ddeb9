"""The real `fluxdesk` entry point, one process per class of outcome, all at once against one
emulator (each fault aimed at its own process by prompt or key): the documented exit code, one
line on stderr, no traceback there or in the log file, and nothing sent twice."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from reliability_kit.faults import submits

from fluxdesk.emulator import EmulatorServer, Fault

KEY = "bfl_subprocess_fault_key"


@dataclass(frozen=True, slots=True)
class Run:
    name: str
    argv: tuple[str, ...]
    fault: Fault | None
    code: int
    words: str


def generate(prompt: str, *extra: str) -> tuple[str, ...]:
    return ("generate", "--model", "flux-dev", "--prompt", prompt, "--seed", "3", *extra)


RUNS = (
    Run("auth", generate("auth"), Fault("submit", "status", status=401), 3, "rejected"),
    Run("credits", generate("credits"), Fault("submit", "status", status=402), 4, "credits"),
    Run(
        "moderated",
        generate("moderated"),
        Fault("poll", "task_status", task_status="Request Moderated"),
        1,
        "moderation",
    ),
    Run("uncertain", generate("uncertain"), Fault("submit", "drop"), 1, "may or may not"),
    Run("expired", generate("expired"), Fault("download", "expire"), 1, "expired"),
    Run("paused", generate("paused"), Fault("poll", "status", status=403), 3, "history resume"),
    Run("usage", generate("usage", "--api-url", "http://example.com"), None, 2, "plain http"),
    Run("balance", ("credits",), Fault("credits", "status", status=401), 3, "rejected"),
)


def test_each_class_of_outcome_in_a_real_process(emulator: EmulatorServer, tmp_path: Path) -> None:
    processes = {}
    for run in RUNS:
        key = f"{KEY}-{run.name}"
        if run.fault is not None:
            aim = {"key": key} if run.fault.stage == "credits" else {"prompt_contains": run.name}
            emulator.script(Fault.from_json({**run.fault.to_json(), **aim}))
        env = {
            **os.environ,
            "BFL_API_KEY": key,
            "FLUXDESK_API_URL": emulator.base_url,
            "FLUXDESK_HOME": str(tmp_path / run.name),
            "PYTHONWARNINGS": "error::DeprecationWarning:fluxdesk",
        }
        argv = [sys.executable, "-m", "fluxdesk", *run.argv]
        processes[run] = subprocess.Popen(
            argv, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    for run, process in processes.items():
        out, err = process.communicate(timeout=60)
        assert process.returncode == run.code, (run.name, err)
        assert out == "" and len(err.splitlines()) == 1 and run.words in err, (run.name, err)
        assert "Traceback" not in err
        logs = tmp_path / run.name / "logs"
        for log in logs.glob("*.log*"):
            assert "Traceback" not in log.read_text(), (run.name, log.read_text())
    assert len(submits(emulator, "uncertain")) == 1  # sent once, never again by itself
    assert not submits(emulator, "usage")
