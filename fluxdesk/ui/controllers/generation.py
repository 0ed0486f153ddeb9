"""Prompt state -> staged inputs -> one job per variation -> runner -> history model.

GUI thread only. Staging inputs (decode, optional scan clean-up, downscale, store by hash) runs
on a worker; the jobs themselves run on the JobRunner's pool and are recorded in the history
before anything is sent. An optional approver (the budget guard) may stop a run before that.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, Signal, Slot

from fluxdesk.core.api.catalog import Family, ModelSpec, get_model
from fluxdesk.core.api.models import GenerationRequest, InputImage
from fluxdesk.core.errors import InputError
from fluxdesk.core.history.records import PanelTag
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.imaging.cleanup import CleanupSettings, clean_up
from fluxdesk.core.imaging.load import load_image
from fluxdesk.core.inputs import store_input
from fluxdesk.core.jobs import JobId, JobPlan, JobState, JobUpdate
from fluxdesk.core.panels.runs import PanelJob
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.core.providers.base import Provider
from fluxdesk.core.providers.bfl import BflProvider
from fluxdesk.core.regions.page_edit import PageEdit
from fluxdesk.core.regions.page_edit_jobs import PageEditJob
from fluxdesk.ui.controllers.account import AccountController
from fluxdesk.ui.controllers.providers import ProvidersController
from fluxdesk.ui.history_model import HistoryModel, JobRow
from fluxdesk.ui.i18n import core_text, translate
from fluxdesk.ui.workers import JobRunner, TaskResult, TaskRunner

log = logging.getLogger(__name__)

# Every model takes inputs up to 4 MP, so one staged copy serves them all.
_STAGING_MODEL = "flux-kontext-pro"

# (estimated credits of the whole run, number of jobs) -> send it? Called on the GUI thread.
RunApprover = Callable[[float, int], bool]


@dataclass(frozen=True, slots=True)
class InputSource:
    """The current input: a file, or a pasted image, and the job it came from (lineage)."""

    path: Path | None = None
    image: Image.Image | None = None
    parent_id: JobId | None = None

    @property
    def label(self) -> str:
        return self.path.name if self.path else translate("GenerationController", "pasted image")


@dataclass(frozen=True, slots=True)
class PlannedJob:
    """One job to start, and what it belongs to: a page edit, or one panel of a page."""

    request: GenerationRequest
    edit: PageEdit | None = None
    panel: PanelTag | None = None


@dataclass(frozen=True, slots=True)
class _Staged:
    inputs: tuple[InputImage, ...]
    cleanup: CleanupSettings | None = None  # applied before storing; recorded with each job


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
        providers: ProvidersController | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._store = store
        self._account = account
        self._providers = providers
        self._history = history
        self._tasks = TaskRunner(max_threads=1, parent=self)
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        runner.job_updated.connect(history.apply_update)
        runner.job_finished.connect(self._on_runner_job_finished)

        self._source: InputSource | None = None
        self._stage_task = 0  # the staging of the current input: older results are dropped
        self._stage_problem: str | None = None  # why the current input could not be used
        self._staged: InputImage | None = None
        self._staged_cleanup: CleanupSettings | None = None
        self._cleanup: CleanupSettings | None = None
        self._waiting: list[PromptState] = []  # Generate pressed before the input was ready
        self._settings_from: JobId | None = None
        self._approve: RunApprover | None = None
        self._page_id: int | None = None  # the project page new jobs belong to

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
        self.input_changed.emit(source)
        self._restage()

    def clear_input(self) -> None:
        self.set_input(None)

    def cleanup(self) -> CleanupSettings | None:
        return self._cleanup

    def set_cleanup(self, settings: CleanupSettings | None) -> None:
        """Scan clean-up for the input from now on (None: send the scan as it is). The input
        is staged again: the cleaned copy is what gets stored and sent."""
        if settings != self._cleanup:
            self._cleanup = settings
            self._restage()

    def _restage(self) -> None:
        self._staged = None
        self._stage_problem = None
        source = self._source
        if source is None:
            self.input_staged.emit(None)
            return
        cleanup = self._cleanup
        self._stage_task = self._tasks.run("stage", lambda: self._stage_main(source, cleanup))

    def _stage_main(self, source: InputSource, cleanup: CleanupSettings | None) -> _Staged:
        image = source.image if source.image is not None else load_image(source.path)  # type: ignore[arg-type]
        if cleanup is not None:
            image = clean_up(image, cleanup)  # a new image: the original is only read
        spec = get_model(_STAGING_MODEL)
        stored = store_input(self._store, spec, image, "input_image")
        return _Staged((stored,), cleanup)

    def _stage_references(
        self, paths: tuple[Path, ...], spec: ModelSpec, *, first_slot_free: bool
    ) -> tuple[InputImage, ...]:
        # FLUX.2 treats every image as a reference: with no input on the canvas (a turnaround
        # from a character sheet) they start at input_image rather than leaving it empty.
        slots = spec.image_slots if first_slot_free and spec.family == Family.flux2 else None
        return tuple(
            store_input(self._store, spec, load_image(path), slot)
            for slot, path in zip(slots or spec.reference_slots, paths, strict=False)
        )

    # --- generating -------------------------------------------------------------------------

    def reference_paths(self, request: GenerationRequest) -> tuple[Path, ...]:
        """The reference images a past request sent, as kept in the history, in slot order
        (so 'reuse settings' brings them back)."""
        try:
            slots = get_model(request.model).reference_slots
        except InputError:
            return ()
        return tuple(
            self._store.image_path(image.sha256, "png")  # inputs are stored as PNG
            for image in request.inputs
            if image.slot in slots
        )

    def set_run_approver(self, approve: RunApprover | None) -> None:
        """Asked before every run is sent (the budget guard); a False sends nothing."""
        self._approve = approve

    @Slot(object)
    def set_page(self, page_id: int | None) -> None:
        self._page_id = page_id

    def note_settings_reused(self, job_id: JobId | None) -> None:
        """The next jobs record that their settings came from `job_id` (lineage)."""
        self._settings_from = job_id

    def _provider(self, provider_id: str) -> Provider | None:
        if self._providers is not None:
            return self._providers.provider(provider_id)
        connection = self._account.connection()
        return BflProvider(connection.api) if connection is not None else None

    def _is_demo(self, provider_id: str) -> bool:
        if self._providers is not None:
            return self._providers.is_demo(provider_id)
        connection = self._account.connection()
        return connection is not None and connection.demo

    def _not_ready(self, provider_id: str) -> str:
        if self._providers is not None:
            return self._providers.not_ready_text(provider_id)
        return self.tr("Still connecting to the API; try again in a moment.")

    @Slot(object)
    def generate(self, state: PromptState) -> None:
        provider = self._provider(state.provider)
        if provider is None:
            self.message.emit(self._not_ready(state.provider))
            return
        try:
            spec = provider.model(state.model)
        except InputError as error:
            self.message.emit(core_text(error.user_message))
            return
        if spec.takes_images and self._source is not None and self._staged is None:
            if self._stage_problem is not None:  # never sent without the input it was for
                self.message.emit(self._stage_problem + self.tr(" Nothing was sent."))
                return
            self._waiting.append(state)
            self.message.emit(self.tr("Preparing the input image…"))
            return
        main = self._main_input(spec.image_slots[0] if spec.image_slots else None)
        if state.references:
            self._tasks.run(
                "references",
                lambda: (
                    state,
                    main,
                    self._stage_references(state.references, spec, first_slot_free=not main),
                ),
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
        requests = state.requests(inputs)
        main = self._staged
        if (
            self._staged_cleanup is not None
            and main
            and any(i.sha256 == main.sha256 for i in inputs)
        ):
            recorded = self._staged_cleanup.to_data()
            requests = [replace(request, cleanup=recorded) for request in requests]
        self.submit_jobs([PlannedJob(request, edit) for request in requests])

    def submit_jobs(self, jobs: list[PlannedJob]) -> list[JobId]:
        """Starts `jobs` (one provider) as one run: priced and approved together, each recorded
        in the history before it is sent. Returns their ids (none if nothing was sent)."""
        if not jobs:
            return []
        provider_id = jobs[0].request.provider
        provider = self._provider(provider_id)
        if provider is None:
            self.message.emit(self._not_ready(provider_id))
            return []
        parent = self._source.parent_id if self._source else None
        prices = [provider.price(job.request) for job in jobs]
        total = round(sum(price or 0.0 for price in prices), 3)
        if self._approve is not None and not self._approve(total, len(prices)):
            self.message.emit(self.tr("Nothing was sent."))
            return []
        demo = self._is_demo(provider.id)
        started: list[JobId] = []
        for job, price in zip(jobs, prices, strict=True):
            job_id = JobId(uuid.uuid4().hex)
            request = job.request
            row = JobRow.pending(job_id, request, price, parent, self._settings_from, self._page_id)
            plan = JobPlan(
                request,
                provider,
                "gui",
                price,
                parent,
                self._settings_from,
                demo=demo,
                page_id=self._page_id,
                created_at=row.created_at,  # the list's order survives a restart
            )
            if job.edit is not None:
                row = row.placed_on(str(job.edit.placement.kind), job.edit.page_path)
                self._history.add_row(row)
                self._runner.submit(job_id, PageEditJob(plan, job.edit))
            elif job.panel is not None:
                self._history.add_row(replace(row, panel=job.panel))
                self._runner.submit(job_id, PanelJob(plan, job.panel))
            else:
                self._history.add_row(row)
                self._runner.submit(job_id, plan)
            started.append(job_id)
        self.jobs_started.emit(started)
        return started

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
            self.message.emit(core_text(update.error.user_message))
        elif update.paused and update.error is not None:
            self.message.emit(
                core_text(update.error.user_message)
                + self.tr(" The job is kept: use Resume in History (or restart) to fetch it.")
            )
        # Any end can change the balance: a success is charged, a moderated job is refunded.
        self._account.schedule_balance_refresh()

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if result.kind == "stage":
            self._on_staged(result)
        elif result.kind == "references":
            if not result.ok:
                self.message.emit(core_text(result.error.user_message) if result.error else "")
                return
            state, main, references = result.value
            self.submit(state, main + references)

    def _on_staged(self, result: TaskResult) -> None:
        if result.task_id != self._stage_task:
            return  # an older input finished staging (or failed) after a newer one was chosen
        if not result.ok:
            self._on_stage_failed(core_text(result.error.user_message) if result.error else "")
            return
        staged: _Staged = result.value
        self._staged = staged.inputs[0]
        self._staged_cleanup = staged.cleanup
        self.input_staged.emit(self._staged)
        waiting, self._waiting = self._waiting, []
        for state in waiting:
            self.generate(state)

    def _on_stage_failed(self, message: str) -> None:
        """The file can't be used: say why, and send nothing for it (a Generate pressed while
        it was being read, or later, is refused with the reason)."""
        self._stage_problem = message or self.tr("The input image could not be used.")
        waiting, self._waiting = self._waiting, []
        if waiting:
            log.info("dropped %d generate request(s): the input failed", len(waiting))
            message = self._stage_problem + self.tr(" Nothing was sent.")
        self.input_staged.emit(None)  # the panel shows no input (and no price for one)
        self.message.emit(message)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self._tasks.shutdown(timeout_ms)
