"""Changes to the history from the dock: star, reject, delete (to the Trash, with undo),
restore, purge, the project page, and comparing two entries. Store work runs off the GUI
thread; the model shows each change as soon as it is recorded."""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack

from fluxdesk.core.history import curation, projects
from fluxdesk.core.history.diff import entry_diff
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId
from fluxdesk.ui.controllers.history import HistoryController
from fluxdesk.ui.history_model import HistoryModel
from fluxdesk.ui.i18n import core_text, translate
from fluxdesk.ui.text import count_text
from fluxdesk.ui.workers import TaskResult, TaskRunner

log = logging.getLogger(__name__)


class HistoryEditsController(QObject):
    message = Signal(str)
    undo_offered = Signal(str)  # what the Undo button would undo ("" when nothing)
    projects_changed = Signal(object, object)  # ProjectTree, current page id (int | None)
    current_page_changed = Signal(object)  # int | None
    spend_changed = Signal(object)  # credits spent on the current page (float | None)
    compare_ready = Signal(object)  # EntryDiff

    def __init__(
        self,
        store: HistoryStore,
        model: HistoryModel,
        history: HistoryController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._model = model
        self._history = history
        self._tasks = TaskRunner(max_threads=1, parent=self)  # one at a time: in order
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        self.undo_stack = QUndoStack(self)  # moves to the Trash (Edit → Undo in the dock)
        self._page: int | None = None

    def load(self) -> None:
        """Projects and the current page; purges what has been in the Trash for 30 days."""
        self._tasks.run("purge_old", lambda: curation.purge_trash(self._store))
        self._reload_projects()

    def current_page(self) -> int | None:
        return self._page

    @Slot()
    def reload_projects(self) -> None:
        """Projects changed elsewhere (a chapter batch made its pages): read them again."""
        self._reload_projects()

    def _reload_projects(self) -> None:
        def read() -> tuple[object, int | None, float | None]:
            page = projects.current_page(self._store)
            spend = projects.page_spend(self._store, page) if page is not None else None
            return projects.project_tree(self._store), page, spend

        self._tasks.run("projects", read)

    # --- flags ------------------------------------------------------------------------------

    @Slot(list, bool)
    def set_starred(self, ids: list[JobId], on: bool) -> None:
        self._flag(ids, "starred", on)

    @Slot(list, bool)
    def set_rejected(self, ids: list[JobId], on: bool) -> None:
        self._flag(ids, "rejected", on)

    def _flag(self, ids: list[JobId], flag: str, on: bool) -> None:
        other = "rejected" if flag == "starred" else "starred"
        changes = {flag: on, **({other: False} if on else {})}

        def work() -> tuple[list[JobId], dict[str, object]]:
            curation.set_flag(self._store, ids, flag, on)
            return ids, changes

        self._tasks.run("flag", work)

    # --- the Trash --------------------------------------------------------------------------

    @Slot(list)
    def move_to_trash(self, ids: list[JobId]) -> None:
        self._tasks.run("trash", lambda: curation.move_to_trash(self._store, ids))

    @Slot()
    def undo(self) -> None:
        self.undo_stack.undo()

    def _restore_trashed(self, ids: list[JobId]) -> None:  # by the undo command
        self._tasks.run("undo", lambda: curation.restore_from_trash(self._store, ids))

    def _trash_again(self, ids: list[JobId]) -> None:  # by the undo command's redo
        self._tasks.run("retrash", lambda: curation.move_to_trash(self._store, ids))

    @Slot(list)
    def restore(self, ids: list[JobId]) -> None:
        self._tasks.run("restore", lambda: curation.restore_from_trash(self._store, ids))

    @Slot(object)
    def purge(self, ids: list[JobId] | None) -> None:
        """Deletes for good: `ids`, or the whole Trash (None)."""

        def work() -> tuple[curation.PurgeSummary, list[JobId] | None]:
            return curation.purge_trash(self._store, older_than_days=None, ids=ids), ids

        self._tasks.run("purge", work)

    # --- projects ---------------------------------------------------------------------------

    @Slot(object)
    def set_current_page(self, page_id: int | None) -> None:
        self._tasks.run("page", lambda: projects.set_current_page(self._store, page_id))

    @Slot(str, str, str)
    def new_page(self, book: str, chapter: str, page: str) -> None:
        def make() -> None:
            made = projects.new_page_path(self._store, book, chapter, page)
            projects.set_current_page(self._store, made.id)

        self._tasks.run("page", make)

    @Slot(list)
    def move_to_current_page(self, ids: list[JobId]) -> None:
        page = self._page

        def work() -> tuple[list[JobId], dict[str, object]]:
            projects.assign_page(self._store, ids, page)
            return ids, {"page_id": page}

        self._tasks.run("flag", work)

    # --- compare ----------------------------------------------------------------------------

    @Slot(object, object)
    def compare(self, before: JobId, after: JobId) -> None:
        def read() -> object:
            records = self._store.get_jobs([before, after])
            return entry_diff(*records) if len(records) == 2 else None

        self._tasks.run("compare", read)

    # --- results ----------------------------------------------------------------------------

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if not result.ok:
            log.warning("history change %s failed: %s", result.kind, result.error)
            if result.error is not None:
                self.message.emit(core_text(result.error.user_message))
            return
        kind, value = result.kind, result.value
        if kind == "flag":
            ids, changes = value
            self._replace(ids, **changes)
            if "page_id" in changes:
                self._reload_projects()  # the page's spend changed
        elif kind == "trash":
            self._trashed(value)
        elif kind == "retrash":
            self._replace(value, in_trash=True)
        elif kind in ("undo", "restore"):
            self._history.refresh()
            self.undo_offered.emit("")
        elif kind == "purge":
            summary, ids = value
            if ids is None:
                self._history.refresh()
            else:
                self._model.remove_ids(ids)
            self.message.emit(self._purged_text(summary))
        elif kind == "purge_old" and value.entries:
            log.info("purged %d entries that had been in the Trash 30 days", value.entries)
        elif kind == "page":
            self._reload_projects()
        elif kind == "projects":
            tree, page, spend = value
            changed = page != self._page
            self._page = page
            self.projects_changed.emit(tree, page)
            self.spend_changed.emit(spend)
            if changed:
                self.current_page_changed.emit(page)
        elif kind == "compare" and value is not None:
            self.compare_ready.emit(value)

    def _replace(self, ids: list[JobId], **changes: object) -> None:
        rows = [row for job_id in ids if (row := self._model.row_for(job_id)) is not None]
        self._model.replace_rows([dataclasses.replace(row, **changes) for row in rows])  # type: ignore[arg-type]

    def _trashed(self, moved: list[JobId]) -> None:
        if not moved:
            self.message.emit(self.tr("Running jobs can't be deleted; cancel them first."))
            return
        self._replace(moved, in_trash=True)
        self.undo_stack.push(_TrashCommand(self, moved))
        self.undo_offered.emit(
            count_text(
                len(moved),
                self.tr("Moved 1 entry to the Trash."),
                self.tr("Moved {n} entries to the Trash."),
            )
        )

    def _purged_text(self, summary: curation.PurgeSummary) -> str:
        text = count_text(
            summary.entries,
            self.tr("Deleted 1 entry for good"),
            self.tr("Deleted {n} entries for good"),
        )
        if summary.bytes:
            text += self.tr(" (freed {size:.1f} MB).").format(size=summary.bytes / 1e6)
        return text + ("" if summary.bytes else ".")

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self._tasks.shutdown(timeout_ms)


class _TrashCommand(QUndoCommand):
    """Entries already moved to the Trash: undo restores them, redo moves them again."""

    def __init__(self, edits: HistoryEditsController, ids: list[JobId]) -> None:
        super().__init__(translate("HistoryEditsController", "Move to Trash"))
        self._edits = edits
        self._ids = ids
        self._done = True  # pushed after the move: the first redo has nothing to do

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._edits._trash_again(self._ids)

    def undo(self) -> None:
        self._edits._restore_trashed(self._ids)
