"""Fixtures of the reliability checks, loaded for the whole suite by tests/conftest.py."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from fluxdesk.core.api.transfer import RetryPolicy, Timeouts
from reliability_kit.hostile import Hostile, build

# Quick clients everywhere, including those the GUI and the CLI build themselves (they take
# the defaults): no back-off between attempts, fewer of them, and a 1 s read timeout, so a hung
# server is given up on quickly. The logic (what is retried, what never is) is unchanged.
FAST_TIMEOUTS = (2.0, 1.0)
FAST_RETRIES = (3, 3, 2, 3, 0.0, 0.0, 0.0)


@pytest.fixture
def fast_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Timeouts.__init__, "__defaults__", FAST_TIMEOUTS)
    monkeypatch.setattr(RetryPolicy.__init__, "__defaults__", FAST_RETRIES)


@pytest.fixture
def log_records() -> Iterator[list[logging.LogRecord]]:
    """Every record logged at any level while the test runs (DEBUG included)."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(logging.DEBUG)
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield records
    root.removeHandler(handler)
    root.setLevel(previous)


@pytest.fixture(scope="session")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> list[Hostile]:
    """Every hostile input file (reliability_kit/hostile.py), written once per session."""
    return build(tmp_path_factory.mktemp("hostile"))
