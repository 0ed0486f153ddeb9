"""The preset library for the running app: loads it, and saves, deletes, duplicates, imports
and exports presets, every disk operation on a worker. A broken preset file never stops the
app: its problem is reported once in the status bar and the preset editor lists it."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from fluxdesk.core.presets import (
    ImportResult,
    Preset,
    PresetLibrary,
    delete_user_preset,
    duplicate_preset,
    export_presets,
    import_presets,
    load_library,
    save_user_preset,
)
from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.text import count_text
from fluxdesk.ui.workers import TaskResult, TaskRunner

log = logging.getLogger(__name__)


class PresetController(QObject):
    library_changed = Signal(object)  # PresetLibrary
    preset_saved = Signal(object)  # Preset: saved, duplicated or the first one imported
    message = Signal(str)

    def __init__(self, builtin_dir: Path, user_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._builtin_dir = builtin_dir
        self._user_dir = user_dir
        self._library = PresetLibrary()
        self._reported: set[str] = set()
        self._tasks = TaskRunner(max_threads=1, parent=self)  # one at a time: ordered writes
        self._tasks.task_finished.connect(self._on_tasks_task_finished)

    def library(self) -> PresetLibrary:
        return self._library

    def load(self) -> None:
        self._tasks.run("load", self._load)

    def _load(self) -> PresetLibrary:
        return load_library(self._builtin_dir, self._user_dir)

    # --- changes (each reloads the library afterwards) ------------------------------------------

    def save(self, preset: Preset) -> None:
        self._tasks.run(
            "saved", lambda: self._after(save_user_preset(self._user_dir, preset), preset)
        )

    def duplicate(self, preset_id: str) -> None:
        preset = self._library.get(preset_id)
        if preset is not None:
            copy = duplicate_preset(preset, self._library.ids())
            self._tasks.run(
                "saved", lambda: self._after(save_user_preset(self._user_dir, copy), copy)
            )

    def delete(self, preset_id: str) -> None:
        library = self._library
        self._tasks.run(
            "deleted", lambda: self._after(delete_user_preset(library, preset_id), preset_id)
        )

    def import_file(self, path: Path) -> None:
        library = self._library
        self._tasks.run(
            "imported", lambda: self._after(None, import_presets(path, library, self._user_dir))
        )

    def export(self, preset_ids: list[str], path: Path) -> None:
        presets = [p for i in preset_ids if (p := self._library.get(i)) is not None]
        self._tasks.run("exported", lambda: (export_presets(presets, path), len(presets), path))

    def _after(self, _done: object, value: object) -> tuple[PresetLibrary, object]:
        return self._load(), value

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self._tasks.shutdown(timeout_ms)

    # --- results --------------------------------------------------------------------------------

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if not result.ok:
            self.message.emit(core_text(result.error.user_message) if result.error else "")
            return
        if result.kind == "exported":
            _, count, path = result.value
            text = count_text(count, self.tr("Exported 1 preset"), self.tr("Exported {n} presets"))
            self.message.emit(text + self.tr(" to {name}.").format(name=Path(path).name))
            return
        if result.kind == "load":
            self._set_library(result.value)
            return
        library, value = result.value
        self._set_library(library)
        if result.kind == "saved":
            self.preset_saved.emit(value)
            self.message.emit(self.tr("Preset “{name}” saved.").format(name=value.name))
        elif result.kind == "deleted":
            self.message.emit(self.tr("Preset deleted."))
        elif result.kind == "imported":
            self._imported(value)

    def _imported(self, outcome: ImportResult) -> None:
        parts = []
        if outcome.imported:
            parts.append(
                count_text(
                    len(outcome.imported),
                    self.tr("Imported “{name}”.").format(name=outcome.imported[0].name),
                    self.tr("Imported {n} presets."),
                )
            )
            self.preset_saved.emit(outcome.imported[0])
        if outcome.skipped:
            parts.append(
                count_text(
                    len(outcome.skipped),
                    self.tr("1 was already in your library."),
                    self.tr("{n} were already in your library."),
                )
            )
        if outcome.problems:
            problem = core_text(outcome.problems[0].text)
            parts.append(self.tr("Not imported: {problem}.").format(problem=problem))
        self.message.emit(" ".join(parts) or self.tr("The file holds no presets."))

    def _set_library(self, library: PresetLibrary) -> None:
        self._library = library
        fresh = [p for p in library.errors if str(p) not in self._reported]
        self._reported.update(str(p) for p in fresh)
        if len(fresh) == 1:
            text = self.tr("A preset file could not be used: {problem}.")
            self.message.emit(text.format(problem=core_text(fresh[0].text)))
        elif fresh:
            text = self.tr(
                "{n} preset files could not be used (see Edit presets). First: {problem}."
            )
            self.message.emit(text.format(n=len(fresh), problem=core_text(fresh[0].text)))
        self.library_changed.emit(library)
