"""The page being prepared for print: what the canvas shows, placed on a page, finished,
aligned and preflighted, with every change undoable.

GUI thread. Loading, aligning and preflight run on a ProgressTaskRunner; the finishing
preview on its own latest-wins engine. Nothing happens while the Finish & Export panel is
hidden: the overlays come off the canvas and no work is started.
"""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import QObject, QPointF, QRectF, QTimer, Signal, Slot
from PySide6.QtGui import QUndoStack

from fluxdesk.core.jobs import JobId, JobState
from fluxdesk.core.printing.fit import Alignment
from fluxdesk.core.printing.preflight import Finding
from fluxdesk.ui.canvas import CanvasView
from fluxdesk.ui.controllers.canvas import INPUT_KEY, CanvasController
from fluxdesk.ui.controllers.generation import GenerationController
from fluxdesk.ui.history_model import HistoryModel
from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.printing.overlays import FindingHighlight, FinishPreviewOverlay, PageGuidesOverlay
from fluxdesk.ui.printing.preview import PreviewEngine, PreviewFrame
from fluxdesk.ui.printing.state import PlacementMode, PrintState
from fluxdesk.ui.printing.undo import StateChange, StateCommand
from fluxdesk.ui.printing.work import (
    MIN_ALIGN_CONFIDENCE,
    LastResult,
    LoadedSubject,
    PreflightReport,
    Subject,
    align_subject,
    load_subject,
    run_preflight,
)
from fluxdesk.ui.workers import ProgressTaskRunner, TaskResult

PREFLIGHT_DELAY_MS = 450  # after the last change: a slider drag checks once, at its end
PROXY_SIDES = (1024, 1536, 2048)  # few sizes, so zooming re-places the proxy rarely
ZOOM_MARGIN = 0.7  # a zoomed-to finding fills this share of the canvas


