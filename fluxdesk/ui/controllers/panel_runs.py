"""Run on panels: the prompt panel's preset and model on every panel (or the selected ones), one
ordinary job per panel near the model's working size, all in parallel through the JobRunner,
then one composed page in the history.

Design: a run is a batch of jobs tagged "panel 3 of 7" (the History dock shows each one, its
progress and cost). Each panel's badge on the canvas follows its job. When the last job of
the run has ended, the results that came back are pasted into their panels on a *base* page
in one step (``core.panels.runs.compose_run``) and recorded as one entry, which opens on the
canvas over its pencils (wipe, onion skin...). The base is the pencils for "run all"; for
"redo panel" (the selected ones) it is the composed page on screen (or the last one made from
this page), so redoing a panel changes that panel and nothing else. One composition per run,
not one per arriving panel: a 50 MP page is encoded once, and the history gets one page per
run.

Staging (decode, crop, store the crops) and composing run on a worker. GUI thread only.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, Signal, Slot

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.api.models import InputImage
from fluxdesk.core.errors import FluxError
from fluxdesk.core.history.records import JobRecord, PanelTag
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.imaging.load import load_image
from fluxdesk.core.inputs import store_input
from fluxdesk.core.jobs import JobId, JobState, JobUpdate
from fluxdesk.core.panels import Panel, crop_panels, plan_panels
from fluxdesk.core.panels.runs import EDIT_KIND, PanelRun, PanelTake, compose_run
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.core.regions.page_edit import EditKind, kind_for, region_params, store_page
from fluxdesk.core.regions.region_edit import RegionPlan
from fluxdesk.ui.controllers.canvas import INPUT_KEY, CanvasController
from fluxdesk.ui.controllers.generation import GenerationController, InputSource, PlannedJob
from fluxdesk.ui.controllers.panels import PanelsController, decode_page, fingerprint
from fluxdesk.ui.history_model import HistoryModel, JobRow
from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.panels.state import PanelStatus
from fluxdesk.ui.text import count_text
from fluxdesk.ui.workers import JobRunner, TaskResult, TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Request:
    """One "run on panels" press, as the worker needs it (no Qt objects)."""

    state: PromptState
    source: InputSource
    panels: tuple[Panel, ...]  # to send
    positions: dict[int, int]  # panel id -> place in reading order, from 1
    count: int  # panels on the page
    cached_page: Image.Image | None
    base: tuple[JobId, Path] | None


@dataclass(frozen=True, slots=True)
class _Staged:
    request: _Request
    page: Image.Image
    page_path: Path
    page_key: str
    plans: dict[int, RegionPlan]
    inputs: dict[int, InputImage]
    references: tuple[InputImage, ...]


@dataclass
class _Tracked:
    """A run under way: which jobs are still out and what came back."""

    run: PanelRun
    source: InputSource
    waiting: set[JobId]
    results: dict[int, Path] = field(default_factory=dict)
    failed: list[int] = field(default_factory=list)  # positions, for the message


@dataclass(frozen=True, slots=True)
class _Composed:
    run: PanelRun
    record: JobRecord
    pasted: int
    seconds: float


class PanelRunController(QObject):
    message = Signal(str)
    composed = Signal(object, float)  # JobRecord of the composed page, seconds to compose

    def __init__(
        self,
        panels: PanelsController,
        generation: GenerationController,
        runner: JobRunner,
        history: HistoryModel,
        canvas_control: CanvasController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._panels = panels
        self._generation = generation
        self._store: HistoryStore = generation.store
        self._history = history
        self._canvas_control = canvas_control
        self._tasks = TaskRunner(max_threads=1, parent=self)
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        self._runs: dict[str, _Tracked] = {}
        self._run_of: dict[JobId, str] = {}
        self._latest: dict[str, tuple[JobId, Path]] = {}  # page key -> last composed page
        runner.job_updated.connect(self._on_runner_job_updated)
        runner.job_finished.connect(self._on_runner_job_finished)

    # --- starting ---------------------------------------------------------------------------

    def run(self, state: PromptState, *, selected_only: bool) -> None:
        """Sends the panels (all, or the selected ones pasted onto the composed page)."""
        panels_state = self._panels.state
        source = self._panels.source()
        if source is None or panels_state.page_size() is None:
            self.message.emit(self.tr("Open a page and find its panels first."))
            return
        chosen_ids = panels_state.selected_ids() if selected_only else None
        panels = tuple(p for p in panels_state.panels() if chosen_ids is None or p.id in chosen_ids)
        if not panels:
            self.message.emit(
                self.tr("Select the panels to run (click them with the Panels tool).")
                if selected_only
                else self.tr("This page has no panels yet: Detect them, or draw them.")
            )
            return
        if problem := self._model_problem(state):
            self.message.emit(problem)
            return
        positions = {p.id: n for n, p in enumerate(panels_state.panels(), start=1)}
        base = self._base(source) if selected_only else None
        request = _Request(
            state,
            source,
            panels,
            positions,
            len(panels_state.panels()),
            self._panels.cached_page(source),
            base,
        )
        self.message.emit(self.tr("Preparing the panels…"))
        self._tasks.run("stage", lambda: self._stage(request))

    def _model_problem(self, state: PromptState) -> str | None:
        if state.provider != "bfl" or kind_for(get_model(state.model)) is not EditKind.region:
            return self.tr(
                "Pick an edit model (FLUX.1 Kontext or FLUX.2 on BFL) to run on panels: "
                "it redraws each panel from its pencils."
            )
        return None

    def _base(self, source: InputSource) -> tuple[JobId, Path] | None:
        """The composed page to paste onto: the one on screen if it was made from this page,
        else the last one made from it here."""
        showing = self._canvas_control.showing()
        if showing and showing != INPUT_KEY:
            row = self._history.row_for(JobId(showing))
            if (
                row is not None
                and row.edit_kind == EDIT_KIND
                and row.result_path is not None
                and source.path is not None
                and row.page_path == source.path
            ):
                return row.id, row.result_path
        key = self._panels.page_key()
        return self._latest.get(key) if key else None

    def _stage(self, request: _Request) -> _Staged:
        """Worker thread: decode the page, plan and crop each panel, store what is sent."""
        source, state = request.source, request.state
        page = request.cached_page if request.cached_page is not None else decode_page(source)
        page_path = source.path or store_page(self._store, page)
        spec = get_model(state.model)
        plans = plan_panels(page.size, request.panels)
        inputs = {
            panel_id: store_input(self._store, spec, crop, spec.image_slots[0])
            for panel_id, crop in crop_panels(page, plans).items()
        }
        references = tuple(
            store_input(self._store, spec, load_image(path), slot)
            for slot, path in zip(spec.reference_slots, state.references, strict=False)
        )
        return _Staged(request, page, page_path, fingerprint(source), plans, inputs, references)

    def _submit(self, staged: _Staged) -> None:
        request = staged.request
        sent = replace(request.state, params=region_params(request.state.params), variations=1)
        run_id = uuid.uuid4().hex
        jobs = []
        for panel in request.panels:
            inputs = (staged.inputs[panel.id], *staged.references)
            tag = PanelTag(run_id, panel.id, request.positions[panel.id], request.count)
            jobs.append(PlannedJob(sent.requests(inputs)[0], panel=tag))
        job_ids = self._generation.submit_jobs(jobs)
        if not job_ids:
            return
        takes = tuple(
            PanelTake(panel, request.positions[panel.id], staged.plans[panel.id], job_id)
            for panel, job_id in zip(request.panels, job_ids, strict=True)
        )
        base_id, base_path = request.base if request.base else (None, None)
        run = PanelRun(
            run_id,
            staged.page_key,
            staged.page_path,
            staged.page.size,
            replace(sent.requests(())[0], seed=None),
            request.count,
            takes,
            base_id,
            base_path,
            request.source.parent_id,
        )
        self._runs[run_id] = _Tracked(run, request.source, set(job_ids))
        for take in takes:
            self._run_of[take.job_id] = run_id
            self._panels.state.set_status(take.panel.id, PanelStatus(JobState.queued))
        self.message.emit(
            count_text(
                len(job_ids),
                self.tr("Sent 1 panel; the page is composed when it is back."),
                self.tr("Sent {n} panels; the page is composed when they are all back."),
            )
        )

    # --- following --------------------------------------------------------------------------

    def _on_this_page(self, tracked: _Tracked) -> bool:
        return self._panels.page_key() == tracked.run.page_sha256

    @Slot(object)
    def _on_runner_job_updated(self, update: JobUpdate) -> None:
        run_id = self._run_of.get(update.job_id)
        if run_id is None or update.state.is_terminal:
            return
        tracked = self._runs[run_id]
        take = tracked.run.take_for(update.job_id)
        if take is not None and self._on_this_page(tracked):
            status = PanelStatus(update.state, update.progress)
            self._panels.state.set_status(take.panel.id, status)

    @Slot(object)
    def _on_runner_job_finished(self, update: JobUpdate) -> None:
        run_id = self._run_of.pop(update.job_id, None)
        if run_id is None:
            return
        tracked = self._runs[run_id]
        take = tracked.run.take_for(update.job_id)
        tracked.waiting.discard(update.job_id)
        if take is not None:
            if update.state is JobState.succeeded and update.result is not None:
                tracked.results[take.panel.id] = update.result.path
            else:
                tracked.failed.append(take.position)
            if self._on_this_page(tracked):
                self._panels.state.set_status(take.panel.id, PanelStatus(update.state, 1.0))
        if tracked.waiting:
            return
        del self._runs[run_id]
        if not tracked.results:
            self.message.emit(self.tr("No panel came back, so the page was not composed."))
            return
        self.message.emit(self.tr("Composing the page…"))
        page = self._panels.cached_page(tracked.source) if tracked.run.base_path is None else None
        self._tasks.run("compose", lambda: self._compose(tracked, page))

    def _compose(self, tracked: _Tracked, page: Image.Image | None) -> _Composed:
        """Worker thread."""
        started = time.perf_counter()
        job_id = JobId(uuid.uuid4().hex)
        compose_run(self._store, tracked.run, tracked.results, job_id, page=page)
        record = self._store.get_job(job_id)
        if record is None:
            raise FluxError(self.tr("The composed page was saved but could not be read back."))
        seconds = time.perf_counter() - started
        return _Composed(tracked.run, record, len(tracked.results), seconds)

    # --- results ----------------------------------------------------------------------------

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if not result.ok:
            self.message.emit(core_text(result.error.user_message) if result.error else "")
            return
        if result.kind == "stage":
            staged: _Staged = result.value
            if staged.request.source is not self._generation.source():
                return  # the artist opened another page meanwhile
            self._panels.keep_page(staged.request.source, staged.page)
            self._submit(staged)
        elif result.kind == "compose":
            self._on_composed(result.value)

    def _on_composed(self, done: _Composed) -> None:
        run, record = done.run, done.record
        row = JobRow.from_record(record)
        self._history.add_row(row)
        if row.result_path is not None:
            self._latest[run.page_sha256] = (row.id, row.result_path)
        state = self._panels.state
        if self._panels.page_key() == run.page_sha256:
            for take in run.takes:
                status = state.status(take.panel.id)
                if status is not None and status.state is JobState.succeeded:
                    state.set_status(take.panel.id, None)  # failed ones keep their red badge
        showing = self._canvas_control.showing()
        if showing in (INPUT_KEY, run.base_id) and self._panels.page_key() == run.page_sha256:
            self._canvas_control.show_job(row.id)
        panels = count_text(done.pasted, self.tr("1 panel"), self.tr("{n} panels"))
        text = self.tr("Composed {panels} onto the page in {s:.1f} s.").format(
            panels=panels, s=done.seconds
        )
        failed = len(run.takes) - done.pasted
        if failed:
            text += " " + count_text(
                failed,
                self.tr("1 panel did not come back: select it and Redo panel."),
                self.tr("{n} panels did not come back: select them and Redo panel."),
            )
        self.message.emit(text)
        self.composed.emit(record, done.seconds)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self._tasks.shutdown(timeout_ms)
