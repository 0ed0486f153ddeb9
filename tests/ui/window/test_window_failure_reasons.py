"""Why a job failed reads in the artist's language after a restart too: the history keeps the
message's template and arguments (a host, minutes, a nested part), so the History dock, its
tooltips and the compare dialog translate it as they did while the app ran."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.errors import FluxError, NetworkError, PollTimeout, StorageError
from fluxdesk.core.history.diff import entry_diff
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId
from fluxdesk.core.messages import Message
from fluxdesk.core.paths import AppPaths
from fluxdesk.emulator import EmulatorServer
from fluxdesk.ui.app import Built
from fluxdesk.ui.history_diff_dialog import EntryDiffDialog
from fluxdesk.ui.i18n import JAPANESE, install_translations, remove_translations

OpenWindow = Callable[[AppPaths, EmulatorServer], Built]  # the `open_window` fixture

FAILURES: dict[str, tuple[FluxError, str]] = {
    "job-offline": (
        NetworkError(
            Message(
                "Can't reach the API at {host}. Check your internet connection; "
                "nothing was sent or charged.",
                host="api.bfl.ai",
            )
        ),
        "API（api.bfl.ai）に接続できません。インターネット接続を確認してください。"
        "何も送信・課金していません。",
    ),
    "job-slow": (
        PollTimeout(
            Message(
                "The job was not ready after {minutes:g} minutes, so FluxDesk stopped "
                "waiting. It stays in the history and can be resumed while {label} keeps it.",
                minutes=2.5,
                label="BFL",
            )
        ),
        "2.5 分待ってもジョブが完了しなかったため、待つのをやめました。"
        "ジョブは履歴に残り、BFL が保管している間は再開できます。",
    ),
    "job-disk": (
        StorageError(
            Message(
                "Could not save {what} ({reason}).",
                what=Message("the result"),
                reason=OSError(5, "Input/output error"),
            )
        ),
        "生成結果を保存できませんでした（[Errno 5] Input/output error）。",
    ),
}


@pytest.fixture
def japanese(qapp: QApplication) -> Iterator[None]:
    """Installed before the window is built, as the app does at start-up."""
    translators = install_translations(qapp, JAPANESE)
    yield
    remove_translations(qapp, translators)


def _fail(store: HistoryStore, job_id: str, error: FluxError) -> JobId:
    job = JobId(job_id)
    request = GenerationRequest("flux-dev", f"pencils for {job_id}", {}, 7)
    store.create_job(job, request, source="gui", api_base="https://api.bfl.ai", price_estimate=2.5)
    store.mark_failed(job, error)
    return job


def test_a_failure_reason_is_japanese_after_a_restart(
    japanese: None,
    qtbot: QtBot,
    tmp_path: Path,
    emulator: EmulatorServer,
    open_window: OpenWindow,
) -> None:
    paths = AppPaths.under(tmp_path / "artist").ensure()
    earlier = HistoryStore.open(paths.history_db, paths.images)  # the run before the restart
    ids = [_fail(earlier, job_id, error) for job_id, (error, _) in FAILURES.items()]

    built = open_window(paths, emulator)  # opens the history with a new HistoryStore
    model = built.parts.history_model
    qtbot.waitUntil(lambda: model.loaded and model.rowCount() == len(ids), timeout=10_000)
    qtbot.waitUntil(lambda: all(model.row_for(job_id) is not None for job_id in ids))
    for job_id, (error, japanese_text) in FAILURES.items():
        row = model.row_for(JobId(job_id))
        assert row is not None and row.error_message == japanese_text
        tooltip = model.data(model.index_for(JobId(job_id)), Qt.ItemDataRole.ToolTipRole)
        assert japanese_text in tooltip and str(error.user_message) not in tooltip
    store = built.parts.generation.store
    assert store.get_job(ids[0]).error_message == str(FAILURES["job-offline"][0])  # type: ignore[union-attr]

    before, after = store.get_job(ids[0]), store.get_job(ids[2])
    assert before is not None and after is not None
    dialog = EntryDiffDialog(entry_diff(before, after), (None, None))
    qtbot.addWidget(dialog)
    reasons = [label.text() for label in dialog.findChildren(QLabel, "diffReason")]
    assert reasons == [FAILURES["job-offline"][1], FAILURES["job-disk"][1]]
    dialog.show_all.setChecked(True)
    table = {
        dialog.table.item(n, 0).text(): dialog.table.item(n, 1).text()
        for n in range(dialog.table.rowCount())
    }
    assert {"シード", "状態", "費用", "生成時間"} <= set(table)  # the names in Japanese too
    assert table["状態"] == "失敗" and "クレジット" in table["費用"]

    if folder := os.environ.get("FLUXDESK_SCREENSHOTS"):
        built.window.history_dock.grab().save(str(Path(folder) / "ja_failure_reasons.png"))
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.grab().save(str(Path(folder) / "ja_failure_reasons_compare.png"))
