"""Settings: the API key (checked, then kept in the system keychain), region, demo mode,
language."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.api.hosts import Region
from fluxdesk.core.config import Preferences
from fluxdesk.ui.controllers.account import KeyState
from fluxdesk.ui.i18n import ENGLISH, JAPANESE, SYSTEM, resolve_language, shown_language

_REGION_LABELS = {
    Region.global_: QT_TRANSLATE_NOOP("SettingsDialog", "Global (api.bfl.ai, automatic failover)"),
    Region.eu: QT_TRANSLATE_NOOP("SettingsDialog", "Europe (api.eu.bfl.ai)"),
    Region.us: QT_TRANSLATE_NOOP("SettingsDialog", "United States (api.us.bfl.ai)"),
}
# Each language by its own name, so an artist can find theirs whatever the UI shows now.
_LANGUAGE_NAMES = {ENGLISH: "English", JAPANESE: "日本語"}


class SettingsDialog(QDialog):
    save_key_requested = Signal(str)
    forget_key_requested = Signal()
    region_changed = Signal(str)
    demo_when_no_key_changed = Signal(bool)
    language_changed = Signal(str)  # "" (the system's), "en", "ja"

    def __init__(
        self,
        preferences: Preferences,
        key_state: KeyState,
        parent: QWidget | None = None,
        *,
        keychain_problem: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("FluxDesk Settings"))
        self.setMinimumWidth(600)  # wrapped notes stay a few lines, also in Japanese
        layout = QVBoxLayout(self)

        key_box = QGroupBox(self.tr("BFL API key"), self)
        key_layout = QVBoxLayout(key_box)
        row = QHBoxLayout()
        self.key_edit = QLineEdit(key_box)
        self.key_edit.setObjectName("apiKeyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("Paste your key from dashboard.bfl.ai"))
        reveal = QAction(self.tr("Show"), self.key_edit)
        reveal.setCheckable(True)
        reveal.toggled.connect(self._on_reveal_toggled)
        self.key_edit.addAction(reveal, QLineEdit.ActionPosition.TrailingPosition)
        self.check_button = QPushButton(self.tr("Check and save"), key_box)
        self.check_button.setObjectName("checkKeyButton")
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self._on_check_clicked)
        row.addWidget(self.key_edit, 1)
        row.addWidget(self.check_button)
        key_layout.addLayout(row)

        self.status = QLabel(key_box)
        self.status.setObjectName("keyStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        key_layout.addWidget(self.status)
        note = QLabel(
            self.tr(
                "The key is kept in your system keychain (Keychain on macOS, Credential "
                "Manager on Windows, Secret Service on Linux) and only ever sent to BFL's API. "
                "It is never written to a file. On machines without a keychain, set the "
                "BFL_API_KEY environment variable instead."
            ),
            key_box,
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        key_layout.addWidget(note)
        if keychain_problem:
            warning = QLabel(keychain_problem, key_box)
            warning.setObjectName("keychainWarning")
            warning.setWordWrap(True)
            warning.setStyleSheet("color: #d08a1a;")
            key_layout.addWidget(warning)
        self.forget_button = QPushButton(self.tr("Forget key"), key_box)
        self.forget_button.setObjectName("forgetKeyButton")
        self.forget_button.clicked.connect(self.forget_key_requested)
        key_layout.addWidget(self.forget_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(key_box)

        general = QGroupBox(self.tr("Connection"), self)
        form = QFormLayout(general)
        self.region = QComboBox(general)
        self.region.setObjectName("regionPicker")
        for region, label in _REGION_LABELS.items():
            self.region.addItem(self.tr(label), region.value)
        self.region.setCurrentIndex(max(0, self.region.findData(preferences.region)))
        self.region.currentIndexChanged.connect(self._on_region_changed)
        form.addRow(self.tr("Region"), self.region)
        self.demo = QCheckBox(self.tr("Use the built-in demo when no key is set"), general)
        self.demo.setChecked(preferences.demo_when_no_key)
        self.demo.toggled.connect(self.demo_when_no_key_changed)
        form.addRow("", self.demo)
        self._add_language_rows(form, preferences.language)
        layout.addWidget(general)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.show_key_state(key_state)

    def _add_language_rows(self, form: QFormLayout, language: str) -> None:
        box = form.parentWidget()
        self.language = QComboBox(box)
        self.language.setObjectName("languagePicker")
        system = _LANGUAGE_NAMES[resolve_language(SYSTEM)]
        self.language.addItem(self.tr("System ({language})").format(language=system), SYSTEM)
        for code, name in _LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.language.currentIndexChanged.connect(self._on_language_changed)
        form.addRow(self.tr("Language"), self.language)
        # Widgets set their text once, as they are built: a new language shows after a restart.
        self.language_note = QLabel(self.tr("Restart FluxDesk to see the new language."), box)
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        form.addRow("", self.language_note)
        self._language_form = form
        form.setRowVisible(self.language_note, False)

    @Slot(int)
    def _on_language_changed(self, index: int) -> None:
        code = self.language.itemData(index)
        changed = resolve_language(code) != shown_language()
        self._language_form.setRowVisible(self.language_note, changed)
        self.language_changed.emit(code)

    def add_section(self, section: QWidget) -> None:
        """Another group of settings (e.g. other providers), above the Close button."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, section)

    @Slot(bool)
    def _on_reveal_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.key_edit.setEchoMode(mode)

    @Slot()
    def _on_check_clicked(self) -> None:
        self.check_button.setEnabled(False)
        self.status.setText(self.tr("Checking the key with BFL…"))
        self.save_key_requested.emit(self.key_edit.text())

    @Slot(int)
    def _on_region_changed(self, index: int) -> None:
        self.region_changed.emit(self.region.itemData(index))

    @Slot(bool, str)
    def show_check_result(self, accepted: bool, message: str) -> None:
        self.check_button.setEnabled(True)
        self.status.setText(message)
        colour = "#3fa66a" if accepted else "#d9534f"
        self.status.setStyleSheet(f"color: {colour};")
        if accepted:
            self.key_edit.clear()

    @Slot(str)
    def show_key_state(self, state: str) -> None:
        text = {
            KeyState.valid: self.tr("A key is set and working."),
            KeyState.unverified: self.tr("A key is set (not checked yet)."),
            KeyState.missing: self.tr("No key yet: FluxDesk runs in demo mode."),
            KeyState.rejected: self.tr("The saved key was rejected by BFL. Paste a new one."),
            KeyState.checking: self.tr("Checking…"),
        }.get(KeyState(state), "")
        if not self.status.text() or state != KeyState.checking:
            self.status.setText(text)
            self.status.setStyleSheet("")
        self.forget_button.setEnabled(state not in (KeyState.missing, KeyState.checking))
