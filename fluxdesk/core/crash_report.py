"""The crash report: what went wrong and where, for the artist to copy and send, without secrets.

Qt-free so any thread (and a dying process) can build and write one; `ui/crash.py` adds the Qt
versions, installs the hooks and shows the dialog.
"""

from __future__ import annotations

import platform
import re
import sys
import traceback
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from fluxdesk import __version__
from fluxdesk.core.atomic import atomic_write_bytes
from fluxdesk.core.logs import redact

LOG_FILE_NAME = "fluxdesk.log"
LOG_LINES = 60
REDACTED = "[redacted]"

_SECRET_NAMES = (
    r"authorization|proxy-authorization|x-key|x-api-key|api[-_]?key|[a-z]+[-_]api[-_]key"
    r"|fal[-_]key|access[-_]token|refresh[-_]token|token|secret|password|passwd|cookie|set-cookie"
)
# The scrubbing after `redact` (which knows the keys actually in use): anything shaped like a
# credential, in headers, dict/JSON reprs, keyword arguments, environment lines and URLs.
_SCRUBS: tuple[tuple[re.Pattern[str], str], ...] = (
    (  # "Authorization: Bearer abc", "'x-key': 'abc'", "api_key=abc", "FAL_KEY=abc"
        re.compile(
            rf"(?i)\b({_SECRET_NAMES})(['\"]?\s*[:=]\s*['\"]?)"
            r"(?:(?:bearer|basic|key|token)\s+)?(?!\[redacted\])[^\s'\",;&)}\]]+"
        ),
        rf"\1\2{REDACTED}",
    ),
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=:-]{8,}"), rf"\1 {REDACTED}"),
    (  # signed links: ?sig=…, &X-Amz-Signature=…, &token=…
        re.compile(
            r"(?i)([?&][a-z0-9_.-]*(?:sig|signature|token|key|credential|auth)[a-z0-9_.-]*=)"
            r"[^&#\s'\"]+"
        ),
        rf"\1{REDACTED}",
    ),
    (  # long random-looking strings (keys are UUIDs or long hex/base64 runs)
        re.compile(r"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{32,}(?:[:.][\w-]{16,})*"),
        REDACTED,
    ),
)


def scrub(text: str) -> str:
    """Removes registered secrets, then anything that looks like a key, token or header value."""
    text = redact(text)
    for pattern, replacement in _SCRUBS:
        text = pattern.sub(replacement, text)
    return text


@dataclass(frozen=True, slots=True)
class CrashContext:
    """Where the report goes and what it says about the installation."""

    logs: Path
    data: Path | None = None
    # Versions the caller knows and core cannot import (Qt, PySide6).
    versions: Mapping[str, str] | None = None


def crash_signature(exc_type: type[BaseException], tb: TracebackType | None) -> tuple[str, ...]:
    """Same type raised from the same lines: the same crash (for not repeating the dialog)."""
    frames = traceback.extract_tb(tb)[-4:]
    return (exc_type.__qualname__, *(f"{f.filename}:{f.lineno}" for f in frames))


def last_log_lines(logs: Path, count: int = LOG_LINES) -> list[str]:
    path = logs / LOG_FILE_NAME
    try:
        with path.open(encoding="utf-8", errors="replace") as file:
            return [line.rstrip("\n") for line in deque(file, maxlen=count)]
    except OSError:
        return []


def build_report(
    exc_type: type[BaseException],
    exc_value: BaseException | None,
    tb: TracebackType | None,
    *,
    where: str,
    context: CrashContext,
    now: datetime | None = None,
) -> str:
    """The whole report as text, already scrubbed of secrets."""
    now = now or datetime.now()
    details = {
        "When": now.strftime("%Y-%m-%d %H:%M:%S"),
        "Where": where,
        "FluxDesk": __version__ + (" (packaged)" if getattr(sys, "frozen", False) else ""),
        "OS": platform.platform(),
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        **dict(context.versions or {}),
        "Data folder": str(context.data) if context.data else "-",
        "Log folder": str(context.logs),
    }
    width = max(len(name) for name in details) + 1
    lines = ["FluxDesk crash report", ""]
    lines += [f"{name + ':':<{width}} {value}" for name, value in details.items()]
    lines.append("")
    lines += "".join(traceback.format_exception(exc_type, exc_value, tb)).rstrip().splitlines()
    log_lines = last_log_lines(context.logs)
    heading = f"Last {len(log_lines)} lines of {LOG_FILE_NAME}"
    lines += ["", heading, "-" * len(heading)]
    lines += log_lines or ["(no log)"]
    return scrub("\n".join(lines) + "\n")


def write_report(text: str, logs: Path, now: datetime | None = None) -> Path:
    """Writes `crash-YYYYMMDD-HHMMSS.txt` in the log folder (a suffix if that second is taken)."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    logs.mkdir(parents=True, exist_ok=True)
    path = logs / f"crash-{stamp}.txt"
    number = 2
    while path.exists():
        path = logs / f"crash-{stamp}-{number}.txt"
        number += 1
    atomic_write_bytes(path, scrub(text).encode("utf-8"))
    return path
