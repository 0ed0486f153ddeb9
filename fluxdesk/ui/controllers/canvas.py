"""What the canvas shows: the input pencils, or a result registered over its pencils."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId, JobState
from fluxdesk.ui.canvas import CanvasView
from fluxdesk.ui.controllers.generation import GenerationController, InputSource
from fluxdesk.ui.history_model import HistoryModel
from fluxdesk.ui.qimage import qimage_to_pil

INPUT_KEY = "input"


class CanvasController(QObject):
    message = Signal(str)
    showing_changed = Signal(str)  # "input" or a job id

    def __init__(
        self,
        canvas: CanvasView,
        history: HistoryModel,
        generation: GenerationController,
        store: HistoryStore,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._canvas = canvas
        self._history = history
        self._generation = generation
        self._store = store
        self._showing = ""
        self._pair: tuple[Path, Path] | None = None  # (pencils, result) on screen
        canvas.files_dropped.connect(self.open_paths)
        canvas.load_failed.connect(self._on_canvas_load_failed)

    def showing(self) -> str:
        return self._showing

    def shown_pair(self) -> tuple[Path, Path] | None:
        """The pencils and the result on screen, when a result is shown over its pencils."""
        return self._pair

    def _set_showing(self, key: str, pair: tuple[Path, Path] | None = None) -> None:
        self._showing = key
        self._pair = pair
        self.showing_changed.emit(key)

    @Slot(list)
    def open_paths(self, paths: list[Path]) -> None:
        if not paths:
            self.message.emit(self.tr("No images there: drop PNG, JPEG, TIFF or WebP files."))
            return
        first = Path(paths[0])
        self._canvas.set_reference(None)
        self._canvas.show_path(first, key=INPUT_KEY)
        self._generation.set_input(InputSource(path=first))
        self._set_showing(INPUT_KEY)
        if len(paths) > 1:
            self.message.emit(
                self.tr("Opened {name}, the first of {count} pages.").format(
                    name=first.name, count=len(paths)
                )
            )

    def paste(self, image: QImage) -> None:
        if image.isNull():
            self.message.emit(self.tr("The clipboard holds no image."))
            return
        self._canvas.set_reference(None)
        self._canvas.show_image(image, key=INPUT_KEY)
        self._generation.set_input(InputSource(image=qimage_to_pil(image)))
        self._set_showing(INPUT_KEY)

    @Slot()
    def show_input(self) -> None:
        source = self._generation.source()
        if source is None:
            return
        self._canvas.set_reference(None)
        if source.path is not None:
            self._canvas.show_path(source.path, key=INPUT_KEY)
        self._set_showing(INPUT_KEY)

    def pencils_of(self, job_id: JobId) -> Path | None:
        """The full-resolution original when the job used the current input, else the copy
        that was sent (kept in the history)."""
        row = self._history.row_for(job_id)
        if row is not None and row.edit_kind is not None:
            # A page edit's result is the whole page: compare it with that page (a grown page
            # has no same-sized pencils).
            page = row.page_path if row.edit_kind != "expand" else None
            return page if page is not None and page.exists() else None
        if row is None or not row.request.inputs:
            return None
        sent = row.request.inputs[0]
        staged = self._generation.staged_input()
        source = self._generation.source()
        if staged is not None and staged.sha256 == sent.sha256 and source and source.path:
            return source.path
        # Inputs are stored as PNG under their hash: no database query needed here.
        path = self._store.image_path(sent.sha256, "png")
        return path if path.exists() else None

    @Slot(object)
    def show_job(self, job_id: JobId) -> None:
        row = self._history.row_for(job_id)
        if row is None or row.state is not JobState.succeeded or row.result_path is None:
            return
        self.show_result(job_id, row.result_path, self.pencils_of(job_id))

    def show_result(self, job_id: JobId, result: Path, pencils: Path | None) -> None:
        """A result over the pencils it is compared with (none: shown on its own)."""
        if pencils is not None:
            self._canvas.set_reference_path(pencils)
        else:
            self._canvas.set_reference(None)
        self._canvas.show_path(result, key=str(job_id))
        self._set_showing(str(job_id), (pencils, result) if pencils else None)

    @Slot(object)
    def use_as_input(self, job_id: JobId) -> None:
        row = self._history.row_for(job_id)
        if row is None or row.result_path is None:
            return
        self.use_result_as_input(job_id, row.result_path)

    def use_result_as_input(self, job_id: JobId, result: Path) -> None:
        self._canvas.set_reference(None)
        self._canvas.show_path(result, key=INPUT_KEY)
        self._generation.set_input(InputSource(path=result, parent_id=job_id))
        self._set_showing(INPUT_KEY)
        self.message.emit(self.tr("The result is now the input: the next jobs continue from it."))

    @Slot(str)
    def _on_canvas_load_failed(self, message: str) -> None:
        self.message.emit(message)
