"""Chapter batches in the window: propose (price every job first), create, send every page's
jobs through the normal JobRunner (which keeps within the API's concurrency limit), follow
them live, and pick up after a restart.

On start this window claims the batches no live FluxDesk owns. Jobs that were sent when the
last one stopped are the RecoveryController's (it resumes them, never re-sending a job that may
have been paid for); pages with nothing sent, or whose jobs recovery marked "not sent", are
sent again here once recovery has recorded its decisions (``RecoveryController.settled``).

GUI thread only; database and image work runs on TaskRunners.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from fluxdesk.core import batch as batches
from fluxdesk.core.api.models import InputImage
from fluxdesk.core.batch import (
    Batch,
    BatchPage,
    BatchSettings,
    BatchView,
    Estimate,
    PageView,
)
from fluxdesk.core.batch.model import random_seed
from fluxdesk.core.errors import FluxError
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId, JobUpdate
from fluxdesk.ui.controllers.batch_work import (
    BatchProposal,
    NewBatch,
    price_batch,
    staged_page,
    thumbnail_image,
)
from fluxdesk.ui.controllers.generation import RunApprover
from fluxdesk.ui.controllers.providers import ProvidersController
from fluxdesk.ui.controllers.recovery import RecoveryController
from fluxdesk.ui.controllers.spending import SpendingController
from fluxdesk.ui.history_model import HistoryModel, JobRow
from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.workers import JobRunner, TaskResult, TaskRunner

log = logging.getLogger(__name__)

_REFRESH_MS = 150  # live updates of a running batch are read at most this often


class BatchController(QObject):
    message = Signal(str)
    batches_changed = Signal(list)  # list[Batch], newest first
    view_changed = Signal(object)  # BatchView of the batch on show
    proposal_ready = Signal(object)  # BatchProposal
    proposal_failed = Signal(str)
    created = Signal(int)  # batch id
    thumbnail_ready = Signal(str, object)  # sha256, QImage

    def __init__(
        self,
        store: HistoryStore,
        runner: JobRunner,
        providers: ProvidersController,
        history: HistoryModel,
        recovery: RecoveryController,
        spending: SpendingController,
        approve: RunApprover,
        thumbnails_dir: Path,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._providers = providers
        self._history = history
        self._spending = spending
        self._approve = approve
        self._thumbnails_dir = thumbnails_dir
        self._io = TaskRunner(max_threads=1, parent=self)  # database work, in order
        self._stager = TaskRunner(max_threads=2, parent=self)  # decoding scans, pricing
        self._thumbs = TaskRunner(max_threads=1, parent=self)
        for tasks in (self._io, self._stager, self._thumbs):
            tasks.task_finished.connect(self._on_tasks_task_finished)
        self._owned: set[int] = set()  # batches this window runs
        self._shown: int | None = None
        self._view: BatchView | None = None
        # Pages being staged or with jobs in the runner, by (batch, position, run): never
        # sent twice. Their jobs, to know when a page is no longer in flight.
        self._busy: set[tuple[int, int, int]] = set()
        self._jobs: dict[JobId, tuple[int, int, int]] = {}
        self._unstageable: set[tuple[int, int, int]] = set()
        self._stopped: set[int] = set()  # stopped here: pages still being staged stay unsent
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(_REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        runner.job_updated.connect(self._on_runner_job_updated)
        runner.job_finished.connect(self._on_runner_job_finished)
        recovery.settled.connect(self._on_recovery_settled)
        providers.catalogs_changed.connect(self._on_providers_catalogs_changed)

    # --- state ------------------------------------------------------------------------------

    @property
    def store(self) -> HistoryStore:
        return self._store

    def view(self) -> BatchView | None:
        return self._view

    def shown(self) -> int | None:
        return self._shown

    def busy_pages(self) -> int:
        return len({key[:2] for key in self._busy})

    # --- starting ---------------------------------------------------------------------------

    def start(self) -> None:
        """Claims the batches no live FluxDesk runs and sends what they have not sent."""
        store = self._store
        self._io.run("claim", lambda: (batches.claim_batches(store), batches.list_batches(store)))

    @Slot()
    def reconcile(self) -> None:
        """Reads this window's batches and sends the pages nothing is running for."""
        if self._owned:
            owned, store = sorted(self._owned), self._store
            self._io.run("reconcile", lambda: [batches.read_batch(store, i) for i in owned])

    def _send(self, view: BatchView, pages: Sequence[PageView]) -> None:
        if not pages:
            return
        template = view.batch.settings.template
        provider = self._providers.provider(template.provider)
        if provider is None:
            self.message.emit(self._providers.not_ready_text(template.provider))
            return  # sent when the provider is there (catalogs_changed)
        spec = provider.model(template.model)
        for page in pages:
            key = (view.batch.id, page.page.position, page.page.run)
            if key in self._busy or key in self._unstageable:
                continue
            self._busy.add(key)
            self._stager.run(
                "stage",
                lambda s=self._store, b=view.batch, p=page.page: staged_page(s, spec, b, p),
            )

    def _submit(
        self,
        batch: Batch,
        page: BatchPage,
        main: InputImage | None,
        error: FluxError | None,
    ) -> None:
        key = (batch.id, page.position, page.run)
        provider = self._providers.provider(batch.settings.template.provider)
        if batch.id in self._stopped and not page.run:
            self._busy.discard(key)  # stopped while its scan was being prepared
            return
        if main is None or provider is None:
            self._busy.discard(key)
            if error is not None:  # e.g. the stored scan is damaged: not retried by itself
                self._unstageable.add(key)
                self.message.emit(
                    self.tr("{page}: {problem}").format(
                        page=page.name, problem=core_text(error.user_message)
                    )
                )
            return
        demo = self._providers.is_demo(provider.id)
        for job_id, job in batches.page_jobs(batch, page, main, provider, source="gui", demo=demo):
            plan = job.plan
            row = JobRow.pending(
                job_id, plan.request, plan.price_estimate, None, None, plan.page_id
            )
            self._history.add_row(dataclasses.replace(row, created_at=plan.created_at))
            self._jobs[job_id] = key
            self._runner.submit(job_id, job)
        self._schedule_refresh()

    # --- new batches ------------------------------------------------------------------------

    def propose(self, request: NewBatch) -> None:
        """Prices every job (from the pages' sizes); `proposal_ready` asks the artist."""
        provider = self._providers.provider(request.state.provider)
        if provider is None:
            self.proposal_failed.emit(self._providers.not_ready_text(request.state.provider))
            return
        self._stager.run("propose", lambda: price_batch(request, provider))

    def _proposal(self, request: NewBatch, settings: BatchSettings, cost: Estimate) -> None:
        provider = self._providers.provider(request.state.provider)
        if provider is None:
            return
        spec = provider.model(settings.template.model)
        self.proposal_ready.emit(
            BatchProposal(
                request,
                settings,
                cost,
                spec.label,
                str(provider.billing),
                provider.concurrency(spec.id),
                self._spending.check(cost.total).reasons,
                self._spending.balance(),
            )
        )

    def confirm(self, proposal: BatchProposal) -> None:
        """The artist said yes: keep the scans, record the batch, send every page."""
        self._spending.note_sent(proposal.estimate.total)
        request, settings, store = proposal.request, proposal.settings, self._store

        def create() -> BatchView:
            sources = [batches.keep_source(store, path) for path in request.files]
            made = batches.create_batch(
                store, settings, sources, book=request.book, chapter=request.chapter, source="gui"
            )
            return batches.read_batch(store, made.id)

        self._io.run("create", create)

    # --- reviewing --------------------------------------------------------------------------

    @Slot(int)
    def show(self, batch_id: int) -> None:
        self._shown = batch_id
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self._shown is not None:
            shown, store = self._shown, self._store
            self._io.run("view", lambda: batches.read_batch(store, shown))

    def reload_list(self) -> None:
        store = self._store
        self._io.run("list", lambda: batches.list_batches(store))

    def accept(self, position: int, job_id: JobId) -> None:
        view = self._view
        if view is None:
            return
        batch_id, store = view.batch.id, self._store
        self._io.run("accept", lambda: (batches.accept(store, batch_id, position, job_id), job_id))

    def redo(self, position: int) -> None:
        """A new run of the page with a new seed, after the budget guard's yes."""
        view = self._view
        if view is None:
            return
        page = view.page(position)
        provider = self._providers.provider(view.batch.settings.template.provider)
        if provider is None:
            self.message.emit(self._providers.not_ready_text(view.batch.settings.template.provider))
            return
        size = (page.page.source.width, page.page.source.height)
        cost = batches.estimate(provider, view.batch.settings, [size])
        if not self._approve(cost.total, cost.jobs):
            self.message.emit(self.tr("Nothing was sent."))
            return
        batch_id, store, seed = view.batch.id, self._store, random_seed()

        def work() -> tuple[BatchView, int]:
            batches.request_redo(store, batch_id, position, seed)
            return batches.read_batch(store, batch_id), position

        self._io.run("redo", work)

    def stop(self) -> None:
        """Cancels the shown batch's jobs not yet done; nothing more is sent by itself."""
        view = self._view
        if view is None:
            return
        self._stopped.add(view.batch.id)
        mine = {job_id for job_id, key in self._jobs.items() if key[0] == view.batch.id}
        resumed = {job.id for page in view.pages for job in page.jobs if not job.state.is_terminal}
        for job_id in mine | resumed:
            self._runner.cancel(job_id)
        batch_id, store = view.batch.id, self._store
        self._io.run("stop", lambda: batches.set_stopped(store, batch_id, True))

    def thumbnail(self, sha256: str, source: Path) -> None:
        folder = self._thumbnails_dir
        self._thumbs.run("thumbnail", lambda: (sha256, thumbnail_image(source, folder, sha256)))

    # --- updates ----------------------------------------------------------------------------

    def _schedule_refresh(self) -> None:
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _is_shown(self, job_id: JobId) -> bool:
        key = self._jobs.get(job_id)
        if key is not None:
            return key[0] == self._shown
        view = self._view
        return view is not None and any(job.id == job_id for p in view.pages for job in p.jobs)

    @Slot(object)
    def _on_runner_job_updated(self, update: JobUpdate) -> None:
        if self._is_shown(update.job_id):
            self._schedule_refresh()

    @Slot(object)
    def _on_runner_job_finished(self, update: JobUpdate) -> None:
        key = self._jobs.pop(update.job_id, None)
        if key is not None and key not in self._jobs.values():
            self._busy.discard(key)
        if self._shown is not None:  # a branch's result may belong to one of its pages
            self._schedule_refresh()

    @Slot(list)
    def _on_recovery_settled(self, ids: list[JobId]) -> None:
        self.reconcile()  # pages whose jobs were never sent go out again now

    @Slot(object)
    def _on_providers_catalogs_changed(self, catalogs: object) -> None:
        self.reconcile()

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if not result.ok:
            self._on_failed(result)
            return
        kind, value = result.kind, result.value
        if kind == "claim":
            owned, listed = value
            self._owned.update(owned)
            self.batches_changed.emit(listed)
            if self._shown is None and listed:
                self.show(listed[0].id)
            self.reconcile()
        elif kind == "reconcile":
            for view in value:
                self._send(view, view.to_send())
        elif kind == "stage":
            self._submit(*value)
        elif kind == "propose":
            self._proposal(*value)
        elif kind == "create":
            view: BatchView = value
            self._owned.add(view.batch.id)
            self.created.emit(view.batch.id)
            self._show_view(view)
            self.reload_list()
            self._send(view, view.to_send())
        elif kind == "list":
            self.batches_changed.emit(value)
        elif kind == "view":
            if value.batch.id == self._shown:
                self._show_view(value)
        elif kind == "accept":
            self._history.reload_rows([value[1]])  # now starred
            self.refresh()
        elif kind == "redo":
            view, position = value
            self._show_view(view)
            self._send(view, [view.page(position)])
        elif kind == "stop":
            self.refresh()
        elif kind == "thumbnail":
            sha256, image = value
            if image is not None:
                self.thumbnail_ready.emit(sha256, image)

    def _show_view(self, view: BatchView) -> None:
        self._shown = view.batch.id
        pages = tuple(
            dataclasses.replace(page, in_flight=True)
            if (view.batch.id, page.page.position, page.page.run) in self._busy
            else page
            for page in view.pages
        )
        view = dataclasses.replace(view, pages=pages)
        self._view = view
        self.view_changed.emit(view)

    def _on_failed(self, result: TaskResult) -> None:
        english = result.error.user_message if result.error else ""
        text = core_text(english)
        if result.kind == "propose":
            self.proposal_failed.emit(text)
            return
        log.warning("batch task %s failed: %s", result.kind, english)
        if text:
            self.message.emit(text)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        self._refresh_timer.stop()
        done = self._io.shutdown(timeout_ms)
        done = self._stager.shutdown(timeout_ms) and done
        return self._thumbs.shutdown(timeout_ms) and done
