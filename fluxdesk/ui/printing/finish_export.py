"""Finish & Export in the window: the dock (tabbed with the prompt), its two controllers, the
Edit menu's Undo/Redo, and the wiring between them. MainWindow only constructs this and
connects its export actions (see ``MainWindow.__init__``)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QDockWidget, QMainWindow

from fluxdesk.core.printing.fit import Alignment
from fluxdesk.ui.canvas import CanvasView
from fluxdesk.ui.controllers.canvas import CanvasController
from fluxdesk.ui.controllers.generation import GenerationController
from fluxdesk.ui.controllers.print_export import PrintExportController
from fluxdesk.ui.controllers.print_page import PrintPageController
from fluxdesk.ui.history_dock import HistoryDock
from fluxdesk.ui.history_model import HistoryModel
from fluxdesk.ui.printing.panel import FinishPanel
from fluxdesk.ui.printing.preview import PreviewFrame
from fluxdesk.ui.printing.state import PrintState
from fluxdesk.ui.printing.work import LoadedSubject, PreflightReport


class FinishExport(QObject):
    message = Signal(str)

    def __init__(
        self,
        window: QMainWindow,
        canvas: CanvasView,
        canvas_control: CanvasController,
        generation: GenerationController,
        history: HistoryModel,
        history_dock: HistoryDock,
        beside: QDockWidget,
    ) -> None:
        # Never keep a reference to `window` itself: MainWindow holds this object, and a Python
        # reference cycle through the window would leave its teardown to the garbage collector,
        # which may run on a worker thread (Qt objects must die on the GUI thread).
        super().__init__(window)
        self.page = PrintPageController(canvas, canvas_control, history, generation, self)
        self.exports = PrintExportController(
            self.page, generation.store, history, history_dock.selected_rows, canvas, self
        )
        self.panel = FinishPanel()
        self.dock = QDockWidget(self.tr("Finish && Export"), window)
        self.dock.setObjectName("finishDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        window.tabifyDockWidget(beside, self.dock)
        beside.raise_()  # the prompt stays in front; this tab is one click away
        self._export_when_loaded = False
        self._wire()

    def _wire(self) -> None:
        page, panel = self.page, self.panel
        panel.change_requested.connect(page.request_change)
        panel.align_requested.connect(page.align)
        panel.preview_toggled.connect(page.set_preview_enabled)
        panel.highlight_grey_toggled.connect(page.set_highlight_grey)
        panel.finding_activated.connect(page.show_finding)
        panel.export_page_requested.connect(self.exports.export_page)
        panel.export_chapter_requested.connect(self.exports.export_chapter)
        page.state_changed.connect(self._on_page_state_changed)
        page.subject_changed.connect(self._on_page_subject_changed)
        page.preview_shown.connect(self._on_page_preview_shown)
        page.preflight_started.connect(self._on_page_preflight_started)
        page.preflight_progressed.connect(self._on_page_preflight_progressed)
        page.preflight_finished.connect(self._on_page_preflight_finished)
        page.preflight_failed.connect(self._on_page_preflight_failed)
        page.align_started.connect(self._on_page_align_started)
        page.align_finished.connect(self._on_page_align_finished)
        for source in (page, self.exports):
            source.message.connect(self.message)
        self.dock.visibilityChanged.connect(page.set_active)

    def show_panel(self) -> None:
        self.dock.show()
        self.dock.raise_()

    @Slot()
    def export_page(self) -> None:
        """File → Export Page…: brings the panel forward; the dialog opens once the page is
        loaded (at once if it already is)."""
        self.show_panel()
        if self.page.loaded() is None and self.page.subject() is not None:
            self._export_when_loaded = True
        else:
            self.exports.export_page()

    @Slot()
    def export_chapter(self) -> None:
        self.exports.export_chapter()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        done = self.exports.shutdown(timeout_ms)
        return self.page.shutdown(timeout_ms) and done

    # --- controller -> panel ----------------------------------------------------------------

    @Slot(object)
    def _on_page_state_changed(self, state: PrintState) -> None:
        self.panel.show_state(state)

    @Slot(object)
    def _on_page_subject_changed(self, loaded: LoadedSubject | None) -> None:
        loading = loaded is None and self.page.subject() is not None and self.page.is_active()
        self.panel.show_subject(loaded, loading=loading)
        if loaded is not None and self._export_when_loaded:
            self._export_when_loaded = False
            self.exports.export_page()

    @Slot(object)
    def _on_page_preview_shown(self, frame: PreviewFrame) -> None:
        self.panel.finishing.show_auto_threshold(frame.threshold)

    @Slot()
    def _on_page_preflight_started(self) -> None:
        self.panel.preflight.show_running()

    @Slot(float)
    def _on_page_preflight_progressed(self, fraction: float) -> None:
        self.panel.preflight.show_progress(fraction)

    @Slot(object)
    def _on_page_preflight_finished(self, report: PreflightReport) -> None:
        self.panel.preflight.show_findings(report.findings, report.state.dpi)

    @Slot(str)
    def _on_page_preflight_failed(self, message: str) -> None:
        self.panel.preflight.show_failed(message)

    @Slot()
    def _on_page_align_started(self) -> None:
        self.panel.placement.set_aligning(True)

    @Slot(object)
    def _on_page_align_finished(self, alignment: Alignment | None) -> None:
        self.panel.placement.set_aligning(False)
