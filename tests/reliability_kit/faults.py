"""Every network fault a code path must survive, and the documented outcome of each.

One row per fault: the emulator fault (aimed at one job by its prompt), whether the job ends
failed or paused (kept to resume: BFL accepted it), the error kind the history records, words
of the message the artist reads, the CLI exit code, and whether the emulator made (and would
charge) a task. Nothing in a row may ever send a paid job twice.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from fluxdesk.emulator import EmulatorServer, Fault, RecordedRequest


class Outcome(StrEnum):
    failed = "failed"  # over: the message says why (and whether anything was charged)
    paused = "paused"  # accepted by BFL: kept unfinished, resumed later


@dataclass(frozen=True, slots=True)
class FaultCase:
    name: str
    fault: Fault
    outcome: Outcome
    kind: str
    words: str
    exit_code: int
    created: bool  # the emulator made the task (BFL would have charged it)

    def prompt(self, where: str) -> str:
        """A prompt that names this case alone (no case's name contains another's in it)."""
        return f"{where} [{self.name}]"

    def aimed(self, prompt: str) -> Fault:
        return dataclasses.replace(self.fault, prompt_contains=prompt)

    @property
    def after_acceptance(self) -> bool:
        """A poll or download fault: it can also meet a job resumed after a restart."""
        return self.fault.stage in ("poll", "download")


_NOW = {"Retry-After": "0"}
F, P = Outcome.failed, Outcome.paused

SUBMIT_CASES = (
    FaultCase("auth-401", Fault("submit", "status", status=401), F, "auth", "rejected", 3, False),
    FaultCase("auth-403", Fault("submit", "status", status=403), F, "auth", "rejected", 3, False),
    FaultCase(
        "credits-402", Fault("submit", "status", status=402), F, "credits", "credits", 4, False
    ),
    FaultCase(
        "rate-limit-429",
        Fault("submit", "status", status=429, headers=_NOW),
        F,
        "rate_limited",
        "Too many jobs",
        1,
        False,
    ),
    FaultCase(
        "server-500", Fault("submit", "status", status=500), F, "server", "HTTP 500", 1, False
    ),
    FaultCase(
        "server-503", Fault("submit", "status", status=503), F, "server", "HTTP 503", 1, False
    ),
    FaultCase(
        "malformed-submit", Fault("submit", "malformed"), F, "protocol", "not JSON", 1, False
    ),
    FaultCase(
        "dropped-submit", Fault("submit", "drop"), F, "submit_uncertain", "may or may not", 1, True
    ),
    FaultCase(
        "hung-submit", Fault("submit", "hang"), F, "submit_uncertain", "may or may not", 1, False
    ),
)
AFTER_ACCEPTANCE_CASES = (
    # A key revoked while BFL makes a paid image: kept, fetched once the key is fixed.
    FaultCase("auth-poll-401", Fault("poll", "status", status=401), P, "auth", "rejected", 3, True),
    FaultCase("malformed-poll", Fault("poll", "malformed"), F, "protocol", "not JSON", 1, True),
    FaultCase(
        "rate-limit-poll",
        Fault("poll", "status", status=429, headers=_NOW),
        P,
        "rate_limited",
        "Too many jobs",
        1,
        True,
    ),
    FaultCase(
        "server-503-poll", Fault("poll", "status", status=503), P, "server", "HTTP 503", 1, True
    ),
    FaultCase("dropped-poll", Fault("poll", "drop"), P, "network", "Lost contact", 1, True),
    FaultCase("hung-poll", Fault("poll", "hang"), P, "network", "Lost contact", 1, True),
    FaultCase(
        "moderated-request",
        Fault("poll", "task_status", task_status="Request Moderated"),
        F,
        "moderated",
        "refused the prompt",
        1,
        True,
    ),
    FaultCase(
        "moderated-content",
        Fault("poll", "task_status", task_status="Content Moderated"),
        F,
        "moderated",
        "withheld",
        1,
        True,
    ),
    FaultCase(
        "generation-error",
        Fault("poll", "task_status", task_status="Error"),
        F,
        "generation_failed",
        "failed on BFL",
        1,
        True,
    ),
    FaultCase(
        "task-not-found",
        Fault("poll", "task_status", task_status="Task not found"),
        F,
        "task_not_found",
        "no longer knows",
        1,
        True,
    ),
    FaultCase("expired-download", Fault("download", "expire"), F, "expired", "expired", 1, True),
    FaultCase("corrupt-download", Fault("download", "corrupt"), P, "download", "damaged", 1, True),
    FaultCase(
        "truncated-download", Fault("download", "truncate"), P, "download", "cut short", 1, True
    ),
    FaultCase(
        "dropped-download", Fault("download", "drop"), P, "download", "connection broke", 1, True
    ),
)
ALL_CASES = SUBMIT_CASES + AFTER_ACCEPTANCE_CASES

# The balance check (status bar, `fluxdesk credits`): a GET, so no outcome but a message.
CREDITS_CASES = (
    (Fault("credits", "status", status=401), 3, "rejected"),
    (Fault("credits", "status", status=403), 3, "rejected"),
    (Fault("credits", "status", status=429, headers=_NOW), 1, "Too many jobs"),
    (Fault("credits", "status", status=500), 1, "HTTP 500"),
    (Fault("credits", "status", status=503), 1, "HTTP 503"),
    (Fault("credits", "malformed"), 1, "not JSON"),
    (Fault("credits", "wrong_shape"), 1, "no credit figure"),
    (Fault("credits", "drop"), 1, "Can't reach"),
    (Fault("credits", "hang"), 1, "Can't reach"),
)


def case_id(case: FaultCase) -> str:
    return case.name


def submits(server: EmulatorServer, prompt: str | None = None) -> list[RecordedRequest]:
    """The generation POSTs the emulator received (for one prompt, if given)."""
    found = [r for r in server.requests if r.method == "POST" and r.path.startswith("/v1/")]
    if prompt is not None:
        found = [r for r in found if prompt.encode() in r.body]
    return found


def tasks_for(server: EmulatorServer, prompt: str) -> int:
    return sum(1 for task in server.tasks if prompt in task.prompt)


def assert_sent_at_most_once(server: EmulatorServer, case: FaultCase, prompt: str) -> None:
    """Never two tasks for one job; and a job the server may have started is never re-sent."""
    assert tasks_for(server, prompt) == (1 if case.created else 0), case.name
    if case.kind == "submit_uncertain" or case.after_acceptance:
        assert len(submits(server, prompt)) == 1, f"{case.name}: sent again"


def quiet_logs(records: list[logging.LogRecord]) -> list[str]:
    """Log lines that an expected fault must not produce: errors, or any traceback."""
    return [
        f"{r.levelname} {r.name}: {r.getMessage()}"
        for r in records
        if r.levelno >= logging.ERROR or r.exc_info or r.exc_text
    ]


def tracebacks_in(folder: Path) -> list[Path]:
    return [
        path
        for path in folder.rglob("*.log*")
        if path.is_file() and "Traceback" in path.read_text(errors="replace")
    ]
