"""Prompt state -> staged inputs -> one job per variation -> runner -> history model.

GUI thread only. Staging inputs (decode, downscale, store by hash) runs on a worker; the jobs
themselves run on the JobRunner's pool and are recorded in the history before anything is sent.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, Signal, Slot

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.api.models import InputImage
from fluxdesk.core.api.pricing import estimate_credits
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.imaging.load import load_image
from fluxdesk.core.inputs import store_input
from fluxdesk.core.jobs import JobId, JobPlan, JobState, JobUpdate
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.core.regions.page_edit import PageEdit
from fluxdesk.core.regions.page_edit_jobs import PageEditJob
from fluxdesk.ui.controllers.account import AccountController
from fluxdesk.ui.history_model import HistoryModel, JobRow
from fluxdesk.ui.workers import JobRunner, TaskResult, TaskRunner

log = logging.getLogger(__name__)

# Every model takes inputs up to 4 MP, so one staged copy serves them all.
_STAGING_MODEL = "flux-kontext-pro"


@dataclass(frozen=True, slots=True)
class InputSource:
    """The current input: a file, or a pasted image, and the job it came from (lineage)."""

    path: Path | None = None
    image: Image.Image | None = None
    parent_id: JobId | None = None

    @property
    def label(self) -> str:
        return self.path.name if self.path else "pasted image"


@dataclass(frozen=True, slots=True)
class _Staged:
    generation: int  # which input this staging was for
    inputs: tuple[InputImage, ...]


class GenerationController(QObject):
    input_changed = Signal(object)  # InputSource | None
    input_staged = Signal(object)  # InputImage | None (the main input as sent)
    jobs_started = Signal(list)  # list[JobId]
    message = Signal(str)

    def __init__(
        self,
        runner: JobRunner,
        store: HistoryStore,
        account: AccountController,
        history: HistoryModel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._store = store
        self._account = account
        self._history = history
        self._tasks = TaskRunner(max_threads=1, parent=self)
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        runner.job_updated.connect(history.apply_update)
        runner.job_finished.connect(self._on_runner_job_finished)

        self._source: InputSource | None = None
        self._generation = 0  # bumps with every new input: stale staging results are dropped
        self._staged: InputImage | None = None
        self._waiting: list[PromptState] = []  # Generate pressed before the input was ready
        self._settings_from: JobId | None = None

    @property
    def store(self) -> HistoryStore:
        return self._store

    # --- input ------------------------------------------------------------------------------

    def source(self) -> InputSource | None:
        return self._source

    def staged_input(self) -> InputImage | None:
        return self._staged

    def set_input(self, source: InputSource | None) -> None:
        self._source = source
        self._generation += 1
        self._staged = None
        self.input_changed.emit(source)
        if source is None:
            self.input_staged.emit(None)
            return
        generation = self._generation
        self._tasks.run("stage", lambda: self._stage_main(source, generation))

    def clear_input(self) -> None:
        self.set_input(None)

    def _stage_main(self, source: InputSource, generation: int) -> _Staged:
        image = source.image if source.image is not None else load_image(source.path)  # type: ignore[arg-type]
        spec = get_model(_STAGING_MODEL)
        return _Staged(generation, (store_input(self._store, spec, image, "input_image"),))

    def _stage_references(self, paths: tuple[Path, ...], model: str) -> tuple[InputImage, ...]:
        spec = get_model(model)
        return tuple(
            store_input(self._store, spec, load_image(path), slot)
            for slot, path in zip(spec.reference_slots, paths, strict=False)
        )

    # --- generating -------------------------------------------------------------------------

    def note_settings_reused(self, job_id: JobId | None) -> None:
        """The next jobs record that their settings came from `job_id` (lineage)."""
        self._settings_from = job_id

    @Slot(object)
    def generate(self, state: PromptState) -> None:
        spec = get_model(state.model)
        if spec.takes_images and self._source is not None and self._staged is None:
            self._waiting.append(state)
            self.message.emit(self.tr("Preparing the input image…"))
            return
        main = self._main_input(spec.image_slots[0] if spec.image_slots else None)
        if state.references:
            self._tasks.run(
                "references",
                lambda: (state, main, self._stage_references(state.references, state.model)),
            )
        else:
            self.submit(state, main)

    def _main_input(self, slot: str | None) -> tuple[InputImage, ...]:
        if slot is None or self._staged is None:
            return ()
        staged = self._staged
        return (InputImage(slot, staged.sha256, staged.width, staged.height),)

    def submit(
        self, state: PromptState, inputs: tuple[InputImage, ...], edit: PageEdit | None = None
    ) -> None:
        """One job per variation with these staged inputs; with `edit`, each result is placed
        back on the full-resolution page (see ``core.regions.page_edit_jobs``)."""
        connection = self._account.connection()
        if connection is None:
            self.message.emit(self.tr("Still connecting to the API; try again in a moment."))
            return
        spec = get_model(state.model)
        parent = self._source.parent_id if self._source else None
        started: list[JobId] = []
        for request in state.requests(inputs):
            job_id = JobId(uuid.uuid4().hex)
            price = estimate_credits(spec, request)
            plan = JobPlan(request, connection.api, "gui", price, parent, self._settings_from)
            row = JobRow.pending(job_id, request, price, parent)
            if edit is not None:
                row = row.placed_on(str(edit.placement.kind), edit.page_path)
            self._history.add_row(row)
            self._runner.submit(job_id, plan if edit is None else PageEditJob(plan, edit))
            started.append(job_id)
        self.jobs_started.emit(started)

    @Slot(object)
    def cancel(self, job_id: JobId) -> None:
        self._runner.cancel(job_id)

    @Slot()
    def cancel_all(self) -> None:
        self._runner.cancel_all()

    # --- results ----------------------------------------------------------------------------

    @Slot(object)
    def _on_runner_job_finished(self, update: JobUpdate) -> None:
        if update.state is JobState.failed and update.error is not None:
            self.message.emit(update.error.user_message)
        if update.state is JobState.succeeded or update.cost:
            self._account.schedule_balance_refresh()

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if result.kind == "stage":
            self._on_staged(result)
        elif result.kind == "references":
            if not result.ok:
                self.message.emit(result.error.user_message if result.error else "")
                return
            state, main, references = result.value
            self.submit(state, main + references)

    def _on_staged(self, result: TaskResult) -> None:
        if not result.ok:
            waiting, self._waiting = self._waiting, []
            message = result.error.user_message if result.error else ""
            self.message.emit(message)
            if waiting:
                log.info("dropped %d generate request(s): the input failed", len(waiting))
            return
        staged: _Staged = result.value
        if staged.generation != self._generation:
            return  # an older input finished staging after a newer one was chosen
        self._staged = staged.inputs[0]
        self.input_staged.emit(self._staged)
        waiting, self._waiting = self._waiting, []
        for state in waiting:
            self.generate(state)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self._tasks.shutdown(timeout_ms)
