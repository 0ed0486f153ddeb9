"""Settings…: the dialog, wired to the account (key), the preferences and the providers for as
long as it is open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.provider_settings import ProviderSettings, ProviderSettingsWiring
from fluxdesk.ui.settings_dialog import SettingsDialog

if TYPE_CHECKING:
    from fluxdesk.ui.main_window import Parts


def open_settings(window: QWidget, parts: Parts) -> None:
    account, preferences = parts.account, parts.preferences
    problem = account.keychain_problem()
    dialog = SettingsDialog(
        preferences.value,
        account.key_state(),
        window,
        keychain_problem=core_text(problem.user_message) if problem else None,
    )
    dialog.save_key_requested.connect(account.save_key)
    dialog.forget_key_requested.connect(account.forget_key)
    dialog.region_changed.connect(preferences.set_region)
    dialog.demo_when_no_key_changed.connect(preferences.set_demo_when_no_key)
    dialog.language_changed.connect(preferences.set_language)
    account.key_checked.connect(dialog.show_check_result)
    account.key_state_changed.connect(dialog.show_key_state)
    section = ProviderSettings(parts.providers, dialog)
    dialog.add_section(section)
    wiring = ProviderSettingsWiring(section, parts.providers)
    try:
        dialog.exec()
    finally:
        wiring.disconnect()
        account.key_checked.disconnect(dialog.show_check_result)
        account.key_state_changed.disconnect(dialog.show_key_state)
