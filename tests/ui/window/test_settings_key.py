"""The API key in Settings: checked with /v1/credits, kept only in the keychain, forgettable;
without a keychain a clear message and nothing written anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from pytestqt.qtbot import QtBot

from fluxdesk.core.paths import AppPaths
from fluxdesk.emulator import EmulatorServer
from fluxdesk.ui.app import Built, build_window
from fluxdesk.ui.controllers.account import KeyState
from fluxdesk.ui.settings_dialog import SettingsDialog

KEY = "bfl_settings_test_key"


@pytest.fixture
def keyless(qtbot: QtBot, tmp_path: Path, emulator: EmulatorServer) -> Iterator[Built]:
    built = build_window(AppPaths.under(tmp_path / "home"), api_url=emulator.base_url)
    built.window.show()
    with qtbot.waitSignal(built.parts.account.connection_changed, timeout=5000):
        built.start()
    yield built
    built.window.skip_close_question()
    built.window.close()
    assert built.shutdown(5000)


def dialog_for(built: Built, qtbot: QtBot) -> SettingsDialog:
    account = built.parts.account
    dialog = SettingsDialog(built.parts.preferences.value, account.key_state())
    qtbot.addWidget(dialog)
    dialog.save_key_requested.connect(account.save_key)
    account.key_checked.connect(dialog.show_check_result)
    return dialog


def test_without_a_key_the_app_runs_the_demo(keyless: Built) -> None:
    connection = keyless.parts.account.connection()
    assert connection is not None and connection.demo
    assert "Demo" in keyless.window.status.mode_label.text()


def test_a_good_key_is_checked_then_kept_in_the_keychain(
    qtbot: QtBot, keyless: Built, memory_keyring, emulator: EmulatorServer, tmp_path: Path
) -> None:
    dialog = dialog_for(keyless, qtbot)
    dialog.key_edit.setText(KEY)
    with qtbot.waitSignal(keyless.parts.account.key_checked, timeout=5000) as blocker:
        dialog.check_button.click()
    assert blocker.args[0] is True and "keychain" in blocker.args[1]
    assert memory_keyring.passwords[("FluxDesk", "bfl-api-key")] == KEY
    assert any(r.path == "/v1/credits" and r.headers.get("x-key") == KEY for r in emulator.requests)
    connection = keyless.parts.account.connection()
    assert connection is not None and not connection.demo
    qtbot.waitUntil(lambda: "Balance" in keyless.window.status.balance_label.text(), timeout=5000)
    assert dialog.key_edit.text() == ""  # not left lying in the widget
    for path in (tmp_path / "home").rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path

    with qtbot.waitSignal(keyless.parts.account.connection_changed, timeout=5000):
        keyless.parts.account.forget_key()
    assert memory_keyring.passwords == {}
    assert keyless.parts.account.connection().demo


def test_a_rejected_key_is_explained_and_not_saved(
    qtbot: QtBot, keyless: Built, memory_keyring, emulator: EmulatorServer
) -> None:
    emulator.revoke_key("bfl_wrong")
    dialog = dialog_for(keyless, qtbot)
    dialog.key_edit.setText("bfl_wrong")
    with qtbot.waitSignal(keyless.parts.account.key_checked, timeout=5000) as blocker:
        dialog.check_button.click()
    assert blocker.args[0] is False and "rejected" in blocker.args[1]
    assert "rejected" in dialog.status.text()
    assert memory_keyring.passwords == {}
    assert keyless.parts.account.key_state() is KeyState.rejected


def test_no_keychain_means_this_session_only(qtbot: QtBot, keyless: Built, tmp_path: Path) -> None:
    keyring.set_keyring(FailKeyring())
    dialog = dialog_for(keyless, qtbot)
    dialog.key_edit.setText(KEY)
    with qtbot.waitSignal(keyless.parts.account.key_checked, timeout=5000) as blocker:
        dialog.check_button.click()
    assert blocker.args[0] is True
    assert "this session only" in blocker.args[1] and "BFL_API_KEY" in blocker.args[1]
    for path in (tmp_path / "home").rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path
