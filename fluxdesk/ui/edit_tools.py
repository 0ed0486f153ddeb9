"""The canvas editing tools in the studio window: the tools bar, its controllers, and how they
talk to the prompt panel. The main window builds one of these and routes Generate through it.

What the panel hears: what is marked (so it can say "Editing the selected region" and price the
region); a first mask stroke picks FLUX Fill; dragging an edge picks FLUX Expand and fills in its
side fields (and those fields move the handles back). GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMainWindow

from fluxdesk.core.api.catalog import Family, get_model
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.core.regions.expand import EXPAND_MODEL, Sides
from fluxdesk.ui.canvas import CanvasView
from fluxdesk.ui.canvas.tools.toolbar import ToolsBar
from fluxdesk.ui.controllers.canvas import CanvasController
from fluxdesk.ui.controllers.generation import GenerationController
from fluxdesk.ui.controllers.region_edit import RegionEditController
from fluxdesk.ui.controllers.tools import ToolsController
from fluxdesk.ui.prompt_panel import PromptPanel
from fluxdesk.ui.prompt_panel.edit_target import EditTarget
from fluxdesk.ui.workers import JobRunner

FILL_MODEL = "flux-pro-1.0-fill"


class EditTools(QObject):
    message = Signal(str)

    def __init__(
        self,
        window: QMainWindow,
        canvas: CanvasView,
        panel: PromptPanel,
        generation: GenerationController,
        runner: JobRunner,
        canvas_control: CanvasController,
    ) -> None:
        super().__init__(window)
        self.bar = ToolsBar(window)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        self.tools = ToolsController(canvas, self.bar, generation, canvas_control, self)
        self.region_edit = RegionEditController(
            generation, self.tools, runner, generation.store, self
        )
        self.region_edit.message.connect(self._on_region_edit_message)
        self._panel = panel
        self.tools.target_changed.connect(self._on_tools_target_changed)
        self.tools.mask_started.connect(self._on_tools_mask_started)
        self.tools.expand_edited.connect(self._on_tools_expand_edited)
        panel.state_changed.connect(self._on_panel_state_changed)

    def generate(self, state: PromptState) -> None:
        self.region_edit.generate(state)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self.region_edit.shutdown(timeout_ms)

    @Slot(str)
    def _on_region_edit_message(self, text: str) -> None:
        self.message.emit(text)

    @Slot(object)
    def _on_tools_target_changed(self, target: EditTarget | None) -> None:
        self._panel.set_edit_target(target)

    @Slot()
    def _on_tools_mask_started(self) -> None:
        if get_model(self._panel.state().model).family is not Family.fill:
            self._panel.set_model(FILL_MODEL)

    @Slot(object)
    def _on_tools_expand_edited(self, sent: Sides) -> None:
        if self._panel.state().model != EXPAND_MODEL:
            if not sent.any:
                return
            self._panel.set_model(EXPAND_MODEL)
        self._panel.set_params(sent.as_params())

    @Slot(object)
    def _on_panel_state_changed(self, state: PromptState) -> None:
        self.tools.follow_params(state)
