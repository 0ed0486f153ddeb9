"""Importing a ComfyUI API workflow: the artist checks which node input is the prompt, seed,
steps, guidance, input image, LoRA and size. FluxDesk's guess is filled in."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.providers.comfy.workflow import ROLE_LABELS, ROLES, NodeInput, literal_inputs
from fluxdesk.ui.controllers.providers import WorkflowDraft
from fluxdesk.ui.i18n import core_text

_UNUSED = QT_TRANSLATE_NOOP("WorkflowMappingDialog", "(not used)")


def _describe(draft: WorkflowDraft, target: NodeInput) -> str:
    node = draft.graph[target[0]]
    title = node.get("_meta", {}).get("title") or node["class_type"]
    value = node["inputs"][target[1]]
    shown = " ".join(str(value).split())
    shown = (shown if len(shown) <= 28 else shown[:27] + "…") or "(empty)"
    return f"#{target[0]} {title} · {target[1]} = {shown}"


class WorkflowMappingDialog(QDialog):
    def __init__(self, draft: WorkflowDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workflowMappingDialog")
        self.setWindowTitle(self.tr("Import ComfyUI workflow"))
        self.setMinimumWidth(560)
        self._draft = draft
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Tell FluxDesk which input of the workflow each setting goes to. Settings left "
                "“not used” keep the workflow's own value. The prompt is required."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name_edit = QLineEdit(draft.name, self)
        self.name_edit.setObjectName("workflowName")
        form.addRow(self.tr("Name"), self.name_edit)
        targets = literal_inputs(draft.graph)
        self.pickers: dict[str, QComboBox] = {}
        for role in ROLES:
            picker = QComboBox(self)
            picker.setObjectName(f"mapping_{role}")
            picker.addItem(self.tr(_UNUSED), None)
            for target in targets:
                picker.addItem(_describe(draft, target), list(target))
            guess = draft.guess.get(role)
            if guess is not None:
                picker.setCurrentIndex(max(0, picker.findData(list(guess))))
            picker.currentIndexChanged.connect(self._on_picker_changed)
            self.pickers[role] = picker
            form.addRow(core_text(ROLE_LABELS[role]), picker)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._on_picker_changed()

    def mapping(self) -> dict[str, NodeInput]:
        found: dict[str, NodeInput] = {}
        for role, picker in self.pickers.items():
            data = picker.currentData()
            if data:
                found[role] = (str(data[0]), str(data[1]))
        return found

    def name(self) -> str:
        return self.name_edit.text().strip() or self._draft.name

    @Slot()
    def _on_picker_changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.pickers["prompt"].currentData() is not None)
