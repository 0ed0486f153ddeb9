"""The change overlay in the studio window: two compare modes (onion skin, what moved) drawn
by the canvas through their renderers, the heat map overlay, the Changes dock (tabbed with
History, brought forward in those modes), and the controller that registers and maps the
pair on screen. MainWindow only constructs this. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, Signal, Slot
from PySide6.QtWidgets import QDockWidget, QMainWindow

from fluxdesk.ui.canvas import CanvasView, CompareMode
from fluxdesk.ui.changes.overlay import HeatOverlay
from fluxdesk.ui.changes.panel import ChangesPanel
from fluxdesk.ui.changes.renderer import InkRenderer, InkStyle
from fluxdesk.ui.controllers.canvas import CanvasController
from fluxdesk.ui.controllers.changes import ANALYSED_MODES, ChangeAnalysis, ChangesController

HOTSPOT_SHARE = 0.45  # a hotspot zoomed to fills this share of the canvas


class ChangesFeature(QObject):
    message = Signal(str)

    def __init__(
        self,
        window: QMainWindow,
        canvas: CanvasView,
        canvas_control: CanvasController,
        beside: QDockWidget,
    ) -> None:
        super().__init__(window)  # no reference to the window itself (see FinishExport)
        self._canvas = canvas
        self._canvas_control = canvas_control
        self.onion = InkRenderer(InkStyle.onion, self)
        self.faded = InkRenderer(InkStyle.faded, self)
        canvas.set_compare_renderer(CompareMode.onion, self.onion)
        canvas.set_compare_renderer(CompareMode.changes, self.faded)
        self.heat = HeatOverlay(self)
        canvas.add_overlay(self.heat)
        self.panel = ChangesPanel()
        self.dock = QDockWidget(self.tr("Changes"), window)
        self.dock.setObjectName("changesDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(beside, self.dock)
        self.dock.hide()
        self._beside = beside
        self._shown_by_mode = False  # the dock came forward for a mode: it goes with it
        self.controller = ChangesController(canvas, canvas_control, self)
        self._opacity = {CompareMode.onion: 1.0, CompareMode.changes: 0.85}
        canvas.compare_mode_changed.connect(self._on_canvas_compare_mode_changed)
        canvas_control.showing_changed.connect(self._on_canvas_control_showing_changed)
        self.controller.analysis_started.connect(self._on_controller_analysis_started)
        self.controller.analysed.connect(self._on_controller_analysed)
        self.controller.failed.connect(self._on_controller_failed)
        self.panel.opacity_changed.connect(self._on_panel_opacity_changed)
        self.panel.hotspot_activated.connect(self.zoom_to_hotspot)
        self.dock.visibilityChanged.connect(self._on_dock_visibility_changed)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self.controller.shutdown(timeout_ms)

    @Slot(int)
    def zoom_to_hotspot(self, index: int) -> None:
        analysis = self.controller.analysis()
        if analysis is None or not 0 <= index < len(analysis.hotspots):
            return
        box = analysis.hotspots[index].box
        self.heat.set_active(index)
        self._canvas.zoom_to_rect(QRectF(box.left, box.top, box.width, box.height), HOTSPOT_SHARE)

    # --- showing ----------------------------------------------------------------------------

    def _mode(self) -> CompareMode | None:
        mode = self._canvas.compare_mode()
        return mode if mode in ANALYSED_MODES else None

    def _update(self) -> None:
        mode = self._mode()
        shown = mode is not None and self._canvas_control.shown_pair() is not None
        self.heat.set_visible(shown and mode is CompareMode.changes)
        if not shown or mode is None:
            if self._shown_by_mode:
                self._shown_by_mode = False
                self.dock.hide()
                self._beside.raise_()
            return
        self.panel.show_mode(heat=mode is CompareMode.changes, opacity=self._opacity[mode])
        if not self.dock.isVisible():
            self._shown_by_mode = True
            self.dock.show()
        self.dock.raise_()

    def _apply(self, analysis: ChangeAnalysis | None) -> None:
        registration = analysis.registration if analysis else None
        self.onion.set_registration(registration)
        self.faded.set_registration(registration)
        if analysis is None:
            self.heat.set_map(None, (), None)
            return
        self.heat.set_map(analysis.heat, analysis.hotspots, analysis.page_size)
        self.panel.show_analysis(analysis.registration, analysis.hotspots)

    # --- slots ------------------------------------------------------------------------------

    @Slot(str)
    def _on_canvas_compare_mode_changed(self, mode: str) -> None:
        self._update()

    @Slot(str)
    def _on_canvas_control_showing_changed(self, showing: str) -> None:
        self._apply(self.controller.analysis())
        self._update()

    @Slot()
    def _on_controller_analysis_started(self) -> None:
        self._apply(None)
        self.panel.show_busy()

    @Slot(object)
    def _on_controller_analysed(self, analysis: ChangeAnalysis) -> None:
        self._apply(analysis)

    @Slot(str)
    def _on_controller_failed(self, text: str) -> None:
        self.panel.show_failure(text)
        self.message.emit(text)

    @Slot(bool)
    def _on_dock_visibility_changed(self, visible: bool) -> None:
        # The dock belongs to the two modes: a window state saved in one of them must not
        # bring it back, empty, at the next start.
        if visible and not self._shown_by_mode:
            self.dock.hide()

    @Slot(float)
    def _on_panel_opacity_changed(self, opacity: float) -> None:
        mode = self._mode()
        if mode is None:
            return
        self._opacity[mode] = opacity
        if mode is CompareMode.onion:
            self.onion.set_opacity(opacity)
        else:
            self.heat.set_opacity(opacity)
