"""The crash report: everything needed to understand a crash, and never a secret."""

from __future__ import annotations

import platform
import sys
from datetime import datetime
from pathlib import Path

import pytest

from fluxdesk import __version__
from fluxdesk.core.crash_report import (
    CrashContext,
    build_report,
    crash_signature,
    scrub,
    write_report,
)
from fluxdesk.core.logs import register_secret

KEY = "crash-report-key-5f1e2d3c"


def _raise_with_key() -> None:
    headers = {"x-key": KEY}
    raise RuntimeError(f"request failed with headers {headers} and key {KEY}")


def _caught() -> tuple[type[BaseException], BaseException, object]:
    try:
        _raise_with_key()
    except RuntimeError:
        return sys.exc_info()  # type: ignore[return-value]
    raise AssertionError("unreachable")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Authorization: Bearer abc.def-123", "Authorization: "),
        ("{'x-key': 'e2b0c442-98fc-1c14-9afb-f4c8996fb924'}", "{'x-key': '"),
        ("FAL_KEY=0f0e1d2c-aaaa-bbbb-cccc-123456789abc:0123456789abcdef0123456789abcdef", "FAL_"),
        ("GET https://cdn.example/r.png?se=2026&sig=AbC123%2Bxyz&sp=r", "se=2026&sig="),
        ("comfyui-token: Key s3cr3t-value", "comfyui-token: "),
        ("a token like 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "a "),
    ],
)
def test_scrub_removes_anything_shaped_like_a_credential(text: str, kept: str) -> None:
    cleaned = scrub(text)
    assert "[redacted]" in cleaned
    assert kept in cleaned
    for secret in ("abc.def-123", "e2b0c442", "0f0e1d2c", "AbC123", "s3cr3t", "9f86d08"):
        assert secret not in cleaned


def test_scrub_keeps_ordinary_text() -> None:
    text = 'File "/home/aya/fluxdesk/ui/app.py", line 42, in run\nValueError: width 1024 > 512'
    assert scrub(text) == text


def test_report_has_versions_traceback_log_tail_and_no_registered_key(tmp_path: Path) -> None:
    register_secret(KEY)
    logs = tmp_path / "logs"
    logs.mkdir()
    lines = [f"2026-01-01 INFO line {n}" for n in range(100)] + [f"ERROR sent {KEY}"]
    (logs / "fluxdesk.log").write_text("\n".join(lines) + "\n", encoding="utf-8")
    context = CrashContext(logs=logs, data=tmp_path / "data", versions={"Qt": "6.9.9"})

    report = build_report(*_caught(), where="the window", context=context)  # type: ignore[misc]

    assert KEY not in report
    assert f"FluxDesk:    {__version__}" in report
    assert f"Python:      {platform.python_version()}" in report
    assert "Qt:          6.9.9" in report
    assert f"Data folder: {tmp_path / 'data'}" in report
    assert "Where:       the window" in report
    assert "in _raise_with_key" in report and "RuntimeError: request failed" in report
    assert "line 99" in report and "line 40" not in report  # the last lines only
    assert "ERROR sent [redacted]" in report


def test_report_file_is_named_by_time_and_never_replaced(tmp_path: Path) -> None:
    now = datetime(2026, 3, 4, 5, 6, 7)
    first = write_report("one", tmp_path, now)
    second = write_report(f"two {KEY}", tmp_path, now)
    assert first.name == "crash-20260304-050607.txt"
    assert second.name == "crash-20260304-050607-2.txt"
    assert first.read_text(encoding="utf-8") == "one"
    register_secret(KEY)
    assert KEY not in write_report(f"three {KEY}", tmp_path, now).read_text(encoding="utf-8")


def test_same_crash_has_the_same_signature() -> None:
    signatures = {crash_signature(kind, tb) for kind, _, tb in (_caught(), _caught())}  # type: ignore[arg-type]
    assert len(signatures) == 1


def test_a_registered_key_after_a_secret_name_is_redacted_once() -> None:
    register_secret(KEY)
    assert scrub(f"token={KEY}, x-key: {KEY}") == "token=[redacted], x-key: [redacted]"
