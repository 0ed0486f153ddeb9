"""The form of the preset editor: name, model, parameters (the prompt panel's own form), prompt
template with its placeholders, and a live preview of the prompt it will write."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.presets import Placeholder, Preset, check_preset, placeholder_names
from fluxdesk.core.prompt_state import MAX_VARIATIONS
from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.prompt_panel.model_picker import ModelPicker
from fluxdesk.ui.prompt_panel.param_form import ParamForm
from fluxdesk.ui.prompt_panel.style import SectionHeader, error_color, wrapped

_NAME, _DEFAULT, _HINT = range(3)


def _text_edit(lines: int, name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


class PresetForm(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preset: Preset | None = None
        self._loading = False
        metrics = self.fontMetrics()
        label_width = metrics.horizontalAdvance(core_text("Prompt upsampling"))

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("presetName")
        self.description_edit = _text_edit(2, "presetDescriptionEdit")
        self.model_picker = ModelPicker()
        self.variations_spin = QSpinBox()
        self.variations_spin.setObjectName("presetVariations")
        self.variations_spin.setRange(1, MAX_VARIATIONS)
        self.tags_edit = QLineEdit()
        self.tags_edit.setObjectName("presetTags")
        self.tags_edit.setPlaceholderText(self.tr("ink, b/w, print"))
        self.params = ParamForm(label_width)
        self.params.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.template_edit = _text_edit(6, "presetTemplate")
        self.template_edit.setPlaceholderText(
            self.tr("Ink these pencils with {style}; pure black on white, no grey")
        )
        self.placeholders = QTableWidget(0, 3)
        self.placeholders.setObjectName("presetPlaceholders")
        self.placeholders.setHorizontalHeaderLabels(
            [self.tr("Placeholder"), self.tr("Default"), self.tr("Hint for the field")]
        )
        header = self.placeholders.horizontalHeader()
        header.setSectionResizeMode(_NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_DEFAULT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(_HINT, QHeaderView.ResizeMode.Stretch)
        self.placeholders.verticalHeader().hide()
        self.placeholders.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.placeholders.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setObjectName("presetPreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setMargin(8)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = wrapped(muted_text=False)
        self.problems.setObjectName("presetProblems")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(QFont(self.font()).pointSizeF())
        self.template_edit.setFont(mono)

        basics = QFormLayout()
        basics.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        basics.addRow(self.tr("Name"), self.name_edit)
        basics.addRow(self.tr("Model"), self.model_picker)
        basics.addRow(self.tr("Variations"), self.variations_spin)
        basics.addRow(self.tr("Tags"), self.tags_edit)
        basics.addRow(self.tr("Description"), self.description_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(basics)
        layout.addSpacing(6)
        layout.addWidget(SectionHeader(self.tr("Settings")))
        layout.addWidget(self.params)
        layout.addSpacing(6)
        layout.addWidget(SectionHeader(self.tr("Prompt template")))
        layout.addWidget(self.template_edit)
        layout.addWidget(
            wrapped(
                self.tr(
                    "Write {name} for a part to fill in when the preset is used, such as "
                    "{character} or {style}; each gets a field in the prompt panel."
                )
            )
        )
        layout.addWidget(self.placeholders)
        layout.addSpacing(6)
        layout.addWidget(SectionHeader(self.tr("Preview: the prompt that will be sent")))
        layout.addWidget(self.preview)
        layout.addWidget(self.problems)
        layout.addStretch(1)

        for signal in (
            self.name_edit.textEdited,
            self.tags_edit.textEdited,
            self.description_edit.textChanged,
            self.template_edit.textChanged,
            self.variations_spin.valueChanged,
            self.params.edited,
            self.placeholders.itemChanged,
        ):
            signal.connect(self._on_edited)
        self.model_picker.model_changed.connect(self._on_model_picker_model_changed)

    # --- values ---------------------------------------------------------------------------------

    def set_preset(self, preset: Preset) -> None:
        self._loading = True
        try:
            self._preset = preset
            self.name_edit.setText(preset.name)
            self.description_edit.setPlainText(preset.description)
            self.model_picker.set_model(preset.model)
            self.params.set_spec(get_model(preset.model))
            self.params.set_values(preset.params)
            self.variations_spin.setValue(preset.variations)
            self.tags_edit.setText(", ".join(preset.tags))
            self.template_edit.setPlainText(preset.prompt)
            self._sync_placeholders(preset.placeholders)
        finally:
            self._loading = False
        self._refresh()

    def preset(self) -> Preset | None:
        """The preset as edited (same id), or None before one is shown."""
        if self._preset is None:
            return None
        tags = tuple(t.strip() for t in self.tags_edit.text().split(",") if t.strip())
        return self._preset.with_changes(
            name=self.name_edit.text().strip(),
            description=self.description_edit.toPlainText().strip(),
            model=self.model_picker.model_id(),
            params=self.params.params(),
            prompt=self.template_edit.toPlainText().strip(),
            placeholders=self._table_placeholders(),
            variations=self.variations_spin.value(),
            tags=tags,
        )

    def problems_text(self) -> list[str]:
        """What is wrong with the preset as edited, in the UI language."""
        preset = self.preset()
        return [core_text(problem) for problem in check_preset(preset)] if preset else []

    def set_read_only(self, read_only: bool) -> None:
        for widget in (
            self.name_edit,
            self.description_edit,
            self.template_edit,
            self.tags_edit,
        ):
            widget.setReadOnly(read_only)
        for widget in (self.model_picker, self.variations_spin, self.params):
            widget.setEnabled(not read_only)
        self.placeholders.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.AllEditTriggers
        )

    # --- placeholders -----------------------------------------------------------------------

    def _table_placeholders(self) -> tuple[Placeholder, ...]:
        found = []
        for row in range(self.placeholders.rowCount()):
            cells = [self.placeholders.item(row, column) for column in range(3)]
            name, default, hint = (cell.text().strip() if cell else "" for cell in cells)
            found.append(Placeholder(name, default, hint))
        return tuple(found)

    def _sync_placeholders(self, known: tuple[Placeholder, ...]) -> None:
        """One row per placeholder the template uses, keeping what was typed for each."""
        by_name = {p.name: p for p in known}
        names = placeholder_names(self.template_edit.toPlainText())
        blocked = self.placeholders.blockSignals(True)
        self.placeholders.setRowCount(len(names))
        for row, name in enumerate(names):
            entry = by_name.get(name, Placeholder(name))
            for column, text in enumerate((name, entry.default, entry.hint)):
                item = QTableWidgetItem(text)
                if column == _NAME:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.placeholders.setItem(row, column, item)
        self.placeholders.blockSignals(blocked)
        self.placeholders.setVisible(bool(names))
        self.placeholders.resizeRowsToContents()
        rows = sum(self.placeholders.rowHeight(row) for row in range(len(names)))
        self.placeholders.setFixedHeight(
            self.placeholders.horizontalHeader().height()
            + rows
            + 2 * self.placeholders.frameWidth()
        )

    def _refresh(self) -> None:
        preset = self.preset()
        if preset is None:
            return
        rendered = preset.render()
        text = html.escape(rendered.text)
        red = error_color(self.palette()).name()
        for name in rendered.missing:
            token = html.escape("{" + name + "}")
            text = re.sub(re.escape(token), f"<b style='color:{red}'>{token}</b>", text)
        self.preview.setText(text or f"<i>{self.tr('(no prompt yet)')}</i>")
        notes = [f"• {p}" for p in self.problems_text()]
        if rendered.missing:
            names = ", ".join(rendered.missing)
            notes.append(
                self.tr("• No default for {names}: it must be filled in when used.").format(
                    names=names
                )
            )
        self.problems.setText("\n".join(notes))
        self.problems.setStyleSheet(f"color: {red};" if self.problems_text() else "")
        self.problems.setVisible(bool(notes))

    # --- slots ------------------------------------------------------------------------------

    @Slot()
    def _on_edited(self) -> None:
        if self._loading:
            return
        if self.sender() is self.template_edit:
            self._sync_placeholders(self._table_placeholders())
        self._refresh()
        self.edited.emit()

    @Slot(str)
    def _on_model_picker_model_changed(self, model_id: str) -> None:
        if self._loading:
            return
        kept = self.params.params()
        self.params.set_spec(get_model(model_id))
        self.params.set_values(kept)  # values the new model shares are kept
        self._refresh()
        self.edited.emit()
