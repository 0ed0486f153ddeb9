"""The real window opens a history of every earlier schema version (the migration fixtures of
tests/core/history): it upgrades on start, lists the entries, settles the old interrupted job
(sent more than an hour ago: expired, without asking the network) and logs nothing at ERROR."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from reliability_kit.faults import quiet_logs

from fluxdesk.core.history.schema import SCHEMA_VERSION
from fluxdesk.core.jobs import JobState
from fluxdesk.core.paths import AppPaths
from fluxdesk.emulator import EmulatorServer
from fluxdesk.ui.app import Built

FIXTURES = Path(__file__).parents[2] / "core" / "history" / "fixtures"
OpenWindow = Callable[[AppPaths, EmulatorServer], Built]


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_an_old_history_opens_in_the_window(
    qtbot: QtBot,
    tmp_path: Path,
    version: int,
    emulator: EmulatorServer,
    open_window: OpenWindow,
    log_records: list[logging.LogRecord],
) -> None:
    paths = AppPaths.under(tmp_path / f"v{version}").ensure()
    shutil.copyfile(FIXTURES / f"history-v{version}.sqlite3", paths.history_db)
    built = open_window(paths, emulator)
    model = built.parts.history_model
    qtbot.waitUntil(lambda: model.loaded and model.rowCount() > 0, timeout=10_000)
    shown = set(model.ids())
    trashed = {"job-moderated"} if version >= 3 else set()  # curation came with version 3
    assert shown == {"job-inked", "job-moderated", "job-child", "job-jp"} - trashed
    store = built.parts.generation.store
    qtbot.waitUntil(lambda: not store.unfinished_jobs(), timeout=10_000)
    child = store.get_job("job-child")
    assert child is not None and child.state is JobState.failed and child.error_kind == "expired"
    assert not [r for r in emulator.requests if r.method == "POST"]
    assert quiet_logs(log_records) == []
