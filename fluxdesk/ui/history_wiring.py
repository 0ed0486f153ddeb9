"""Connects the history dock to the history controllers (browse, edits, recovery, backup)
and to the prompt panel (reuse settings or seed).
Wiring only, so MainWindow stays small; the one decision here is asking before the Trash is
emptied for good."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from fluxdesk.core.history.diff import EntryDiff
from fluxdesk.core.history.projects import ProjectTree
from fluxdesk.core.jobs import JobId
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.ui.history_diff_dialog import EntryDiffDialog
from fluxdesk.ui.history_dock import HistoryDock
from fluxdesk.ui.prompt_panel import PromptPanel

if TYPE_CHECKING:
    from fluxdesk.ui.main_window import Parts


class HistoryWiring(QObject):
    brief = Signal(str)  # a passing note for the status bar

    def __init__(
        self, window: QMainWindow, dock: HistoryDock, parts: Parts, prompt_panel: PromptPanel
    ) -> None:
        super().__init__(window)
        self._prompt_panel = prompt_panel
        self._generation = parts.generation
        model, history, edits = parts.history_model, parts.history, parts.history_edits
        recovery, backup, generation = parts.recovery, parts.backup, parts.generation
        self._dock = dock
        self._model = model
        self._history = history
        self._edits = edits
        filters = dock.filters
        filters.query_changed.connect(history.set_query)
        dock.view_mode_changed.connect(self._on_dock_view_mode_changed)
        dock.refresh_requested.connect(history.refresh)
        history.models_changed.connect(self._on_history_models_changed)
        parts.runner.job_updated.connect(history.lineage.apply_update)

        dock.star_requested.connect(edits.set_starred)
        dock.reject_requested.connect(edits.set_rejected)
        dock.trash_requested.connect(edits.move_to_trash)
        dock.undo_requested.connect(edits.undo)
        dock.restore_requested.connect(edits.restore)
        dock.purge_requested.connect(self._on_dock_purge_requested)
        dock.compare_requested.connect(edits.compare)
        dock.move_to_page_requested.connect(edits.move_to_current_page)
        dock.projects.page_chosen.connect(edits.set_current_page)
        dock.projects.new_page_requested.connect(edits.new_page)
        edits.compare_ready.connect(self._on_edits_compare_ready)
        edits.projects_changed.connect(self._on_edits_projects_changed)
        edits.current_page_changed.connect(self._on_edits_current_page_changed)
        edits.current_page_changed.connect(generation.set_page)
        edits.spend_changed.connect(self._on_edits_spend_changed)
        edits.undo_offered.connect(self._on_edits_undo_offered)

        dock.reuse_settings_requested.connect(self._on_dock_reuse_settings_requested)
        dock.reuse_seed_requested.connect(self._on_dock_reuse_seed_requested)
        dock.resume_requested.connect(recovery.resume)
        backup.restored.connect(history.refresh)
        backup.restored.connect(edits.load)

    @property
    def _window(self) -> QWidget | None:
        # Not kept in an attribute: a window <-> wiring reference cycle would leave the window
        # to Python's cyclic GC, which may then tear it down at any moment, even mid-paint.
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    @Slot(object)
    def _on_dock_reuse_settings_requested(self, job_id: JobId) -> None:
        row = self._model.row_for(job_id)
        if row is None:
            return
        state = PromptState.from_request(row.request, row.seed)
        references = self._generation.reference_paths(row.request)
        self._prompt_panel.set_state(replace(state, references=references))  # as it was sent
        self._generation.note_settings_reused(job_id)
        self.brief.emit(self.tr("Settings restored from that entry."))

    @Slot(object)
    def _on_dock_reuse_seed_requested(self, job_id: JobId) -> None:
        row = self._model.row_for(job_id)
        if row is not None and row.seed is not None:
            self._prompt_panel.set_seed(row.seed)

    @Slot(str)
    def _on_dock_view_mode_changed(self, mode: str) -> None:
        self._history.want_tree(mode == "tree")

    @Slot(list)
    def _on_history_models_changed(self, models: list[str]) -> None:
        self._dock.filters.set_models(models)

    @Slot(object)
    def _on_dock_purge_requested(self, ids: list[JobId] | None) -> None:
        count = len(ids) if ids is not None else self._model.rowCount()
        answer = QMessageBox.question(
            self._window,
            self.tr("Delete for good"),
            self.tr(
                "Delete {count} entries and their images for good? This can't be undone."
            ).format(count=count)
            if ids is None or count != 1
            else self.tr("Delete this entry and its images for good? This can't be undone."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._edits.purge(ids)

    @Slot(object)
    def _on_edits_compare_ready(self, diff: EntryDiff) -> None:
        previews = []
        for record in (diff.before, diff.after):
            result = record.result
            previews.append(
                self._model.thumbnails.get(result.sha256, result.path) if result else None
            )
        dialog = EntryDiffDialog(diff, (previews[0], previews[1]), self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.show()

    @Slot(object, object)
    def _on_edits_projects_changed(self, tree: ProjectTree, page: int | None) -> None:
        self._dock.projects.set_tree(tree, page)

    @Slot(object)
    def _on_edits_current_page_changed(self, page: int | None) -> None:
        self._dock.filters.set_current_page(page)

    @Slot(object)
    def _on_edits_spend_changed(self, credits: float | None) -> None:
        self._dock.show_spend(credits)

    @Slot(str)
    def _on_edits_undo_offered(self, text: str) -> None:
        self._dock.offer_undo(text)
