"""The panels of the input page: found off the GUI thread, edited in the panel state, and kept
with the page in the history, so reopening it (from anywhere) brings them back.

When the input changes, the page is fingerprinted and its kept panels loaded; a result used
as the next input (a composed page) inherits the panels of the page it was made on. Detection
decodes the full-resolution page once and keeps it for the panel runs of the same input.
Every edit is saved (serially, on one worker). GUI thread only.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, Signal, Slot

from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.imaging.load import load_image
from fluxdesk.core.panels import Panel, ReadingDirection, detect_panels
from fluxdesk.core.panels.layouts import PageLayout, load_layout, page_fingerprint, save_layout
from fluxdesk.ui.canvas import CanvasView
from fluxdesk.ui.controllers.canvas import INPUT_KEY
from fluxdesk.ui.controllers.generation import GenerationController, InputSource
from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.panels.state import PanelsState
from fluxdesk.ui.text import count_text
from fluxdesk.ui.workers import TaskResult, TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Loaded:
    source: InputSource
    key: str
    layout: PageLayout | None


@dataclass(frozen=True, slots=True)
class _Detected:
    source: InputSource
    key: str
    page: Image.Image
    panels: list[Panel]
    seconds: float


def decode_page(source: InputSource) -> Image.Image:
    """The input page at full resolution. Blocking; worker thread."""
    return source.image if source.image is not None else load_image(Path(source.path))  # type: ignore[arg-type]


def fingerprint(source: InputSource) -> str:
    return page_fingerprint(source.path, None if source.path else source.image)


class PanelsController(QObject):
    message = Signal(str)
    detecting_changed = Signal(bool)
    detected = Signal(float)  # seconds the detection took

    def __init__(
        self,
        canvas: CanvasView,
        generation: GenerationController,
        store: HistoryStore,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = PanelsState(self)
        self._canvas = canvas
        self._generation = generation
        self._store = store
        self._tasks = TaskRunner(max_threads=1, parent=self)  # one at a time: saves in order
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        self._source: InputSource | None = None
        self._key: str | None = None
        self._page: Image.Image | None = None  # the decoded input page, once needed
        self._detecting = False
        generation.input_changed.connect(self._on_generation_input_changed)
        canvas.image_shown.connect(self._on_canvas_image_shown)
        self.state.edited.connect(self._on_state_edited)

    # --- what other parts ask ---------------------------------------------------------------

    def source(self) -> InputSource | None:
        return self._source

    def page_key(self) -> str | None:
        return self._key

    def cached_page(self, source: InputSource | None) -> Image.Image | None:
        """The decoded page of `source` if it is the current input and was decoded already."""
        return self._page if source is not None and source is self._source else None

    def keep_page(self, source: InputSource, page: Image.Image) -> None:
        if source is self._source:
            self._page = page

    def is_detecting(self) -> bool:
        return self._detecting

    # --- detection --------------------------------------------------------------------------

    @Slot()
    def detect(self) -> None:
        source = self._source
        if source is None:
            self.message.emit(self.tr("Open a page first: its panels are found on the pencils."))
            return
        if self._detecting:
            return
        self._set_detecting(True)
        self.message.emit(self.tr("Finding the panels…"))
        cached, key, direction = self._page, self._key, self.state.direction()
        self._tasks.run("detect", lambda: self._detect(source, cached, key, direction))

    def _detect(
        self,
        source: InputSource,
        cached: Image.Image | None,
        key: str | None,
        direction: ReadingDirection,
    ) -> _Detected:
        """Worker thread."""
        page = cached if cached is not None else decode_page(source)
        started = time.perf_counter()
        panels = detect_panels(page, direction)
        seconds = time.perf_counter() - started
        return _Detected(source, key or fingerprint(source), page, panels, seconds)

    def _set_detecting(self, detecting: bool) -> None:
        self._detecting = detecting
        self.detecting_changed.emit(detecting)

    # --- slots ------------------------------------------------------------------------------

    @Slot(object)
    def _on_generation_input_changed(self, source: object) -> None:
        self._source = source if isinstance(source, InputSource) else None
        self._key = None
        self._page = None
        self.state.reset(None)
        if self._source is not None:
            current = self._source
            self._tasks.run("load", lambda: self._load(current))

    def _load(self, source: InputSource) -> _Loaded:
        """Worker thread: the page's fingerprint and kept panels (or those of the page a
        composed input was made on)."""
        key = fingerprint(source)
        layout = load_layout(self._store, key)
        if layout is None and source.parent_id is not None:
            record = self._store.get_job(source.parent_id)
            page_path = record.page_path if record is not None else None
            if record is not None and record.edit_kind and page_path and page_path.exists():
                inherited = load_layout(self._store, page_fingerprint(page_path))
                if inherited is not None:
                    layout = PageLayout(
                        key, inherited.page_size, inherited.direction, inherited.panels
                    )
                    save_layout(self._store, layout)
        return _Loaded(source, key, layout)

    @Slot(str)
    def _on_canvas_image_shown(self, key: str) -> None:
        if key != INPUT_KEY or self._source is None:
            return
        page = self._canvas.page_size()
        size = (round(page.width()), round(page.height()))
        if min(size) > 0:
            self.state.set_page_size(size)

    @Slot()
    def _on_state_edited(self) -> None:
        source, size = self._source, self.state.page_size()
        if source is None or size is None:
            return
        panels, direction, key = self.state.panels(), self.state.direction(), self._key

        def save() -> None:
            save_layout(
                self._store, PageLayout(key or fingerprint(source), size, direction, panels)
            )

        self._tasks.run("save", save)

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if result.kind == "detect":
            self._set_detecting(False)
        if not result.ok:
            if result.error is not None:
                self.message.emit(core_text(result.error.user_message))
            return
        if result.kind == "load":
            self._on_loaded(result.value)
        elif result.kind == "detect":
            self._on_detected(result.value)

    def _on_loaded(self, loaded: _Loaded) -> None:
        if loaded.source is not self._source:
            return
        self._key = loaded.key
        layout = loaded.layout
        state = self.state
        if layout is None or state.panels() or state.undo_stack.count():
            return  # nothing kept, or the artist already made panels of their own
        if state.page_size() not in (None, layout.page_size):
            log.warning(
                "kept panels are for a %s page; this one is %s", layout.page_size, state.page_size()
            )
            return
        state.reset(layout.page_size, layout.panels, layout.direction)

    def _on_detected(self, found: _Detected) -> None:
        if found.source is not self._source:
            return
        self._key = found.key
        self._page = found.page
        state = self.state
        if state.page_size() != found.page.size:
            state.set_page_size(found.page.size)
        state.apply(found.panels, self.tr("Detect panels"))
        state.select(())
        self.detected.emit(found.seconds)
        if found.panels:
            count = count_text(len(found.panels), self.tr("1 panel"), self.tr("{n} panels"))
            self.message.emit(
                self.tr("Found {count} in {s:.2f} s. Fix them with the Panels tool (P).").format(
                    count=count, s=found.seconds
                )
            )
        else:
            self.message.emit(
                self.tr("No panels found on this page. Draw them with the Panels tool (P).")
            )

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self._tasks.shutdown(timeout_ms)