class PrintPageController(QObject):
    state_changed = Signal(object)  # PrintState
    subject_changed = Signal(object)  # LoadedSubject | None (None: nothing, or loading)
    preview_shown = Signal(object)  # PreviewFrame now on the canvas
    preflight_started = Signal()
    preflight_progressed = Signal(float)
    preflight_finished = Signal(object)  # PreflightReport for the current state
    preflight_failed = Signal(str)
    align_started = Signal()
    align_finished = Signal(object)  # Alignment applied, or None
    message = Signal(str)

    def __init__(
        self,
        canvas: CanvasView,
        canvas_control: CanvasController,
        history: HistoryModel,
        generation: GenerationController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._canvas = canvas
        self._canvas_control = canvas_control
        self._history = history
        self._generation = generation
        self._state = PrintState()
        self.undo_stack = QUndoStack(self)
        self.guides = PageGuidesOverlay(self)
        self.preview = FinishPreviewOverlay(self)
        self.highlight = FindingHighlight(self)
        self._engine = PreviewEngine(self)
        self._engine.frame_ready.connect(self._on_engine_frame_ready)
        self._engine.failed.connect(self.message)
        self._tasks = ProgressTaskRunner(max_threads=2, parent=self)
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        self._tasks.task_progress.connect(self._on_tasks_task_progress)
        self._preflight_pages: LastResult[Image.Image] = LastResult()
        self._preflight_timer = QTimer(self, singleShot=True, interval=PREFLIGHT_DELAY_MS)
        self._preflight_timer.timeout.connect(self._on_preflight_timer_timeout)
        self._active = False
        self._preview_on = True
        self._highlight_grey = False
        self._subject: Subject | None = None
        self._loaded: LoadedSubject | None = None
        self._load_task: int | None = None
        self._align_task: int | None = None
        self._align_key: str | None = None  # the subject being aligned
        self._preflight_task: int | None = None
        self._report: PreflightReport | None = None
        self._proxy_side = PROXY_SIDES[0]
        canvas_control.showing_changed.connect(self._on_canvas_showing_changed)
        canvas.zoom_changed.connect(self._on_canvas_zoom_changed)

    # --- state ------------------------------------------------------------------------------

    def state(self) -> PrintState:
        return self._state

    def loaded(self) -> LoadedSubject | None:
        return self._loaded

    def subject(self) -> Subject | None:
        return self._subject

    @Slot(object)
    def request_change(self, change: StateChange) -> None:
        if change.state != self._state:
            self.undo_stack.push(StateCommand(self._apply_state, self._state, change))

    def _apply_state(self, state: PrintState) -> None:
        self._state = state
        self.highlight.set_box(None, None)
        self._update_guides()
        self.state_changed.emit(state)
        self._refresh_preview()
        self._schedule_preflight()

    def _update_guides(self) -> None:
        loaded = self._loaded
        if loaded is None:
            self.guides.set_layout(None, None, "")
            return
        layout = loaded.layout(self._state)
        width, height = layout.canvas_size
        caption = f"{self._state.page.name} · {self._state.dpi} dpi · {width} × {height} px"
        self.guides.set_layout(layout.guides, layout.frame, caption)

    # --- the panel's visibility -------------------------------------------------------------

    @Slot(bool)
    def set_active(self, active: bool) -> None:
        """True while the panel is on screen: the overlays show and work may run."""
        if active == self._active:
            return
        self._active = active
        for overlay in (self.preview, self.guides, self.highlight):  # bottom to top
            if active:
                self._canvas.add_overlay(overlay)
            else:
                self._canvas.remove_overlay(overlay)
        if active and self._loaded is None and self._subject is not None:
            self._load()
        elif active:
            self._refresh_preview()
            self._schedule_preflight()

    def is_active(self) -> bool:
        return self._active

    @Slot(bool)
    def set_preview_enabled(self, enabled: bool) -> None:
        self._preview_on = enabled
        if not enabled:
            self._engine.clear()
            self.preview.set_frame(None)
        self._refresh_preview()

    @Slot(bool)
    def set_highlight_grey(self, enabled: bool) -> None:
        self._highlight_grey = enabled
        self.preview.set_show_grey(enabled)
        frame = self.preview.frame()
        if enabled and (frame is None or frame.grey is None):
            self._refresh_preview()

    # --- what the canvas shows --------------------------------------------------------------

    @Slot(str)
    def _on_canvas_showing_changed(self, key: str) -> None:
        self._subject = self._subject_for(key)
        self._loaded = None
        self._load_task = None
        self._report = None
        if self._preflight_task is not None:
            self._tasks.cancel(self._preflight_task)
        self._engine.clear()
        self._preflight_pages.clear()
        self.preview.set_frame(None)
        self.highlight.set_box(None, None)
        self._update_guides()
        self.subject_changed.emit(None)
        if self._active and self._subject is not None:
            self._load()

    def _subject_for(self, key: str) -> Subject | None:
        if key == INPUT_KEY:
            source = self._generation.source()
            if source is None:
                return None
            name = source.path.stem if source.path else "pasted-page"
            return Subject(key, name, path=source.path, image=source.image)
        job_id = JobId(key)
        row = self._history.row_for(job_id)
        if row is None or row.state is not JobState.succeeded or row.result_path is None:
            return None
        pencils = self._canvas_control.pencils_of(job_id)
        name = pencils.stem if pencils else f"result-{key[:8]}"
        return Subject(key, name, path=row.result_path, pencils=pencils, job_id=job_id)

    def subject_for_job(self, job_id: JobId) -> Subject | None:
        return self._subject_for(str(job_id))

    def _load(self) -> None:
        subject = self._subject
        assert subject is not None
        self._load_task = self._tasks.run("load", lambda: load_subject(subject))

    # --- preview ----------------------------------------------------------------------------

    def _wanted_proxy_side(self) -> int:
        """The preview's long side: about what the page takes on screen at this zoom."""
        loaded, page = self._loaded, self._canvas.page_size()
        if loaded is None or page.isEmpty():
            return PROXY_SIDES[0]
        layout = loaded.layout(self._state)
        on_screen = max(layout.canvas_size) * page.width() / layout.frame.width
        on_screen *= self._canvas.zoom()
        return next((side for side in PROXY_SIDES if side >= on_screen), PROXY_SIDES[-1])

    def _refresh_preview(self) -> None:
        if not (self._active and self._preview_on and self._loaded is not None):
            return
        self._proxy_side = self._wanted_proxy_side()
        self._engine.request(self._loaded, self._state, self._proxy_side, self._highlight_grey)

    def preview_engine(self) -> PreviewEngine:
        return self._engine

    @Slot(float)
    def _on_canvas_zoom_changed(self, zoom: float) -> None:
        if self._active and self._wanted_proxy_side() != self._proxy_side:
            self._refresh_preview()

    @Slot(object)
    def _on_engine_frame_ready(self, frame: PreviewFrame) -> None:
        if self._loaded is None or frame.key != self._loaded.key or not self._preview_on:
            return
        self.preview.set_frame(frame)
        self.preview_shown.emit(frame)

    # --- align to pencils -------------------------------------------------------------------

    @Slot()
    def align(self) -> None:
        loaded = self._loaded
        if loaded is None or self._align_task is not None:
            return
        if loaded.subject.pencils is None:
            self.message.emit(self.tr("Align to pencils needs a result made from pencils."))
            return
        self.align_started.emit()
        self._align_key = loaded.key
        self._align_task = self._tasks.run_with_progress(
            "align", lambda report, cancel: align_subject(loaded, progress=report, cancel=cancel)
        )

    def _on_aligned(self, result: TaskResult) -> None:
        self._align_task = None
        alignment: Alignment | None = result.value
        loaded = self._loaded
        if loaded is None or loaded.key != self._align_key:
            self.align_finished.emit(None)  # the canvas moved on to another image meanwhile
            return
        if not result.ok or alignment is None:
            self.align_finished.emit(None)
            if result.error is not None:
                self.message.emit(core_text(result.error.user_message))
            return
        if alignment.confidence < MIN_ALIGN_CONFIDENCE:
            self.align_finished.emit(None)
            self.message.emit(
                self.tr(
                    "The result could not be matched to its pencils; the placement is unchanged."
                )
            )
            return
        state = self._state.with_placement(
            mode=PlacementMode.register, alignment=alignment, aligned_key=loaded.key
        )
        self.request_change(StateChange(state, self.tr("Align to Pencils")))
        self.align_finished.emit(alignment)

    # --- preflight --------------------------------------------------------------------------

    def _schedule_preflight(self) -> None:
        if self._active and self._loaded is not None:
            self._preflight_timer.start()

    @Slot()
    def _on_preflight_timer_timeout(self) -> None:
        loaded, state, pages = self._loaded, self._state, self._preflight_pages
        if loaded is None or not self._active:
            return
        if self._preflight_task is not None:
            self._tasks.cancel(self._preflight_task)
        self.preflight_started.emit()
        self._preflight_task = self._tasks.run_with_progress(
            "preflight",
            lambda report, cancel: run_preflight(
                loaded, state, pages, progress=report, cancel=cancel
            ),
        )

    def preflight_pending(self) -> bool:
        return self._preflight_timer.isActive() or self._preflight_task is not None

    def _on_preflight_done(self, result: TaskResult) -> None:
        if result.task_id != self._preflight_task:
            return  # a run that was replaced by a newer one
        self._preflight_task = None
        if not result.ok:
            if result.error is not None and result.error.kind != "cancelled":
                self.preflight_failed.emit(core_text(result.error.user_message))
            return
        report: PreflightReport = result.value
        if self._loaded is not None and report.key == self._loaded.key:
            if report.state == self._state:
                self._report = report
                self.preflight_finished.emit(report)
            else:
                self._schedule_preflight()

    @Slot(object)
    def show_finding(self, finding: Finding) -> None:
        """Highlights the finding's box and zooms the canvas onto it."""
        loaded, report = self._loaded, self._report
        if loaded is None or report is None or finding.bbox is None:
            return
        layout = loaded.layout(self._state)
        scale = layout.canvas_size[0] / report.checked_size[0]
        left, top, right, bottom = (value * scale for value in finding.bbox)
        box = QRectF(QPointF(left, top), QPointF(right, bottom))
        self.highlight.set_box(box, layout.frame)
        target = self.highlight.page_rect(self._canvas.page_size())
        if target is not None:
            self._canvas.zoom_to_rect(target, ZOOM_MARGIN)

    # --- results ----------------------------------------------------------------------------

    @Slot(int, float)
    def _on_tasks_task_progress(self, task_id: int, fraction: float) -> None:
        if task_id == self._preflight_task:
            self.preflight_progressed.emit(fraction)

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if result.kind == "load":
            self._on_loaded(result)
        elif result.kind == "align":
            self._on_aligned(result)
        elif result.kind == "preflight":
            self._on_preflight_done(result)

    def _on_loaded(self, result: TaskResult) -> None:
        if result.task_id != self._load_task:
            return
        self._load_task = None
        if not result.ok:
            self._subject = None  # nothing to set on a page; the panel says so
            self.subject_changed.emit(None)
            if result.error is not None:
                self.message.emit(core_text(result.error.user_message))
            return
        self._loaded = result.value
        self._update_guides()
        self.subject_changed.emit(self._loaded)
        self.state_changed.emit(self._state)
        self._refresh_preview()
        self._schedule_preflight()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        self._preflight_timer.stop()
        done = self._engine.shutdown(timeout_ms)
        return self._tasks.shutdown(timeout_ms) and done
