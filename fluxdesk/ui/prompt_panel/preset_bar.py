"""The preset picker at the top of the prompt panel, and one field per prompt placeholder.

Picking a preset emits `preset_chosen(id)`; the panel then applies it (model, parameters,
variations, rendered prompt). Editing a placeholder field emits `values_changed()`; the panel
re-renders the prompt unless the artist has edited the prompt by hand since, in which case
`Reapply` brings the preset's prompt back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.presets import Preset
from fluxdesk.ui.i18n import preset_text
from fluxdesk.ui.prompt_panel.style import SectionHeader, wrapped

PRESET_ID_ROLE = Qt.ItemDataRole.UserRole
NO_PRESET = ""


class _PresetCombo(QComboBox):
    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


def _label(name: str) -> str:
    """'line_weight' -> 'Line weight' (a built-in preset's in the UI language)."""
    text = preset_text(name.replace("_", " ").strip())
    return text[:1].upper() + text[1:]


class PresetBar(QWidget):
    preset_chosen = Signal(str)  # a preset id, or "" for none
    values_changed = Signal()
    reapply_requested = Signal()
    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presetBar")
        self._presets: dict[str, Preset] = {}
        self._shown: Preset | None = None
        self._fields: dict[str, QLineEdit] = {}

        self.combo = _PresetCombo()
        self.combo.setObjectName("presetPicker")
        self.combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(14)
        self.combo.activated.connect(self._on_combo_activated)
        self.edit_button = QToolButton()
        self.edit_button.setObjectName("editPresetsButton")
        self.edit_button.setText(self.tr("Edit…"))
        self.edit_button.setAutoRaise(True)
        self.edit_button.setToolTip(self.tr("Create, change, import and export presets"))
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.description = wrapped()
        self.description.setObjectName("presetDescription")
        self.fields = QWidget()
        self.form = QFormLayout(self.fields)
        self.form.setContentsMargins(0, 2, 0, 0)
        self.form.setSpacing(3)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.diverged = QWidget()
        diverged = QHBoxLayout(self.diverged)
        diverged.setContentsMargins(0, 0, 0, 0)
        note = wrapped(self.tr("You edited the prompt, so these fields no longer fill it."))
        self.reapply_button = QToolButton()
        self.reapply_button.setObjectName("reapplyPresetButton")
        self.reapply_button.setText(self.tr("Reapply"))
        self.reapply_button.setToolTip(self.tr("Replace the prompt with the preset's, filled in"))
        self.reapply_button.clicked.connect(self._on_reapply_button_clicked)
        diverged.addWidget(note, 1)
        diverged.addWidget(self.reapply_button)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(SectionHeader(self.tr("Task preset")))
        layout.addLayout(row)
        layout.addWidget(self.description)
        layout.addWidget(self.fields)
        layout.addWidget(self.diverged)
        self.set_presets(())
        self.show_fields(None)

    # --- the list -------------------------------------------------------------------------------

    def set_presets(self, presets: tuple[Preset, ...] | list[Preset]) -> None:
        current = self.current_id()
        self._presets = {p.id: p for p in presets}
        model = QStandardItemModel(self)
        none = QStandardItem(self.tr("No preset: write your own"))
        none.setData(NO_PRESET, PRESET_ID_ROLE)
        model.appendRow(none)
        groups = (
            (self.tr("Built in"), [p for p in presets if p.builtin]),
            (self.tr("My presets"), [p for p in presets if not p.builtin]),
        )
        for title, members in groups:
            if not members:
                continue
            header = QStandardItem(title.upper())
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = QFont(self.font())
            font.setBold(True)
            font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
            header.setFont(font)
            model.appendRow(header)
            for preset in members:
                item = QStandardItem("   " + preset_text(preset.name))
                item.setData(preset.id, PRESET_ID_ROLE)
                item.setToolTip(preset_text(preset.description))
                model.appendRow(item)
        self.combo.setModel(model)
        self.select(current)
        if self._shown is not None and self._shown.id in self._presets:
            self._shown = self._presets[self._shown.id]

    def preset(self, preset_id: str | None) -> Preset | None:
        return self._presets.get(preset_id or "")

    def current_id(self) -> str | None:
        value = self.combo.currentData(PRESET_ID_ROLE)
        return value or None

    def select(self, preset_id: str | None) -> None:
        """Shows `preset_id` in the picker without applying it (unknown ids show none)."""
        index = self.combo.findData(preset_id or NO_PRESET, PRESET_ID_ROLE)
        self.combo.setCurrentIndex(max(0, index))
        preset = self.preset(preset_id)
        self.description.setText(preset_text(preset.description) if preset else "")
        self.description.setVisible(bool(preset and preset.description))

    # --- placeholder fields -------------------------------------------------------------------

    def shown_preset(self) -> Preset | None:
        """The preset whose placeholder fields are shown (the one last applied)."""
        return self._shown

    def show_fields(self, preset: Preset | None, values: dict[str, str] | None = None) -> None:
        self._shown = preset
        while self.form.rowCount():
            self.form.removeRow(0)
        self._fields = {}
        for placeholder in preset.placeholders if preset else ():
            edit = QLineEdit()
            edit.setObjectName(f"placeholder_{placeholder.name}")
            edit.setText((values or {}).get(placeholder.name, placeholder.default))
            edit.setPlaceholderText(preset_text(placeholder.hint) or self.tr("Fill this in"))
            edit.setToolTip(
                self.tr("Fills {{{name}}} in the preset's prompt").format(name=placeholder.name)
            )
            edit.setClearButtonEnabled(True)
            edit.textEdited.connect(self._on_field_text_edited)
            self.form.addRow(_label(placeholder.name), edit)
            for widget in (edit, self.form.labelForField(edit)):
                widget.show()  # a layout would only show them on the next event loop turn
            self._fields[placeholder.name] = edit
        self.fields.setVisible(bool(self._fields))
        self.set_diverged(False)

    def values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self._fields.items()}

    def field(self, name: str) -> QLineEdit | None:
        return self._fields.get(name)

    def set_diverged(self, diverged: bool) -> None:
        self.diverged.setVisible(diverged and bool(self._fields))

    # --- slots ----------------------------------------------------------------------------------

    @Slot(int)
    def _on_combo_activated(self, _index: int) -> None:
        self.preset_chosen.emit(self.current_id() or NO_PRESET)

    @Slot(str)
    def _on_field_text_edited(self, _text: str) -> None:
        self.values_changed.emit()

    @Slot()
    def _on_reapply_button_clicked(self) -> None:
        self.reapply_requested.emit()

    @Slot()
    def _on_edit_button_clicked(self) -> None:
        self.edit_requested.emit()
