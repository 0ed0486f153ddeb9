"""Generate, when the canvas tools have marked something: a region edit, a Fill or an Expand.

The marks and the model decide (``core.regions.page_edit.kind_for`` / ``edit_area``): Kontext
and FLUX.2 edit the selection (or the masked area), Fill repaints the mask (or the selection),
Expand grows the page. Anything else is an ordinary run, handed to the generation controller.

Off the GUI thread: the full-resolution page is decoded (kept for the next run on the same
input), the region cropped and staged, references staged. Then one job per variation runs; each
result is placed back on the page at full resolution before the history hears of it. GUI thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, Signal, Slot

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.api.models import InputImage
from fluxdesk.core.errors import InputError
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.imaging.load import load_image
from fluxdesk.core.inputs import store_input
from fluxdesk.core.jobs import JobState, JobUpdate
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.core.regions import Polygon, Rect
from fluxdesk.core.regions.page_edit import (
    EditKind,
    PageEdit,
    RegionSettings,
    edit_area,
    kind_for,
    region_params,
    stage_expand,
    stage_region,
    store_page,
)
from fluxdesk.ui.canvas.tools import MaskSnapshot, snapshot_to_raster
from fluxdesk.ui.controllers.generation import GenerationController, InputSource
from fluxdesk.ui.controllers.tools import ToolsController
from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.workers import JobRunner, TaskResult, TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Request:
    """One Generate press, as the worker needs it (no Qt objects)."""

    state: PromptState
    kind: EditKind
    source: InputSource
    page_size: tuple[int, int]  # of the page the marks were made on
    cached_page: Image.Image | None
    selection: Rect | Polygon | None
    mask: MaskSnapshot | None
    settings: RegionSettings


@dataclass(frozen=True, slots=True)
class _Staged:
    request: _Request
    state: PromptState  # what is sent (a region keeps its own shape)
    edit: PageEdit
    references: tuple[InputImage, ...]


class RegionEditController(QObject):
    message = Signal(str)

    def __init__(
        self,
        generation: GenerationController,
        tools: ToolsController,
        runner: JobRunner,
        store: HistoryStore,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._generation = generation
        self._tools = tools
        self._store = store
        self._tasks = TaskRunner(max_threads=1, parent=self)
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        runner.job_finished.connect(self._on_runner_job_finished)
        generation.input_changed.connect(self._on_generation_input_changed)
        self._page: tuple[InputSource, Image.Image] | None = None  # the decoded input page

    @Slot(object)
    def generate(self, state: PromptState) -> None:
        """Generate with the marks on the canvas, or as usual when there are none."""
        if state.provider != "bfl":  # page edits are built on BFL's edit models and sizes
            self._generation.generate(state)
            return
        request = self._request(state)
        if request is None:
            if get_model(state.model).takes_mask:  # Fill without a mask would repaint nothing
                self.message.emit(self.tr("Paint a mask first (B), or select a region (M)."))
                return
            self._generation.generate(state)
            return
        self.message.emit(self.tr("Preparing the page…"))
        self._tasks.run("stage", lambda: self._stage(request))

    def _request(self, state: PromptState) -> _Request | None:
        spec = get_model(state.model)
        kind = kind_for(spec)
        target = self._tools.edit_target()
        source = self._generation.source()
        if kind is None or target is None or source is None:
            return None
        selection, mask = None, None
        if kind is not EditKind.expand:
            area = edit_area(kind, target.selection, target.mask_box)
            if area is None:
                return None  # a whole-page edit
            if area is target.mask_box:
                mask = self._tools.mask_snapshot()
            else:
                selection = target.selection
        cached = self._page[1] if self._page is not None and self._page[0] is source else None
        settings = RegionSettings(margin_px=target.margin_px)
        return _Request(state, kind, source, target.page_size, cached, selection, mask, settings)

    def _stage(self, request: _Request) -> _Staged:
        """Worker thread: decode the page, crop and store what is sent."""
        source, state = request.source, request.state
        page = request.cached_page
        if page is None:
            page = source.image if source.image is not None else load_image(Path(source.path))  # type: ignore[arg-type]
        if page.size != request.page_size:
            raise InputError(
                self.tr(
                    "The marks were made on a page of another size; open the page again and "
                    "redo them."
                )
            )
        page_path = source.path or store_page(self._store, page)
        spec = get_model(state.model)
        if request.kind is EditKind.expand:
            edit = stage_expand(self._store, spec, page, page_path, state.params)
            sent = state
        else:
            area = request.selection or snapshot_to_raster(request.mask)  # type: ignore[arg-type]
            edit = stage_region(self._store, spec, page, page_path, area, request.settings)
            sent = replace(state, params=region_params(state.params))
        references = tuple(
            store_input(self._store, spec, load_image(path), slot)
            for slot, path in zip(spec.reference_slots, state.references, strict=False)
        )
        return _Staged(request, sent, edit, references)

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if not result.ok:
            self.message.emit(core_text(result.error.user_message) if result.error else "")
            return
        staged: _Staged = result.value
        source = staged.request.source
        if source is not self._generation.source():
            return  # the artist opened another page meanwhile
        self._page = (source, staged.edit.page)
        self._generation.submit(staged.state, staged.edit.inputs + staged.references, staged.edit)

    @Slot(object)
    def _on_runner_job_finished(self, update: JobUpdate) -> None:
        # A page edit that could not be placed still succeeds with the raw result: say why.
        if update.state is JobState.succeeded and update.error is not None:
            self.message.emit(core_text(update.error.user_message))

    @Slot(object)
    def _on_generation_input_changed(self, source: object) -> None:
        self._page = None  # a decoded 50 MP page is worth keeping only for its own input

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self._tasks.shutdown(timeout_ms)
