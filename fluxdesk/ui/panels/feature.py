"""Panels in the studio window: the Panels tool and its options bar, the panel overlay, the
Panels menu with its shortcuts, and the two controllers (the page's panels, runs on panels).
MainWindow only constructs this; everything is wired here. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from fluxdesk.core.errors import InputError
from fluxdesk.core.panels import ReadingDirection, merge_panels
from fluxdesk.ui.canvas import CanvasView
from fluxdesk.ui.canvas.tools.palette import ToolId
from fluxdesk.ui.controllers.canvas import CanvasController
from fluxdesk.ui.controllers.panel_runs import PanelRunController
from fluxdesk.ui.controllers.panels import PanelsController
from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.panels.options import PanelOptions
from fluxdesk.ui.panels.overlay import PanelsOverlay
from fluxdesk.ui.panels.tool import PanelMode, PanelsTool
from fluxdesk.ui.prompt_panel import PromptPanel

if TYPE_CHECKING:  # the window imports this module
    from fluxdesk.ui.edit_tools import EditTools
    from fluxdesk.ui.main_window import Parts

_DIRECTIONS = {
    ReadingDirection.right_to_left: QT_TRANSLATE_NOOP("PanelsFeature", "Right to Left (Manga)"),
    ReadingDirection.left_to_right: QT_TRANSLATE_NOOP("PanelsFeature", "Left to Right (Comics)"),
}


class PanelsFeature(QObject):
    message = Signal(str)

    def __init__(
        self,
        window: QMainWindow,
        canvas: CanvasView,
        canvas_control: CanvasController,
        edit_tools: EditTools,
        prompt_panel: PromptPanel,
        parts: Parts,
    ) -> None:
        super().__init__(window)  # no reference to the window itself (see FinishExport)
        generation = parts.generation
        self.controller = PanelsController(canvas, generation, generation.store, self)
        self.runs = PanelRunController(
            self.controller, generation, parts.runner, parts.history_model, canvas_control, self
        )
        self.state = self.controller.state
        self.tool = PanelsTool(self.state, self)
        self.overlay = PanelsOverlay(self.state, self)
        canvas.add_overlay(self.overlay)
        self.options = PanelOptions()
        self._tools = edit_tools.tools
        edit_tools.bar.add_options(ToolId.panels, self.options)
        self._tools.add_tool(
            ToolId.panels, self.tool, on_results=True, undo_stack=self.state.undo_stack
        )
        self._prompt_panel = prompt_panel
        self._build_actions(window, edit_tools.bar.tool_actions[ToolId.panels])
        self._wire()

    def _build_actions(self, window: QMainWindow, tool_action: QAction) -> None:
        def action(text: str, shortcut: str | None = None) -> QAction:
            made = QAction(text, window)
            if shortcut:
                made.setShortcut(QKeySequence(shortcut))
            window.addAction(made)
            return made

        self.detect_action = action(self.tr("&Detect Panels"), "Ctrl+Shift+D")
        self.merge_action = action(self.tr("&Merge Selected Panels"), "Ctrl+G")
        self.delete_action = action(self.tr("De&lete Selected Panels"))
        self.run_all_action = action(self.tr("&Run on All Panels"), "Ctrl+Shift+Return")
        self.run_selected_action = action(self.tr("R&edo Selected Panels"), "Ctrl+Shift+R")
        self.direction_group = QActionGroup(window)
        self.direction_actions: dict[ReadingDirection, QAction] = {}
        for direction, text in _DIRECTIONS.items():
            made = action(self.tr(text))
            made.setCheckable(True)
            made.setData(str(direction))
            self.direction_group.addAction(made)
            self.direction_actions[direction] = made
        self.direction_actions[self.state.direction()].setChecked(True)

        menu = QMenu(self.tr("&Panels"), window)
        menu.setObjectName("panelsMenu")
        menu.addAction(tool_action)
        menu.addAction(self.detect_action)
        menu.addSeparator()
        menu.addAction(self.merge_action)
        menu.addAction(self.delete_action)
        order = menu.addMenu(self.tr("Reading &Order"))
        for made in self.direction_actions.values():
            order.addAction(made)
        menu.addSeparator()
        menu.addAction(self.run_all_action)
        menu.addAction(self.run_selected_action)
        menus = window.menuBar().actions()
        window.menuBar().insertMenu(menus[-1] if menus else None, menu)  # before Help
        self.menu = menu

    def _wire(self) -> None:
        controller, options, state = self.controller, self.options, self.state
        self.detect_action.triggered.connect(self.detect)
        self.merge_action.triggered.connect(self.merge_selected)
        self.delete_action.triggered.connect(self.tool.delete_selected)
        self.run_all_action.triggered.connect(self.run_all)
        self.run_selected_action.triggered.connect(self.run_selected)
        self.direction_group.triggered.connect(self._on_direction_triggered)
        options.detect_requested.connect(self.detect)
        options.mode_changed.connect(self._on_options_mode_changed)
        options.merge_requested.connect(self.merge_selected)
        options.delete_requested.connect(self.tool.delete_selected)
        options.direction_changed.connect(self._on_options_direction_changed)
        options.run_all_requested.connect(self.run_all)
        options.run_selected_requested.connect(self.run_selected)
        state.changed.connect(self._on_state_changed)
        controller.detecting_changed.connect(self._on_controller_detecting_changed)
        self._tools.tool_changed.connect(self._on_tools_tool_changed)
        for source in (controller, self.runs, self.tool):
            source.message.connect(self.message)

    # --- what the menu and the options bar do ----------------------------------------------

    @Slot()
    def detect(self) -> None:
        """Finds the panels, with the Panels tool picked so they are seen and can be fixed."""
        if self._tools.current_tool() is not ToolId.panels:
            self.show_tool()
        self.controller.detect()

    @Slot()
    def merge_selected(self) -> None:
        try:
            merged = merge_panels(self.state.panels(), self.state.selected_ids())
        except InputError as error:
            self.message.emit(core_text(error.user_message))
            return
        self.state.apply(merged, self.tr("Merge panels"))
        self.state.select([max(panel.id for panel in merged)])

    @Slot()
    def run_all(self) -> None:
        self._run(selected_only=False)

    @Slot()
    def run_selected(self) -> None:
        self._run(selected_only=True)

    def _run(self, *, selected_only: bool) -> None:
        check = self._prompt_panel.check()
        if check.problems:
            self.message.emit(check.problems[0].message)
            return
        self.runs.run(self._prompt_panel.state(), selected_only=selected_only)

    def show_tool(self) -> None:
        self._tools.set_tool(ToolId.panels)

    def set_mode(self, mode: PanelMode) -> None:
        self.tool.set_mode(mode)
        self.options.show_mode(mode)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        done = self.controller.shutdown(timeout_ms)
        return self.runs.shutdown(timeout_ms) and done

    # --- slots ------------------------------------------------------------------------------

    @Slot(str)
    def _on_options_mode_changed(self, mode: str) -> None:
        self.tool.set_mode(mode)

    @Slot(str)
    def _on_options_direction_changed(self, direction: str) -> None:
        self.state.set_direction(ReadingDirection(direction))

    @Slot(QAction)
    def _on_direction_triggered(self, action: QAction) -> None:
        self.state.set_direction(ReadingDirection(action.data()))

    @Slot(str)
    def _on_tools_tool_changed(self, tool: str) -> None:
        self._refresh_overlay()
        if tool != ToolId.panels:
            self.tool.set_mode(PanelMode.edit)
            self.options.show_mode(PanelMode.edit)

    @Slot(bool)
    def _on_controller_detecting_changed(self, detecting: bool) -> None:
        self._on_state_changed()

    @Slot()
    def _on_state_changed(self) -> None:
        state = self.state
        selected = len(state.selected_ids())
        self.options.show_state(
            len(state.panels()),
            selected,
            state.direction(),
            detecting=self.controller.is_detecting(),
        )
        self.direction_actions[state.direction()].setChecked(True)
        self.merge_action.setEnabled(selected >= 2)
        self.delete_action.setEnabled(selected >= 1)
        self._refresh_overlay()

    def _refresh_overlay(self) -> None:
        editing = self._tools.current_tool() is ToolId.panels
        running = any(self.state.status(panel.id) for panel in self.state.panels())
        self.overlay.set_visible(editing or running, handles=editing)
