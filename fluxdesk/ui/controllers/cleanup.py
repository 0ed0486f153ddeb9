"""Scan clean-up: a live preview on the canvas, and the settings the input is staged with.

The preview works on a screen-sized proxy of the input (built once per input, off the GUI
thread) and is recomputed off-thread on every change, latest wins: while one preview runs,
only the newest settings wait. The canvas shows the cleaned proxy over the scan (so the
compare modes show before / after too). The full-resolution clean-up happens when the input
is staged, a moment after the artist stops changing settings.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PIL import Image
from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from fluxdesk.core.imaging.cleanup import CleanupSettings, clean_up, proxy
from fluxdesk.core.imaging.load import load_image
from fluxdesk.ui.canvas import CanvasView
from fluxdesk.ui.controllers.canvas import INPUT_KEY, CanvasController
from fluxdesk.ui.controllers.generation import GenerationController, InputSource
from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.qimage import pil_to_qimage
from fluxdesk.ui.workers import TaskResult, TaskRunner

STAGE_DELAY_MS = 600  # full-resolution staging waits until the sliders rest


@dataclass(frozen=True, slots=True)
class _Proxy:
    generation: int
    image: Image.Image  # the proxy, for the clean-up
    shown: QImage  # the same, for the canvas ("before")
    factor: float  # proxy size / input size


@dataclass(frozen=True, slots=True)
class Preview:
    generation: int
    settings: CleanupSettings
    image: QImage
    milliseconds: float


class CleanupController(QObject):
    preview_shown = Signal(object)  # Preview
    status_changed = Signal(str)

    def __init__(
        self,
        canvas: CanvasView,
        canvas_control: CanvasController,
        generation: GenerationController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._canvas = canvas
        self._canvas_control = canvas_control
        self._generation_control = generation
        self._tasks = TaskRunner(max_threads=1, parent=self)
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        self._generation = 0
        self._proxy: _Proxy | None = None
        self._proxy_pending = False
        self._settings: CleanupSettings | None = None
        self._running = False
        self._queued = False
        self._latest: Preview | None = None
        self._active = False
        self._after = True
        self._reference_for: tuple[int, str | None] | None = None
        self._stage_timer = QTimer(self)
        self._stage_timer.setSingleShot(True)
        self._stage_timer.setInterval(STAGE_DELAY_MS)
        self._stage_timer.timeout.connect(self._on_stage_timer_timeout)
        generation.input_changed.connect(self._on_generation_input_changed)
        canvas_control.showing_changed.connect(self._on_canvas_control_showing_changed)

    # --- from the panel -------------------------------------------------------------------------

    @Slot(bool)
    def set_active(self, active: bool) -> None:
        """The preview runs while the clean-up panel is visible."""
        if active == self._active:
            return
        self._active = active
        if active:
            self._update_preview()
        else:
            self._restore_canvas()

    @Slot(object)
    def set_settings(self, settings: CleanupSettings | None) -> None:
        self._settings = settings
        if settings is None:
            self._stage_timer.stop()
            self._generation_control.set_cleanup(None)
            self._restore_canvas()
            self.status_changed.emit(self.tr("Off: the scan is sent as it is."))
            return
        self._stage_timer.start()
        self._update_preview()

    @Slot(bool)
    def set_showing_after(self, after: bool) -> None:
        self._after = after
        self._show()

    def is_active(self) -> bool:
        return self._active

    def latest_preview(self) -> Preview | None:
        return self._latest

    def flush(self) -> None:
        """Stages now instead of after the pause (tests, and before quitting)."""
        if self._stage_timer.isActive():
            self._stage_timer.stop()
            self._on_stage_timer_timeout()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        self._stage_timer.stop()
        return self._tasks.shutdown(timeout_ms)

    # --- work -----------------------------------------------------------------------------------

    def _update_preview(self) -> None:
        if not self._active or self._settings is None:
            return
        source = self._generation_control.source()
        if source is None:
            self.status_changed.emit(self.tr("Open a scan to preview its clean-up."))
            return
        if self._proxy is None or self._proxy.generation != self._generation:
            if not self._proxy_pending:
                self._proxy_pending = True
                generation = self._generation
                self._tasks.run("proxy", lambda: self._make_proxy(source, generation))
            return
        if self._running:
            self._queued = True  # latest wins: only the newest settings run next
            return
        self._running = True
        proxy_, settings = self._proxy, self._settings
        self._tasks.run("preview", lambda: self._make_preview(proxy_, settings))

    @staticmethod
    def _make_proxy(source: InputSource, generation: int) -> _Proxy:
        image = source.image if source.image is not None else load_image(source.path)  # type: ignore[arg-type]
        small, factor = proxy(image)
        return _Proxy(generation, small, pil_to_qimage(small), factor)

    @staticmethod
    def _make_preview(proxy_: _Proxy, settings: CleanupSettings) -> Preview:
        start = time.perf_counter()
        cleaned = clean_up(proxy_.image, settings.scaled(proxy_.factor))
        milliseconds = (time.perf_counter() - start) * 1000
        return Preview(proxy_.generation, settings, pil_to_qimage(cleaned), milliseconds)

    def _show(self) -> None:
        """The cleaned proxy (or the scan, for Before) on the canvas, while it shows the input."""
        preview, proxy_ = self._latest, self._proxy
        if not self._active or self._settings is None or preview is None or proxy_ is None:
            return
        if self._canvas_control.showing() != INPUT_KEY:
            return
        if self._reference_for != (proxy_.generation, self._canvas.current_key()):
            self._canvas.set_compare_labels(self.tr("Scan"), self.tr("Cleaned"))
            self._canvas.set_reference(proxy_.shown)  # once per input: compare modes work
            self._reference_for = (proxy_.generation, self._canvas.current_key())
        self._canvas.show_image(preview.image if self._after else proxy_.shown, key=INPUT_KEY)

    def _restore_canvas(self) -> None:
        shown, self._latest = self._latest, None
        self._reference_for = None
        if shown is not None and self._canvas_control.showing() == INPUT_KEY:
            self._canvas.set_compare_labels(self.tr("Pencils"), self.tr("Result"))
            self._canvas_control.show_input()  # the full-resolution scan again

    # --- slots ----------------------------------------------------------------------------------

    @Slot(object)
    def _on_generation_input_changed(self, _source: object) -> None:
        self._generation += 1
        self._proxy = None
        self._latest = None
        self._update_preview()

    @Slot(str)
    def _on_canvas_control_showing_changed(self, key: str) -> None:
        self._reference_for = None  # whatever is shown now brought its own reference
        if key == INPUT_KEY:
            self._show()  # back to the input ("Show input"): the preview again

    @Slot()
    def _on_stage_timer_timeout(self) -> None:
        self._generation_control.set_cleanup(self._settings)

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if result.kind == "proxy":
            self._proxy_pending = False
            if result.ok and result.value.generation == self._generation:
                self._proxy = result.value
            elif not result.ok and result.error is not None:
                self.status_changed.emit(core_text(result.error.user_message))
                return
            self._update_preview()
            return
        self._running = False
        stale = False
        if result.ok:
            preview: Preview = result.value
            stale = preview.generation != self._generation or preview.settings != self._settings
            if not stale:
                self._latest = preview
                self._show()
                self.preview_shown.emit(preview)
                width, height = preview.image.width(), preview.image.height()
                self.status_changed.emit(
                    self.tr("Preview {w}×{h} in {ms:.0f} ms. The cleaned scan is sent.").format(
                        w=width, h=height, ms=preview.milliseconds
                    )
                )
        elif result.error is not None:
            self.status_changed.emit(core_text(result.error.user_message))
        if self._queued or stale:
            self._queued = False
            self._update_preview()
