"""The chapter batch and the layered PSD hand-off in the window. `ui/app.py` builds one after
the main window; it makes the controllers, opens the contact sheet (View → Chapter Batch…),
the New Batch and confirmation dialogs, and routes the sheet's Branch, Compare and PDF export
into the window's canvas, prompt panel and Finish & Export.

Holds no Python reference to the window (it is the Qt parent): see FinishExport."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QMainWindow, QMessageBox

from fluxdesk.core.batch import Batch, BatchView
from fluxdesk.core.history.records import JobRecord
from fluxdesk.core.jobs import JobId
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.ui.batch.confirm_dialog import ConfirmBatchDialog
from fluxdesk.ui.batch.contact_sheet import ContactSheet
from fluxdesk.ui.batch.new_batch_dialog import NewBatchDialog
from fluxdesk.ui.batch.tiles import BatchTilesModel
from fluxdesk.ui.canvas import CompareMode
from fluxdesk.ui.controllers.batch import BatchController
from fluxdesk.ui.controllers.batch_work import BatchProposal
from fluxdesk.ui.controllers.psd_export import PsdExportController
from fluxdesk.ui.printing.work import Subject

if TYPE_CHECKING:  # the window imports nothing from here; app.py builds this after it
    from fluxdesk.ui.main_window import MainWindow, Parts


class BatchTools(QObject):
    def __init__(self, window: MainWindow, parts: Parts, thumbnails_dir: Path) -> None:
        super().__init__(window)
        spending = parts.tools.spending
        self.controller = BatchController(
            parts.generation.store,
            parts.runner,
            parts.providers,
            parts.history_model,
            parts.recovery,
            spending,
            spending.approve_run,  # the budget guard, as for every run
            thumbnails_dir,
            self,
        )
        self.psd = PsdExportController(
            parts.generation.store, parts.generation, window.canvas_control, window.canvas, self
        )
        self.model = BatchTilesModel(self)
        self.sheet: ContactSheet | None = None
        self.new_dialog: NewBatchDialog | None = None
        self.confirm_dialog: ConfirmBatchDialog | None = None
        self._parts = parts
        self._batches: list[Batch] = []
        controller = self.controller
        controller.batches_changed.connect(self._on_controller_batches_changed)
        controller.view_changed.connect(self._on_controller_view_changed)
        controller.proposal_ready.connect(self._on_controller_proposal_ready)
        controller.proposal_failed.connect(self._on_controller_proposal_failed)
        controller.created.connect(self._on_controller_created)
        controller.thumbnail_ready.connect(self.model.put_thumbnail)
        controller.message.connect(self._on_message)
        self.psd.message.connect(self._on_message)
        self.model.thumbnail_wanted.connect(self._on_model_thumbnail_wanted)
        window.actions_.chapter_batch.triggered.connect(self.open_sheet)
        window.actions_.export_psd.triggered.connect(self.psd.export)

    def start(self) -> None:
        self.controller.start()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        done = self.controller.shutdown(timeout_ms)
        return self.psd.shutdown(timeout_ms) and done

    def _window(self) -> MainWindow:
        window = self.parent()
        assert isinstance(window, QMainWindow)
        return cast("MainWindow", window)

    # --- the contact sheet ------------------------------------------------------------------

    @Slot()
    def open_sheet(self) -> ContactSheet:
        if self.sheet is None:
            sheet = ContactSheet(self.model, self._window())
            sheet.batch_chosen.connect(self.controller.show)
            sheet.new_batch_requested.connect(self.open_new_batch)
            sheet.stop_requested.connect(self._on_sheet_stop_requested)
            sheet.accept_requested.connect(self._on_sheet_accept_requested)
            sheet.redo_requested.connect(self._on_sheet_redo_requested)
            sheet.branch_requested.connect(self._on_sheet_branch_requested)
            sheet.compare_requested.connect(self._on_sheet_compare_requested)
            sheet.export_pdf_requested.connect(self._on_sheet_export_pdf_requested)
            self.sheet = sheet
            sheet.show_batches(self._batches, self.controller.shown())
            sheet.show_view(self.controller.view())
        self.sheet.show()
        self.sheet.raise_()
        self.sheet.activateWindow()
        self.sheet.grid.setFocus()
        self.controller.refresh()
        return self.sheet

    @Slot(list)
    def _on_controller_batches_changed(self, batches: list[Batch]) -> None:
        self._batches = batches
        if self.sheet is not None:
            self.sheet.show_batches(batches, self.controller.shown())

    @Slot(object)
    def _on_controller_view_changed(self, view: BatchView) -> None:
        if self.sheet is not None:
            self.sheet.show_view(view)

    @Slot(str, object)
    def _on_model_thumbnail_wanted(self, sha256: str, source: object) -> None:
        self.controller.thumbnail(sha256, Path(str(source)))

    # --- a new batch ------------------------------------------------------------------------

    @Slot()
    def open_new_batch(self) -> NewBatchDialog:
        panel = self._window().prompt_panel
        presets = self._parts.tools.presets.library().presets
        dialog = NewBatchDialog(presets, panel.state(), self.sheet or self._window())
        dialog.proposal_requested.connect(self.controller.propose)
        self.new_dialog = dialog
        dialog.open()
        return dialog

    @Slot(object)
    def _on_controller_proposal_ready(self, proposal: BatchProposal) -> None:
        parent = self.new_dialog if self.new_dialog is not None else self._window()
        dialog = ConfirmBatchDialog(proposal, parent)
        dialog.accepted.connect(self._on_confirm_accepted)
        dialog.rejected.connect(self._on_confirm_rejected)
        self.confirm_dialog = dialog
        dialog.open()

    @Slot(str)
    def _on_controller_proposal_failed(self, text: str) -> None:
        if self.new_dialog is not None:
            self.new_dialog.show_error(text)
        else:
            self._on_message(text)

    @Slot()
    def _on_confirm_accepted(self) -> None:
        if self.confirm_dialog is not None:
            self.controller.confirm(self.confirm_dialog.proposal)
            self.confirm_dialog.deleteLater()
            self.confirm_dialog = None
        if self.new_dialog is not None:
            self.new_dialog.accept()
            self.new_dialog.deleteLater()
            self.new_dialog = None

    @Slot()
    def _on_confirm_rejected(self) -> None:
        if self.confirm_dialog is not None:
            self.confirm_dialog.deleteLater()
            self.confirm_dialog = None
        if self.new_dialog is not None:
            self.new_dialog.show_error(self.tr("Nothing was sent."))

    @Slot(int)
    def _on_controller_created(self, batch_id: int) -> None:
        self._parts.history_edits.reload_projects()  # its pages, in the History's picker
        self.open_sheet()

    # --- reviewing --------------------------------------------------------------------------

    def _job(self, position: int, job_id: object) -> JobRecord | None:
        view = self.controller.view()
        if view is None or not 0 <= position < len(view.pages):
            return None
        return next((j for j in view.page(position).candidates if j.id == job_id), None)

    @Slot()
    def _on_sheet_stop_requested(self) -> None:
        answer = QMessageBox.question(
            self.sheet,
            self.tr("Stop the batch?"),
            self.tr(
                "Jobs still waiting are cancelled and nothing more is sent by itself. Results "
                "already made are kept; Redo still runs a page. Stop the batch?"
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.stop()

    @Slot(int, object)
    def _on_sheet_accept_requested(self, position: int, job_id: object) -> None:
        self.controller.accept(position, JobId(str(job_id)))

    @Slot(int)
    def _on_sheet_redo_requested(self, position: int) -> None:
        self.controller.redo(position)

    @Slot(int, object)
    def _on_sheet_branch_requested(self, position: int, job_id: object) -> None:
        """The result becomes the main window's input, with the batch's settings, on the
        batch's page: what the artist makes next belongs to the page and shows on its tile."""
        job, view = self._job(position, job_id), self.controller.view()
        if job is None or job.result is None or view is None:
            return
        window = self._window()
        page = view.page(position).page
        settings = view.batch.settings
        template = settings.template
        window.canvas_control.use_result_as_input(job.id, job.result.path)
        window.prompt_panel.set_state(
            PromptState(
                template.model,
                template.prompt,
                template.params,
                None,
                settings.variations,
                (),
                template.preset_id,
                template.provider,
            )
        )
        self._parts.history_edits.set_current_page(page.page_id)
        window.raise_()
        window.activateWindow()
        self._on_message(
            self.tr(
                "{page} is the input, with the batch's settings; new results belong to the "
                "page: pick one on its tile in Chapter Batch."
            ).format(page=page.name)
        )

    @Slot(int, object)
    def _on_sheet_compare_requested(self, position: int, job_id: object) -> None:
        job, view = self._job(position, job_id), self.controller.view()
        if job is None or job.result is None or view is None:
            return
        window = self._window()
        pencils = view.page(position).page.source.path
        window.canvas_control.show_result(job.id, job.result.path, pencils)
        window.canvas.set_compare_mode(CompareMode.wipe)
        window.raise_()
        window.activateWindow()

    @Slot(list)
    def _on_sheet_export_pdf_requested(self, job_ids: list[str]) -> None:
        view = self.controller.view()
        if view is None:
            return
        subjects = []
        for page in view.pages:
            job = next((j for j in page.candidates if j.id == page.page.accepted_job), None)
            if job is not None and job.result is not None:
                subjects.append(
                    Subject(
                        str(job.id),
                        page.page.name,
                        path=job.result.path,
                        pencils=page.page.source.path,
                        job_id=job.id,
                    )
                )
        origin = self.tr("accepted in the chapter batch, in page order")
        exports = self._window().finish.exports
        exports.export_chapter_subjects(subjects, origin, folder=Path.home(), name=view.batch.name)

    @Slot(str)
    def _on_message(self, text: str) -> None:
        if text:
            self._window().status.show_message(text)
