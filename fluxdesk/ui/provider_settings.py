"""Settings for the other providers: the fal.ai key, and the ComfyUI server (address, optional
token for hosted servers, its models and LoRAs, workflows). Widgets emit requests; the
ProvidersController does the keychain and network work off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.ui.controllers.providers import ProvidersController, WorkflowDraft
from fluxdesk.ui.workflow_mapping_dialog import WorkflowMappingDialog

_GOOD, _BAD = "#3fa66a", "#d9534f"


class SecretEdit(QLineEdit):
    """A password field with a Show toggle."""

    def __init__(self, parent: QWidget, name: str, placeholder: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setPlaceholderText(placeholder)
        reveal = QAction(self.tr("Show"), self)
        reveal.setCheckable(True)
        reveal.toggled.connect(self._on_reveal_toggled)
        self.addAction(reveal, QLineEdit.ActionPosition.TrailingPosition)

    @Slot(bool)
    def _on_reveal_toggled(self, shown: bool) -> None:
        self.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)


def _status(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _note(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setEnabled(False)
    return label


class ProviderSettings(QWidget):
    fal_key_save_requested = Signal(str)
    fal_key_forget_requested = Signal()
    comfy_connect_requested = Signal(str, str)  # url, token ("" for none)
    workflow_import_requested = Signal(object)  # Path
    workflow_save_requested = Signal(object)  # (name, graph, mapping)

    def __init__(self, providers: ProvidersController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("providerSettings")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._fal_box(providers))
        layout.addWidget(self._comfy_box(providers))

    def _fal_box(self, providers: ProvidersController) -> QGroupBox:
        box = QGroupBox(self.tr("fal.ai key"), self)
        box.setObjectName("falBox")
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        self.fal_key_edit = SecretEdit(box, "falKeyEdit", self.tr("Paste your key from fal.ai"))
        self.fal_check_button = QPushButton(self.tr("Check and save"), box)
        self.fal_check_button.setObjectName("checkFalKeyButton")
        self.fal_check_button.clicked.connect(self._on_fal_check_clicked)
        row.addWidget(self.fal_key_edit, 1)
        row.addWidget(self.fal_check_button)
        column.addLayout(row)
        self.fal_status = _status(box, "falKeyStatus")
        column.addWidget(self.fal_status)
        column.addWidget(
            _note(
                self.tr(
                    "fal.ai sells the same FLUX models (Kontext [pro] and [max], FLUX1.1 [pro], "
                    "FLUX.1 [dev]) billed in dollars on fal's own account. The key is kept in "
                    "your system keychain, or set FAL_KEY."
                ),
                box,
            )
        )
        self.fal_forget_button = QPushButton(self.tr("Forget key"), box)
        self.fal_forget_button.setObjectName("forgetFalKeyButton")
        self.fal_forget_button.clicked.connect(self.fal_key_forget_requested)
        column.addWidget(self.fal_forget_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.show_fal_state(providers.has_fal_key())
        if providers.fal_demo():
            self.fal_status.setText(
                self.tr("Demo: fal.ai models run on the built-in emulator until you add a key.")
            )
        return box

    def _comfy_box(self, providers: ProvidersController) -> QGroupBox:
        box = QGroupBox(self.tr("ComfyUI server"), self)
        box.setObjectName("comfyBox")
        column = QVBoxLayout(box)
        form = QFormLayout()
        state = providers.comfy_state()
        self.comfy_url_edit = QLineEdit(state.url, box)
        self.comfy_url_edit.setObjectName("comfyUrlEdit")
        self.comfy_url_edit.setPlaceholderText("http://127.0.0.1:8188")
        form.addRow(self.tr("Address"), self.comfy_url_edit)
        self.comfy_token_edit = SecretEdit(
            box, "comfyTokenEdit", self.tr("Only for hosted servers (RunPod and the like)")
        )
        form.addRow(self.tr("Token"), self.comfy_token_edit)
        column.addLayout(form)
        row = QHBoxLayout()
        self.comfy_status = _status(box, "comfyStatus")
        self.comfy_connect_button = QPushButton(self.tr("Connect"), box)
        self.comfy_connect_button.setObjectName("connectComfyButton")
        self.comfy_connect_button.clicked.connect(self._on_comfy_connect_clicked)
        row.addWidget(self.comfy_status, 1)
        row.addWidget(self.comfy_connect_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(row)
        self.workflows_label = _status(box, "workflowsLabel")
        column.addWidget(self.workflows_label)
        self.import_button = QPushButton(self.tr("Import API workflow…"), box)
        self.import_button.setObjectName("importWorkflowButton")
        self.import_button.clicked.connect(self._on_import_clicked)
        column.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(
            _note(
                self.tr(
                    "Kontext [dev] inking and FLUX.1 [dev] come ready to use; steps, guidance "
                    "and LoRA appear in the prompt panel. Export your own workflow from ComfyUI "
                    "with Workflow > Export (API) and import it here."
                ),
                box,
            )
        )
        if state.connected:
            self._set_status(self.comfy_status, state.summary(), True)
        else:
            self.comfy_status.setText(self.tr("Not connected."))
        self.show_workflows([w.label for w in providers.workflows()])
        return box

    # --- requests -----------------------------------------------------------------------------

    @Slot()
    def _on_fal_check_clicked(self) -> None:
        self.fal_check_button.setEnabled(False)
        self.fal_status.setText(self.tr("Checking the key with fal.ai…"))
        self.fal_status.setStyleSheet("")
        self.fal_key_save_requested.emit(self.fal_key_edit.text())

    @Slot()
    def _on_comfy_connect_clicked(self) -> None:
        self.comfy_connect_button.setEnabled(False)
        self.comfy_status.setText(self.tr("Connecting…"))
        self.comfy_status.setStyleSheet("")
        self.comfy_connect_requested.emit(self.comfy_url_edit.text(), self.comfy_token_edit.text())

    @Slot()
    def _on_import_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a ComfyUI API workflow"), "", self.tr("Workflows (*.json)")
        )
        if name:
            self.workflow_import_requested.emit(Path(name))

    # --- answers ------------------------------------------------------------------------------

    @staticmethod
    def _set_status(label: QLabel, text: str, good: bool) -> None:
        label.setText(text)
        label.setStyleSheet(f"color: {_GOOD if good else _BAD};")

    @Slot(bool, str)
    def show_fal_result(self, accepted: bool, message: str) -> None:
        self.fal_check_button.setEnabled(True)
        self._set_status(self.fal_status, message, accepted)
        if accepted:
            self.fal_key_edit.clear()

    @Slot(bool)
    def show_fal_state(self, has_key: bool) -> None:
        if not self.fal_status.text() or not has_key:
            self.fal_status.setStyleSheet("")
            self.fal_status.setText(
                self.tr("A key is set.")
                if has_key
                else self.tr("No key: fal.ai models are hidden.")
            )
        self.fal_forget_button.setEnabled(has_key)

    @Slot(bool, str)
    def show_comfy_result(self, connected: bool, message: str) -> None:
        self.comfy_connect_button.setEnabled(True)
        self._set_status(self.comfy_status, message, connected)
        if connected:
            self.comfy_token_edit.clear()

    def show_workflows(self, labels: list[str]) -> None:
        self.workflows_label.setText(self.tr("Workflows: ") + ", ".join(labels))

    @Slot(object)
    def open_mapping(self, draft: WorkflowDraft) -> None:
        dialog = WorkflowMappingDialog(draft, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.workflow_save_requested.emit((dialog.name(), draft.graph, dialog.mapping()))

    @Slot(bool, str)
    def show_workflow_result(self, saved: bool, message: str) -> None:
        self._set_status(self.workflows_label, message, saved)


class ProviderSettingsWiring:
    """Connects a ProviderSettings section to the controller for the dialog's lifetime."""

    def __init__(self, section: ProviderSettings, providers: ProvidersController) -> None:
        self._section, self._providers = section, providers
        section.fal_key_save_requested.connect(providers.save_fal_key)
        section.fal_key_forget_requested.connect(providers.forget_fal_key)
        section.comfy_connect_requested.connect(providers.connect_comfy)
        section.workflow_import_requested.connect(providers.read_workflow)
        section.workflow_save_requested.connect(self._on_save_requested)
        self._links = [
            (providers.fal_key_checked, section.show_fal_result),
            (providers.fal_key_state_changed, section.show_fal_state),
            (providers.comfy_checked, section.show_comfy_result),
            (providers.workflow_read, section.open_mapping),
            (providers.workflow_saved, section.show_workflow_result),
        ]
        for signal, slot in self._links:
            signal.connect(slot)

    def _on_save_requested(self, request: tuple) -> None:
        name, graph, mapping = request
        self._providers.save_workflow(name, graph, mapping)

    def disconnect(self) -> None:
        for signal, slot in self._links:
            signal.disconnect(slot)
