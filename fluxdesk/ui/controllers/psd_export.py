"""File → Export Layered PSD…: finds the page on the canvas (its full-resolution pencils, its
kept results and flats), opens the dialog, asks before replacing a file, builds and writes the
PSD on a worker with progress and Cancel, and reports success only once the file has been read
back. GUI thread; the work is in ``core.layers.handoff``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from fluxdesk.core.batch import batch_of_page, read_batch
from fluxdesk.core.errors import InputError
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId
from fluxdesk.core.layers.handoff import HandoffPlan, PsdSummary, export_layered_psd, plan_handoff
from fluxdesk.ui.controllers.canvas import INPUT_KEY, CanvasController
from fluxdesk.ui.controllers.dialog_export import DialogExport
from fluxdesk.ui.controllers.generation import GenerationController
from fluxdesk.ui.i18n import core_text, translate
from fluxdesk.ui.layers.psd_dialog import PsdChoice, PsdExportDialog
from fluxdesk.ui.printing import export_dialog
from fluxdesk.ui.workers import TaskResult


@dataclass(frozen=True, slots=True)
class _OnCanvas:
    shown_job: JobId | None
    source_path: Path | None
    staged_sha: str | None


def find_page(store: HistoryStore, on_canvas: _OnCanvas) -> HandoffPlan:
    """Worker: the page's pencils at full resolution, and its layers. A result of a chapter
    batch page uses the scan the batch kept; otherwise the canvas's input file, a page edit's
    page, or (last) the copy that was sent, with a note."""
    job = store.get_job(on_canvas.shown_job) if on_canvas.shown_job else None
    page_id = job.page_id if job is not None else None
    input_sha = job.request.inputs[0].sha256 if job and job.request.inputs else on_canvas.staged_sha
    located = batch_of_page(store, page_id) if page_id is not None else None
    notes: tuple[str, ...] = ()
    if located is not None:
        page = read_batch(store, located[0]).page(located[1]).page
        pencils, name, folder = page.source.path, page.name, None
    elif job is not None and job.page_path is not None and job.page_path.exists():
        pencils, name, folder = job.page_path, job.page_path.stem, job.page_path.parent
    elif on_canvas.source_path is not None and (job is None or input_sha == on_canvas.staged_sha):
        path = on_canvas.source_path
        pencils, name, folder = path, path.stem, path.parent
    elif input_sha is not None and store.get_image(input_sha) is not None:
        stored = store.get_image(input_sha)
        assert stored is not None
        pencils, name, folder = stored.path, f"page-{input_sha[:8]}", None
        notes = (
            translate(
                "PsdExportController",
                "The original pencils are not open, so the copy sent to the model "
                "({width}×{height}) sets the page size. Open the scan first for full resolution.",
            ).format(width=stored.width, height=stored.height),
        )
    else:
        raise InputError(
            translate(
                "PsdExportController", "Open the page's pencils (or a result made from them) first."
            )
        )
    plan = plan_handoff(
        store,
        pencils,
        page_name=name,
        page_id=page_id,
        input_sha=input_sha if page_id is None else None,
        shown_job=on_canvas.shown_job,
        folder=folder,
    )
    return HandoffPlan(
        plan.page_name, plan.folder, plan.page_size, plan.dpi, plan.layers, notes + plan.notes
    )


class PsdExportController(DialogExport):
    """The layered PSD (``exported`` carries the PsdSummary)."""

    def __init__(
        self,
        store: HistoryStore,
        generation: GenerationController,
        canvas_control: CanvasController,
        anchor: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(anchor, parent)
        self._store = store
        self._generation = generation
        self._canvas_control = canvas_control
        self._dialog: PsdExportDialog | None = None

    def dialog(self) -> PsdExportDialog | None:
        return self._dialog

    @Slot()
    def export(self) -> None:
        if self._task is not None and self._dialog is not None:
            self._dialog.raise_()
            return
        shown = self._canvas_control.showing()
        source = self._generation.source()
        staged = self._generation.staged_input()
        on_canvas = _OnCanvas(
            JobId(shown) if shown and shown != INPUT_KEY else None,
            source.path if source is not None else None,
            staged.sha256 if staged is not None else None,
        )
        store = self._store
        self._tasks.run("plan", lambda: find_page(store, on_canvas))

    def _open(self, plan: HandoffPlan) -> None:
        folder = self._last_folder or plan.folder or Path.home()
        dialog = PsdExportDialog(plan, folder / f"{plan.page_name}.psd", self._anchor.window())
        dialog.export_requested.connect(self._on_dialog_export_requested)
        dialog.cancel_requested.connect(self._on_dialog_cancel_requested)
        dialog.finished.connect(self._on_dialog_finished)
        self._dialog = dialog
        dialog.open()

    @Slot(object)
    def _on_dialog_export_requested(self, choice: PsdChoice) -> None:
        dialog = self._dialog
        if dialog is None or self._task is not None:
            return
        path = choice.path
        if not path.name or path.suffix.lower() != ".psd":
            path = path.with_suffix(".psd") if path.name else path
        if not path.name or not path.parent.is_dir():
            dialog.show_error(self.tr("Choose a file in an existing folder."))
            return
        overwrite = path.exists()
        if overwrite and not export_dialog.ask_overwrite(dialog, path):
            dialog.show_error(self.tr("Not exported: choose another name."))
            return
        layers, dpi = choice.layers, choice.dpi
        dialog.set_running(True)
        self._task = self._tasks.run_with_progress(
            "export",
            lambda report, cancel: export_layered_psd(
                path, layers, dpi=dpi, overwrite=overwrite, progress=report, cancel=cancel
            ),
        )

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if result.kind == "plan":
            if result.ok:
                self._open(result.value)
            elif result.error is not None:
                QMessageBox.information(
                    self._anchor.window(),
                    self.tr("Export Layered PSD"),
                    core_text(result.error.user_message),
                )
            return
        self._task = None
        dialog = self._dialog
        if result.ok:
            summary: PsdSummary = result.value
            self._last_folder = summary.path.parent
            text = self.tr("{count} layers, {width} × {height} px, {size:.1f} MB, checked").format(
                count=len(summary.layers),
                width=summary.size[0],
                height=summary.size[1],
                size=summary.bytes / 1e6,
            )
            if dialog is not None:
                dialog.show_done(summary.path, text)
            self.message.emit(
                self.tr("Exported {name} ({text}).").format(name=summary.path.name, text=text)
            )
            self.exported.emit(summary)
        else:
            self._show_failure(result)
        self._drop_dialog()
