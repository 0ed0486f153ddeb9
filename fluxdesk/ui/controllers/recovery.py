"""At start, picks up the jobs a crash, a kill or a closed window interrupted, and runs them
through the JobRunner so they show in the dock with live state. Paid jobs without a key wait
for one; "Resume" on a paused entry runs the same path. See core/history/resume.py."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, Signal, Slot

from fluxdesk.core.history.records import JobRecord
from fluxdesk.core.history.resume import (
    RecoveryAction,
    RecoveryStep,
    ResumePlan,
    claim_interrupted,
    decide,
    note_waiting,
    settle,
)
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId
from fluxdesk.ui.controllers.providers import ProvidersController
from fluxdesk.ui.history_model import HistoryModel
from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.text import count_text
from fluxdesk.ui.workers import JobRunner, TaskResult, TaskRunner

log = logging.getLogger(__name__)


class RecoveryController(QObject):
    message = Signal(str)
    resumed = Signal(list)  # list[JobId] started again
    settled = Signal(list)  # list[JobId] ended (or noted as waiting) by recovery, recorded

    def __init__(
        self,
        store: HistoryStore,
        runner: JobRunner,
        providers: ProvidersController,
        model: HistoryModel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._providers = providers
        self._model = model
        self._waiting: list[JobRecord] = []  # claimed, not yet run or settled
        self._tasks = TaskRunner(max_threads=1, parent=self)
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        # A job runs once its provider is there (the BFL connection, fal's key, ComfyUI).
        providers.catalogs_changed.connect(self._on_providers_catalogs_changed)

    def start(self) -> None:
        """Claims the interrupted jobs (off the GUI thread); they run once connected."""
        self._tasks.run("claim", lambda: claim_interrupted(self._store))

    @Slot(object)
    def resume(self, job_id: JobId) -> None:
        """Fetch a paused entry's result now (it belongs to this window)."""
        self._tasks.run("reread", lambda: self._store.get_jobs([job_id]))

    @Slot(object)
    def _on_providers_catalogs_changed(self, catalogs: object) -> None:
        if self._waiting:
            self._plan()

    def _decide(self, job: JobRecord, now: float) -> RecoveryStep:
        provider_id = job.request.provider
        demo = self._providers.is_demo(provider_id)
        available = self._providers.provider(provider_id) is not None
        return decide(job, now=now, have_key=available and not demo, demo=demo)

    def _plan(self) -> None:
        jobs, self._waiting = self._waiting, []
        now = time.time()
        steps = [self._decide(job, now) for job in jobs]
        self._waiting = [step.job for step in steps if step.action is RecoveryAction.wait]
        if any(step.settles or step.action is RecoveryAction.wait for step in steps):
            self._tasks.run("settle", lambda: self._settle(steps))
        runnable = [step for step in steps if step.runs and not self._runner.is_active(step.job.id)]
        for step in runnable:
            provider = self._providers.provider(step.job.request.provider)
            assert provider is not None  # a step only runs when its provider is there
            self._model.mark_running(step.job.id)
            self._runner.submit(step.job.id, ResumePlan.for_step(step, provider))
        if runnable:
            self.resumed.emit([step.job.id for step in runnable])
        self._tell(steps)

    def _settle(self, steps: list[RecoveryStep]) -> list[JobId]:
        settled = settle(self._store, steps)
        note_waiting(self._store, steps)
        return settled + [step.job.id for step in steps if step.action is RecoveryAction.wait]

    def _tell(self, steps: list[RecoveryStep]) -> None:
        resumed = sum(step.runs for step in steps)
        waiting = sum(step.action is RecoveryAction.wait for step in steps)
        lost = sum(step.action is RecoveryAction.expired for step in steps)
        parts = []
        if resumed:
            parts.append(
                count_text(
                    resumed,
                    self.tr("Fetching 1 result interrupted when FluxDesk closed."),
                    self.tr("Fetching {n} results interrupted when FluxDesk closed."),
                )
            )
        if waiting:
            parts.append(
                count_text(
                    waiting,
                    self.tr("1 paid job waits for your API key."),
                    self.tr("{n} paid jobs wait for your API key."),
                )
            )
        if lost:
            parts.append(
                count_text(
                    lost,
                    self.tr("1 result had expired at BFL (see History)."),
                    self.tr("{n} results had expired at BFL (see History)."),
                )
            )
        if parts:
            self.message.emit(" ".join(parts))

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if not result.ok:
            log.warning("recovery task %s failed: %s", result.kind, result.error)
            if result.error is not None:
                self.message.emit(core_text(result.error.user_message))
            return
        if result.kind in ("claim", "reread"):
            jobs = [job for job in result.value if not job.state.is_terminal]
            self._waiting.extend(jobs)
            if jobs:
                self._plan()
        elif result.kind == "settle":
            self._model.reload_rows(result.value)
            self.settled.emit(result.value)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self._tasks.shutdown(timeout_ms)
