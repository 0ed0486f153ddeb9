"""Export flows: File → Export Page… and File → Export Chapter PDF….

GUI thread. Opens the dialog, checks the target before any work (asking before replacing a
file), runs the export on a worker with progress and Cancel, and reports the outcome in the
dialog. A cancelled or failed export leaves no file (``core.printing.files`` writes
atomically).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from fluxdesk.core.errors import FluxError, OutputExists
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobState
from fluxdesk.core.printing.export import check_target
from fluxdesk.core.printing.finishing import ColorMode
from fluxdesk.core.printing.settings import ExportSettings
from fluxdesk.ui.controllers.dialog_export import DialogExport
from fluxdesk.ui.controllers.print_page import PrintPageController
from fluxdesk.ui.history_model import HistoryModel, JobRow
from fluxdesk.ui.i18n import core_text, translate
from fluxdesk.ui.printing import export_dialog
from fluxdesk.ui.printing.export_dialog import ChapterDialog, ExportPageDialog, PageExportChoice
from fluxdesk.ui.printing.state import PrintState
from fluxdesk.ui.printing.work import (
    ExportRequest,
    LoadedSubject,
    Subject,
    export_chapter,
    export_subject,
)
from fluxdesk.ui.workers import ProgressWork, TaskResult

_DEPTH = {
    ColorMode.mono: QT_TRANSLATE_NOOP("PrintExportController", "1-bit"),
    ColorMode.gray: QT_TRANSLATE_NOOP("PrintExportController", "8-bit grey"),
    ColorMode.color: QT_TRANSLATE_NOOP("PrintExportController", "colour"),
}


def describe(settings: ExportSettings, path: Path) -> str:
    """'4299 × 6071 px, 1-bit G4, 600 dpi' for the message at the end."""
    width, height = settings.size_px
    depth = translate("PrintExportController", _DEPTH[settings.mode])
    if settings.mode is ColorMode.mono and path.suffix.lower() in (".tif", ".tiff", ".pdf"):
        depth += " G4"
    return f"{width} × {height} px, {depth}, {settings.dpi} dpi"


class PrintExportController(DialogExport):
    """Pages and chapters (``exported`` carries the Path written)."""

    def __init__(
        self,
        page: PrintPageController,
        store: HistoryStore,
        history: HistoryModel,
        selected_rows: Callable[[], list[JobRow]],
        anchor: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(anchor, parent)
        self._page = page
        self._store = store
        self._history = history
        self._selected_rows = selected_rows
        self._dialog: ExportPageDialog | ChapterDialog | None = None
        self._settings: ExportSettings | None = None
        self._session_start = time.time()
        self._chapter: list[Subject] = []
        self._page_loaded: LoadedSubject | None = None  # the page the open dialog exports

    def dialog(self) -> ExportPageDialog | ChapterDialog | None:
        return self._dialog

    def _folder(self, subject: Subject | None) -> Path:
        folder = self._last_folder or (subject.folder if subject else None) or Path.home()
        return folder

    def _busy(self) -> bool:
        """One export at a time: a second request brings the running one forward."""
        if self._task is not None and self._dialog is not None:
            self._dialog.raise_()
            self._dialog.activateWindow()
        return self._task is not None

    def _open(self, dialog: ExportPageDialog | ChapterDialog) -> None:
        if self._dialog is not None:
            self._dialog.close()
            self._drop_dialog()
        self._dialog = dialog
        dialog.cancel_requested.connect(self._on_dialog_cancel_requested)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    # --- one page ---------------------------------------------------------------------------

    @Slot()
    def export_page(self) -> None:
        loaded = self._page.loaded()
        if self._busy():
            return
        if loaded is None:
            self.message.emit(
                self.tr("Nothing to export yet: open pencils or pick a result in History.")
            )
            return
        state = self._page.state()
        subject = loaded.subject
        path = self._folder(subject) / f"{subject.name}-print.tif"
        has_recipe = subject.job_id is not None
        dialog = ExportPageDialog(state, path, has_recipe, self._anchor.window())
        dialog.export_requested.connect(self._on_dialog_export_requested)
        self._page_loaded = loaded  # even if the canvas shows another image meanwhile
        self._open(dialog)

    @Slot(object)
    def _on_dialog_export_requested(self, choice: PageExportChoice) -> None:
        loaded = self._page_loaded
        dialog = self._dialog
        if loaded is None or dialog is None or self._task is not None:
            return
        state = self._page.state()
        state = replace(
            state, dpi=choice.dpi, finish=replace(state.finish, mode=choice.format.mode)
        )
        settings = state.export_settings(embed_recipe=choice.embed_recipe, sidecar=choice.sidecar)
        overwrite = self._confirm_target(choice.path, settings, choice.sidecar)
        if overwrite is None:
            return
        request = ExportRequest(choice.path, settings, overwrite)
        store = self._store
        self._start(
            settings,
            lambda report, cancel: export_subject(
                loaded, state, request, store, progress=report, cancel=cancel
            ),
        )

    def _confirm_target(self, path: Path, settings: ExportSettings, sidecar: bool) -> bool | None:
        """False: the name is free; True: the artist allowed replacing; None: stop."""
        dialog = self._dialog
        assert dialog is not None
        if not path.name or path == Path():
            dialog.show_error(self.tr("Choose a file to export to."))
            return None
        try:
            # A stat or two: fast, and it saves minutes of work before a refusal.
            check_target(path, settings, with_sidecar=sidecar)
            return False
        except OutputExists as exists:
            if export_dialog.ask_overwrite(dialog, exists.path):
                return True
            dialog.show_error(self.tr("Not exported: choose another name."))
            return None
        except FluxError as error:
            dialog.show_error(core_text(error.user_message))
            return None

    # --- chapter ----------------------------------------------------------------------------

    def chapter_rows(self) -> tuple[list[JobRow], str]:
        """The selected results (two or more), else every result made in this session; oldest
        first. Also says which, for the dialog."""
        selected = [row for row in self._selected_rows() if row.state is JobState.succeeded]
        if len(selected) >= 2:
            rows, origin = selected, self.tr("selected in History, oldest first")
        else:
            rows = [
                row
                for row in self._history.rows()
                if row.state is JobState.succeeded and row.created_at >= self._session_start
            ]
            origin = self.tr("every result made since FluxDesk started, oldest first")
        return sorted(rows, key=lambda row: row.created_at), origin

    @Slot()
    def export_chapter(self) -> None:
        rows, origin = self.chapter_rows()
        subjects = [s for row in rows if (s := self._page.subject_for_job(row.id)) is not None]
        self.export_chapter_subjects(subjects, origin)

    def export_chapter_subjects(
        self, subjects: list[Subject], origin: str, *, folder: Path | None = None, name: str = ""
    ) -> None:
        """The chapter dialog for these pages, in this order (`origin` says where from; the
        file is suggested as `name`.pdf in `folder`, else beside the first page)."""
        if self._busy():
            return
        if not subjects:
            QMessageBox.information(
                self._anchor.window(),
                self.tr("Export Chapter PDF"),
                self.tr(
                    "There are no results to put in a chapter yet. Select the pages in History "
                    "(Ctrl+click, in any order: they are exported oldest first) and try again."
                ),
            )
            return
        self._chapter = subjects
        path = (
            self._last_folder or folder or self._folder(subjects[0])
        ) / f"{name or 'chapter'}.pdf"
        names = [subject.name for subject in subjects]
        dialog = ChapterDialog(self._page.state(), path, names, origin, self._anchor.window())
        dialog.export_requested.connect(self._on_chapter_export_requested)
        self._open(dialog)

    @Slot(object)
    def _on_chapter_export_requested(self, choice: tuple[Path, bool]) -> None:
        path, align = choice
        if self._dialog is None or self._task is not None:
            return
        state: PrintState = self._page.state()
        settings = state.export_settings()
        overwrite = self._confirm_target(path, settings, False)
        if overwrite is None:
            return
        request = ExportRequest(path, settings, overwrite)
        subjects: Sequence[Subject] = list(self._chapter)
        self._start(
            settings,
            lambda report, cancel: export_chapter(
                subjects,
                state,
                request,
                align=align,
                title=path.stem,
                progress=report,
                cancel=cancel,
            ),
        )

    # --- running ----------------------------------------------------------------------------

    def _start(self, settings: ExportSettings, work: ProgressWork) -> None:
        assert self._dialog is not None
        self._settings = settings
        self._dialog.set_running(True)
        self._task = self._tasks.run_with_progress("export", work)

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if result.task_id != self._task:
            return
        self._task = None
        dialog = self._dialog
        if result.ok:
            path: Path = result.value
            self._last_folder = path.parent
            assert self._settings is not None
            summary = describe(self._settings, path)
            if dialog is not None:
                dialog.show_done(path, summary)
            self.message.emit(
                self.tr("Exported {name} ({summary}).").format(name=path.name, summary=summary)
            )
            self.exported.emit(path)
        else:
            self._show_failure(result)
        self._drop_dialog()
