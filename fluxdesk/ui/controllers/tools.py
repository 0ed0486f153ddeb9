"""The canvas editing tools as one flow: which tool is active, what is marked on the input page,
and the options bar that mirrors it.

Marks belong to the current input page: a new input clears them. Tools edit the input, so picking
one while a result is on screen shows the input again. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSizeF, Signal, Slot
from PySide6.QtGui import QUndoStack

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.imaging.prepare import target_size
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.core.regions.expand import EXPAND_MODEL, Sides
from fluxdesk.ui.canvas import CanvasView
from fluxdesk.ui.canvas.overlay import CanvasTool
from fluxdesk.ui.canvas.tools import (
    ExpandState,
    ExpandTool,
    LassoTool,
    MaskBrushTool,
    MaskHolder,
    MaskOverlay,
    MaskSnapshot,
    RectSelectTool,
    SelectionOverlay,
    SelectionState,
)
from fluxdesk.ui.canvas.tools.mask import Brush
from fluxdesk.ui.canvas.tools.palette import ToolId
from fluxdesk.ui.canvas.tools.toolbar import ToolsBar
from fluxdesk.ui.controllers.canvas import INPUT_KEY, CanvasController
from fluxdesk.ui.controllers.generation import GenerationController
from fluxdesk.ui.prompt_panel.edit_target import EditTarget


class ToolsController(QObject):
    target_changed = Signal(object)  # EditTarget | None
    mask_started = Signal()  # the first stroke on this page's mask
    expand_edited = Signal(object)  # Sides in sent px, after the artist moved an edge
    tool_changed = Signal(str)  # ToolId
    undo_stack_changed = Signal(object)  # the active tool's QUndoStack | None

    def __init__(
        self,
        canvas: CanvasView,
        bar: ToolsBar,
        generation: GenerationController,
        canvas_control: CanvasController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._canvas = canvas
        self._bar = bar
        self._canvas_control = canvas_control
        self.selection = SelectionState(self)
        self.mask = MaskHolder(self)
        self.expand = ExpandState(self)
        self.brush = MaskBrushTool(self.mask, self)
        self.tools: dict[ToolId, CanvasTool | None] = {
            ToolId.navigate: None,
            ToolId.rectangle: RectSelectTool(self.selection, self),
            ToolId.lasso: LassoTool(self.selection, self),
            ToolId.brush: self.brush,
            ToolId.expand: ExpandTool(self.expand, self),
        }
        self._on_results = {ToolId.navigate}
        self._undo_stacks: dict[ToolId, QUndoStack] = {}
        self._tool = ToolId.navigate
        self._page: tuple[int, int] | None = None
        self._mask_started = False
        self._following = False  # applying the prompt panel's numbers: not an artist's drag
        self._selection_overlay = SelectionOverlay(self.selection, self)
        self._mask_overlay = MaskOverlay(self.mask, self)
        canvas.add_overlay(self._selection_overlay)
        canvas.add_overlay(self._mask_overlay)

        bar.tool_requested.connect(self._on_bar_tool_requested)
        canvas.addAction(bar.deselect_action)
        bar.deselect_action.triggered.connect(self.deselect)
        bar.selection_options.margin_changed.connect(self._on_margin_changed)
        bar.selection_options.deselect_requested.connect(self.deselect)
        masks = bar.mask_options
        masks.brush_changed.connect(self._on_mask_options_brush_changed)
        masks.undo_requested.connect(self._on_mask_options_undo_requested)
        masks.redo_requested.connect(self._on_mask_options_redo_requested)
        masks.invert_requested.connect(self._on_mask_invert_requested)
        masks.clear_requested.connect(self._on_mask_clear_requested)
        masks.show_brush(self.brush.brush)
        self.brush.brush_changed.connect(self._on_brush_changed)
        bar.expand_options.sides_changed.connect(self._on_expand_options_sides_changed)
        bar.expand_options.reset_requested.connect(self._on_expand_reset_requested)

        self.selection.changed.connect(self._on_selection_changed)
        self.selection.committed.connect(self._on_selection_committed)
        self.mask.edited.connect(self._on_mask_edited)
        self.mask.layer_changed.connect(self._on_mask_layer_changed)
        self.expand.changed.connect(self._on_expand_changed)
        generation.input_changed.connect(self._on_generation_input_changed)
        canvas.image_shown.connect(self._on_canvas_image_shown)
        canvas_control.showing_changed.connect(self._on_canvas_control_showing_changed)

    # --- the active tool --------------------------------------------------------------------

    def current_tool(self) -> ToolId:
        return self._tool

    def add_tool(
        self,
        tool_id: ToolId,
        tool: CanvasTool,
        *,
        on_results: bool = False,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        """A tool of another feature; `on_results`: it also works over a result of the input
        page (panels are the page's geometry), so picking it keeps the result on screen;
        `undo_stack`: what Edit → Undo takes back while it is the active tool."""
        self.tools[tool_id] = tool
        if on_results:
            self._on_results.add(tool_id)
        if undo_stack is not None:
            self._undo_stacks[tool_id] = undo_stack

    def set_tool(self, tool: ToolId | str) -> None:
        tool = ToolId(tool)
        self._tool = tool
        self._bar.show_tool(tool)
        if tool not in self._on_results and self._canvas_control.showing() != INPUT_KEY:
            self._canvas_control.show_input()  # tools mark the input page
        self._canvas.set_tool(self.tools[tool])
        self._canvas.setFocus()
        self.tool_changed.emit(str(tool))
        self.undo_stack_changed.emit(self.undo_stack())

    def undo_stack(self) -> QUndoStack | None:
        """The active tool's own history: the panels', the page's mask, or none."""
        if self._tool is ToolId.brush:
            layer = self.mask.layer()
            return layer.undo_stack if layer is not None else None
        return self._undo_stacks.get(self._tool)

    # --- what is marked ---------------------------------------------------------------------

    def page_size(self) -> tuple[int, int] | None:
        return self._page

    def edit_target(self) -> EditTarget | None:
        if self._page is None:
            return None
        selection = self.selection.selection()
        if self.selection.page_size() != self._page:
            selection = None
        layer = self.mask.layer()
        mask_box = layer.bounds() if layer is not None and layer.page_size == self._page else None
        plan = self.expand.plan()
        return EditTarget(
            self._page,
            selection,
            mask_box,
            self.selection.margin_px,
            plan.send_size if plan is not None else None,
        )

    def mask_snapshot(self) -> MaskSnapshot | None:
        layer = self.mask.layer()
        return layer.snapshot() if layer is not None else None

    @Slot()
    def deselect(self) -> None:
        self.selection.clear()

    def follow_params(self, state: PromptState) -> None:
        """Expand's side fields in the prompt panel move the handles too."""
        if state.model != EXPAND_MODEL:
            return
        sent = Sides.from_params(state.params)
        if sent != self.expand.sent_sides():
            self._following = True
            try:
                self.expand.set_sent_sides(sent)
            finally:
                self._following = False

    def _set_tool_pages(self, page: QSizeF) -> None:
        for tool in self.tools.values():
            if isinstance(tool, RectSelectTool | LassoTool | MaskBrushTool):
                tool.set_page(page)

    def _emit_target(self) -> None:
        self.target_changed.emit(self.edit_target())

    # --- slots ------------------------------------------------------------------------------

    @Slot(str)
    def _on_bar_tool_requested(self, tool: str) -> None:
        self.set_tool(tool)

    @Slot(str)
    def _on_canvas_image_shown(self, key: str) -> None:
        if key != INPUT_KEY:
            return
        page = self._canvas.page_size()
        size = (round(page.width()), round(page.height()))
        if size == self._page or min(size) <= 0:
            return
        self._page = size
        self._set_tool_pages(page)
        spec = get_model(EXPAND_MODEL)
        self.expand.configure(size, target_size(*size, spec.max_input_pixels))
        self._emit_target()

    @Slot(object)
    def _on_generation_input_changed(self, source: object) -> None:
        self._page = None
        self._mask_started = False
        self._set_tool_pages(QSizeF())
        self.selection.clear()
        self.mask.reset()
        self.expand.forget()
        self._emit_target()

    @Slot(str)
    def _on_canvas_control_showing_changed(self, showing: str) -> None:
        on_result = showing != INPUT_KEY
        self._selection_overlay.set_quiet(on_result)
        self._mask_overlay.set_hidden(on_result)
        if on_result and self._tool not in self._on_results:
            self.set_tool(ToolId.navigate)  # tools mark the input; a result is for looking

    @Slot()
    def _on_selection_changed(self) -> None:
        shown = self.selection.shown()
        size = shown.bbox.clipped(self._page).size if shown and self._page else None
        self._bar.selection_options.show_selection(size, self.selection.margin_px)

    @Slot()
    def _on_selection_committed(self) -> None:
        self._emit_target()

    @Slot(int)
    def _on_margin_changed(self, margin_px: int) -> None:
        self.selection.set_margin(margin_px)
        self._mask_overlay.margin_px = margin_px

    @Slot()
    def _on_mask_edited(self) -> None:
        layer = self.mask.layer()
        painted = layer is not None and not layer.is_empty()
        stack = layer.undo_stack if layer is not None else None
        self._bar.mask_options.set_history(
            bool(stack and stack.canUndo()), bool(stack and stack.canRedo()), painted
        )
        started = painted and not self._mask_started
        self._mask_started = self._mask_started or painted
        self._emit_target()
        if started:
            self.mask_started.emit()

    @Slot(object)
    def _on_mask_options_brush_changed(self, brush: Brush) -> None:
        self.brush.set_brush(brush)

    @Slot(object)
    def _on_brush_changed(self, brush: Brush) -> None:
        self._bar.mask_options.show_brush(brush)

    @Slot()
    def _on_mask_options_undo_requested(self) -> None:
        if (layer := self.mask.layer()) is not None:
            layer.undo()

    @Slot()
    def _on_mask_options_redo_requested(self) -> None:
        if (layer := self.mask.layer()) is not None:
            layer.redo()

    @Slot()
    def _on_mask_layer_changed(self) -> None:
        if self._tool is ToolId.brush:
            self.undo_stack_changed.emit(self.undo_stack())

    @Slot()
    def _on_mask_invert_requested(self) -> None:
        if self._page is not None:
            self.mask.layer_for(self._page).invert()

    @Slot()
    def _on_mask_clear_requested(self) -> None:
        if (layer := self.mask.layer()) is not None:
            layer.clear()

    @Slot(object)
    def _on_expand_options_sides_changed(self, sides: Sides) -> None:
        self.expand.set_page_sides(sides)

    @Slot()
    def _on_expand_reset_requested(self) -> None:
        self.expand.reset()

    @Slot()
    def _on_expand_changed(self) -> None:
        self._bar.expand_options.show_plan(self.expand.plan(), self.expand.limits())
        self._emit_target()
        if not self._following and self.expand.plan() is not None:
            self.expand_edited.emit(self.expand.sent_sides())
