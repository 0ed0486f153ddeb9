"""Running FluxDesk's commands in the test process."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import RunCli

from fluxdesk.cli.parser import run_command
from fluxdesk.core.jobs import PollPolicy


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys) -> RunCli:
    """`run_cli("generate", ...)` from `tmp_path`, polling without waits: (exit code, stdout,
    stderr). The key and API addresses are the test's to set."""
    monkeypatch.chdir(tmp_path)

    def run(*argv: str) -> tuple[int, str, str]:
        try:
            code = run_command(list(argv), poll_policy=PollPolicy.immediate())
        except SystemExit as usage:  # argparse's own usage errors
            code = int(usage.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
