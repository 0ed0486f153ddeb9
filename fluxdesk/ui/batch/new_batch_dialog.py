"""New Batch: the pages (a folder or files), the task (a preset, or the prompt panel as it is),
results per page, the seed policy and the chapter. Continue prices the batch; nothing is sent
from here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.batch import SeedPolicy, page_files
from fluxdesk.core.batch.sources import PAGE_SUFFIXES
from fluxdesk.core.errors import InputError
from fluxdesk.core.presets import Preset
from fluxdesk.core.prompt_state import MAX_VARIATIONS, SEED_RANGE, PromptState
from fluxdesk.ui.controllers.batch_work import NewBatch
from fluxdesk.ui.i18n import core_text, preset_text
from fluxdesk.ui.text import count_text

_POLICY_TEXT = {
    SeedPolicy.consecutive: QT_TRANSLATE_NOOP(
        "NewBatchDialog", "Consecutive: each page gets the next seeds"
    ),
    SeedPolicy.fixed: QT_TRANSLATE_NOOP("NewBatchDialog", "Fixed: the same seed on every page"),
    SeedPolicy.random: QT_TRANSLATE_NOOP("NewBatchDialog", "Random: a new seed for each page"),
}
_CURRENT = "__panel__"


class NewBatchDialog(QDialog):
    proposal_requested = Signal(object)  # NewBatch

    def __init__(
        self,
        presets: tuple[Preset, ...] | list[Preset],
        current: PromptState,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newBatchDialog")
        self.setWindowTitle(self.tr("New Chapter Batch"))
        self._presets = {preset.id: preset for preset in presets}
        self._current = current
        self.pages = QListWidget(self)
        self.pages.setObjectName("batchPages")
        self.pages.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.pages_count = QLabel(self)
        self.add_folder = QPushButton(self.tr("Add Folder…"), self)
        self.add_files = QPushButton(self.tr("Add Files…"), self)
        self.remove = QPushButton(self.tr("Remove"), self)
        self.task = QComboBox(self)
        self.task.setObjectName("batchTask")
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.prompt.setObjectName("batchPrompt")
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.variations = QSpinBox(self)
        self.variations.setRange(1, MAX_VARIATIONS)
        self.policy = QComboBox(self)
        for policy, text in _POLICY_TEXT.items():
            self.policy.addItem(self.tr(text), policy.value)
        self.random_seed = QCheckBox(self.tr("Random start"), self)
        self.random_seed.setChecked(True)
        self.seed = QSpinBox(self)
        self.seed.setRange(0, SEED_RANGE // 2 - 1)  # QSpinBox is a signed 32-bit int
        self.seed.setEnabled(False)
        self.book = QLineEdit(self.tr("Batches"), self)
        self.chapter = QLineEdit(self)
        self.chapter.setPlaceholderText(self.tr("e.g. Chapter 3"))
        self.error = QLabel(self)
        self.error.setObjectName("batchError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d9534f;")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.continue_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.continue_button.setText(self.tr("Estimate Cost…"))
        self._fill_tasks()
        self._build()
        self._wire()
        self._on_task_changed()
        self._count()
        self.resize(620, 640)

    def _fill_tasks(self) -> None:
        current = self._current
        self.task.addItem(
            self.tr("The prompt panel as it is ({model})").format(model=current.model), _CURRENT
        )
        for preset in self._presets.values():
            self.task.addItem(preset_text(preset.name), preset.id)
        if current.preset_id in self._presets:
            self.task.setCurrentIndex(self.task.findData(current.preset_id))

    def _build(self) -> None:
        pages_box = QGroupBox(self.tr("Pages, in order"), self)
        buttons = QHBoxLayout()
        for button in (self.add_folder, self.add_files, self.remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.pages_count)
        pages_layout = QVBoxLayout(pages_box)
        pages_layout.addWidget(self.pages)
        pages_layout.addLayout(buttons)

        task_box = QGroupBox(self.tr("Task"), self)
        task_form = QFormLayout(task_box)
        task_form.addRow(self.tr("Preset:"), self.task)
        task_form.addRow(self.tr("Prompt:"), self.prompt)
        task_form.addRow(self.tr("Results per page:"), self.variations)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.random_seed)
        task_form.addRow(self.tr("Seeds:"), self.policy)
        task_form.addRow(self.tr("First seed:"), seed_row)

        chapter_box = QGroupBox(self.tr("Chapter in History"), self)
        chapter_form = QFormLayout(chapter_box)
        chapter_form.addRow(self.tr("Book:"), self.book)
        chapter_form.addRow(self.tr("Chapter:"), self.chapter)

        layout = QVBoxLayout(self)
        layout.addWidget(pages_box, 1)
        layout.addWidget(task_box)
        layout.addWidget(chapter_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _wire(self) -> None:
        self.add_folder.clicked.connect(self._on_add_folder)
        self.add_files.clicked.connect(self._on_add_files)
        self.remove.clicked.connect(self._on_remove)
        self.task.currentIndexChanged.connect(self._on_task_changed)
        self.random_seed.toggled.connect(self._on_random_toggled)
        self.buttons.accepted.connect(self._on_continue)
        self.buttons.rejected.connect(self.reject)

    # --- pages ------------------------------------------------------------------------------

    def files(self) -> list[Path]:
        return [
            Path(self.pages.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.pages.count())
        ]

    def add_paths(self, paths: list[Path]) -> None:
        known = set(self.files())
        for path in paths:
            if path in known:
                continue
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.pages.addItem(item)
        self._count()

    def add_folder_pages(self, folder: Path) -> None:
        try:
            self.add_paths(page_files(folder))
        except InputError as error:
            self.show_error(core_text(error.user_message))
            return
        if not self.chapter.text().strip():
            self.chapter.setText(folder.name)

    def _count(self) -> None:
        count = self.pages.count()
        self.pages_count.setText(count_text(count, self.tr("1 page"), self.tr("{n} pages")))
        self.continue_button.setEnabled(count > 0)

    @Slot()
    def _on_add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of pages"))
        if folder:
            self.add_folder_pages(Path(folder))

    @Slot()
    def _on_add_files(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in PAGE_SUFFIXES)
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Pages"), "", self.tr("Images ({patterns})").format(patterns=patterns)
        )
        self.add_paths([Path(name) for name in files])

    @Slot()
    def _on_remove(self) -> None:
        for item in self.pages.selectedItems():
            self.pages.takeItem(self.pages.row(item))
        self._count()

    # --- task -------------------------------------------------------------------------------

    def prompt_state(self) -> PromptState:
        preset = self._presets.get(self.task.currentData())
        state = self._current if preset is None else preset.prompt_state()
        return PromptState(
            state.model,
            state.prompt,
            state.params,
            None,
            self.variations.value(),
            (),
            state.preset_id,
            state.provider if preset is None else "bfl",
        )

    @Slot()
    def _on_task_changed(self) -> None:
        preset = self._presets.get(self.task.currentData())
        state = self._current if preset is None else preset.prompt_state()
        text = state.prompt if len(state.prompt) <= 240 else state.prompt[:239] + "…"
        self.prompt.setText(text or self.tr("(no prompt)"))
        self.prompt.setToolTip(state.prompt)
        self.variations.setValue(max(1, state.variations))

    @Slot(bool)
    def _on_random_toggled(self, on: bool) -> None:
        self.seed.setEnabled(not on)

    # --- result -----------------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.continue_button.setEnabled(self.pages.count() > 0)

    def request(self) -> NewBatch:
        book = " ".join(self.book.text().split()) or self.tr("Batches")
        chapter = " ".join(self.chapter.text().split()) or self.tr("Chapter")
        return NewBatch(
            tuple(self.files()),
            self.prompt_state(),
            SeedPolicy(self.policy.currentData()),
            None if self.random_seed.isChecked() else self.seed.value(),
            book,
            chapter,
            self.task.currentText(),
        )

    @Slot()
    def _on_continue(self) -> None:
        self.show_error("")
        self.continue_button.setEnabled(False)  # until the estimate (or its failure) is back
        self.proposal_requested.emit(self.request())
