"""The preset editor: every preset in a list, the selected one in a form; New, Duplicate,
Delete, Import and Export. Built-in presets are read-only (Duplicate makes an editable copy).
Disk work goes through the PresetController (off the GUI thread)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.presets import Preset, PresetLibrary, unique_id
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.ui.controllers.presets import PresetController
from fluxdesk.ui.i18n import core_text, preset_text
from fluxdesk.ui.presets.preset_form import PresetForm
from fluxdesk.ui.prompt_panel.style import wrapped

PRESET_FILTER = QT_TRANSLATE_NOOP("PresetEditorDialog", "FluxDesk presets (*.json);;All files (*)")
ID_ROLE = Qt.ItemDataRole.UserRole


class PresetEditorDialog(QDialog):
    use_requested = Signal(object)  # Preset: apply it in the prompt panel

    def __init__(
        self,
        controller: PresetController,
        current: PromptState | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("presetEditor")
        self.setWindowTitle(self.tr("Task presets"))
        self._controller = controller
        self._current = current  # what "New" starts from: the prompt panel as it is
        self._dirty = False
        self._draft = False  # a new preset not saved yet
        self._selecting = False

        self.list = QListWidget()
        self.list.setObjectName("presetList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setMinimumWidth(250)
        self.list.setSpacing(1)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.new_button = QPushButton(self.tr("New"))
        self.duplicate_button = QPushButton(self.tr("Duplicate"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.import_button = QPushButton(self.tr("Import…"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.file_problems = wrapped()
        self.file_problems.setObjectName("presetFileProblems")
        buttons = QHBoxLayout()
        for button in (self.new_button, self.duplicate_button, self.delete_button):
            buttons.addWidget(button)
        files = QHBoxLayout()
        files.addWidget(self.import_button)
        files.addWidget(self.export_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(buttons)
        left_layout.addLayout(files)
        left_layout.addWidget(self.file_problems)

        self.banner = QLabel(
            self.tr("Built-in presets are read-only. Duplicate this one to make it your own.")
        )
        self.banner.setObjectName("presetBuiltinBanner")
        self.banner.setWordWrap(True)
        font = QFont(self.banner.font())
        font.setWeight(QFont.Weight.DemiBold)
        self.banner.setFont(font)
        self.form = PresetForm()
        self.form.edited.connect(self._on_form_edited)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(scroll, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.box = QDialogButtonBox()
        self.save_button = self.box.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("savePresetButton")
        self.use_button = self.box.addButton(
            self.tr("Use in prompt panel"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.box.addButton(QDialogButtonBox.StandardButton.Close)
        self.box.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.use_button.clicked.connect(self._on_use_button_clicked)
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.box)

        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.duplicate_button.clicked.connect(self._on_duplicate_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        controller.library_changed.connect(self._on_controller_library_changed)
        controller.preset_saved.connect(self._on_controller_preset_saved)
        self.resize(QSize(980, 720))
        self._show_library(controller.library())
        if controller.library().presets:
            self.select(controller.library().presets[0].id)

    # --- public ---------------------------------------------------------------------------------

    def set_current(self, state: PromptState | None) -> None:
        """What New starts from: the prompt panel as it is now."""
        self._current = state

    def select(self, preset_id: str | None) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == preset_id:
                self.list.setCurrentRow(row)
                return

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item else None

    # --- internals ------------------------------------------------------------------------------

    def _show_library(self, library: PresetLibrary) -> None:
        chosen = self.selected_id()
        self._selecting = True
        self.list.clear()
        groups = (
            (self.tr("Built in (read-only)"), [p for p in library.presets if p.builtin]),
            (self.tr("My presets"), [p for p in library.presets if not p.builtin]),
        )
        for title, members in groups:
            header = QListWidgetItem(title.upper())
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = QFont(self.list.font())
            font.setBold(True)
            font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
            header.setFont(font)
            self.list.addItem(header)
            for preset in members:
                item = QListWidgetItem("  " + preset_text(preset.name))
                item.setData(ID_ROLE, preset.id)
                item.setToolTip(preset_text(preset.description))
                self.list.addItem(item)
            if not members:
                empty = QListWidgetItem(self.tr("  None yet: New, Duplicate or Import"))
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                self.list.addItem(empty)
        self._selecting = False
        errors = library.errors
        self.file_problems.setText(
            "\n".join(
                self.tr("Not loaded: {problem}").format(problem=core_text(p.text)) for p in errors
            )
        )
        self.file_problems.setVisible(bool(errors))
        if chosen and not self._draft:
            self.select(chosen)

    def _show(self, preset: Preset, *, draft: bool = False) -> None:
        self._draft = draft
        self.form.set_preset(preset)
        self.form.set_read_only(preset.builtin)
        self.banner.setVisible(preset.builtin)
        self.delete_button.setEnabled(not preset.builtin and not draft)
        self.duplicate_button.setEnabled(not draft)
        self._set_dirty(draft)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        preset = self.form.preset()
        self.save_button.setEnabled(dirty and preset is not None and not preset.builtin)

    def _confirm_leave(self) -> bool:
        """With unsaved edits: save, discard or stay. True when it is fine to move on."""
        if not self._dirty:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved preset"),
            self.tr("Save the changes to “{name}”?").format(name=self.form.name_edit.text()),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self._save()
        return answer == QMessageBox.StandardButton.Discard

    def _save(self) -> bool:
        preset = self.form.preset()
        problems = self.form.problems_text()
        if preset is None or preset.builtin:
            return False
        if problems:
            QMessageBox.warning(
                self, self.tr("Can't save the preset"), "\n".join(f"• {p}" for p in problems)
            )
            return False
        self._controller.save(preset)
        self._set_dirty(False)
        return True

    # --- slots ----------------------------------------------------------------------------------

    @Slot(object)
    def _on_controller_library_changed(self, library: PresetLibrary) -> None:
        self._show_library(library)

    @Slot(object)
    def _on_controller_preset_saved(self, preset: Preset) -> None:
        self._draft = False
        self.select(preset.id)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_list_current_item_changed(
        self, current: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        if self._selecting or current is None:
            return
        preset = self._controller.library().get(current.data(ID_ROLE))
        if preset is None:
            return
        shown = self.form.preset()
        if shown is not None and shown.id == preset.id and not self._draft:
            return
        if not self._confirm_leave():
            self._selecting = True
            self.list.setCurrentItem(previous)
            self._selecting = False
            return
        self._show(preset)

    @Slot()
    def _on_form_edited(self) -> None:
        self._set_dirty(True)

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self._save()

    @Slot()
    def _on_use_button_clicked(self) -> None:
        preset = self.form.preset()
        if preset is not None and not self.form.problems_text():
            self.use_requested.emit(preset)

    @Slot()
    def _on_new_button_clicked(self) -> None:
        if not self._confirm_leave():
            return
        library = self._controller.library()
        state = self._current or PromptState("flux-kontext-pro")
        prompt = state.prompt or "Ink these pencils with {style}; pure black on pure white."
        preset = Preset(
            unique_id("my-preset", library.ids()),
            self.tr("My preset"),
            state.model,
            prompt,
            params=state.params,
            variations=state.variations,
        )
        self.list.clearSelection()
        self._show(preset, draft=True)
        self.form.name_edit.setFocus()
        self.form.name_edit.selectAll()

    @Slot()
    def _on_duplicate_button_clicked(self) -> None:
        if self._confirm_leave() and (preset_id := self.selected_id()):
            self._controller.duplicate(preset_id)

    @Slot()
    def _on_delete_button_clicked(self) -> None:
        preset = self.form.preset()
        if preset is None or preset.builtin or self._draft:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete preset"),
            self.tr("Delete “{name}”? Its file is removed.").format(name=preset.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._dirty = False
            self._controller.delete(preset.id)

    @Slot()
    def _on_import_button_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import presets"), "", self.tr(PRESET_FILTER)
        )
        if name:
            self._controller.import_file(Path(name))

    @Slot()
    def _on_export_button_clicked(self) -> None:
        ids = [item.data(ID_ROLE) for item in self.list.selectedItems() if item.data(ID_ROLE)]
        if not ids and (current := self.selected_id()):
            ids = [current]
        if not ids:
            return
        suggested = f"{ids[0]}.json" if len(ids) == 1 else "presets.json"
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export presets"), suggested, self.tr(PRESET_FILTER)
        )
        if name:
            self._controller.export(ids, Path(name))

    def reject(self) -> None:
        if self._confirm_leave():
            super().reject()
