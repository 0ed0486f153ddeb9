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
    note_waiting,
    plan_recovery,
    settle,
)
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId
from fluxdesk.ui.controllers.account import AccountController, Connection
from fluxdesk.ui.history_model import HistoryModel
from fluxdesk.ui.text import count_text
from fluxdesk.ui.workers import JobRunner, TaskResult, TaskRunner

log = logging.getLogger(__name__)


class RecoveryController(QObject):
    message = Signal(str)
    resumed = Signal(list)  # list[JobId] started again

    def __init__(
        self,
        store: HistoryStore,
        runner: JobRunner,
        account: AccountController,
        model: HistoryModel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._account = account
        self._model = model
        self._waiting: list[JobRecord] = []  # claimed, not yet run or settled
        self._tasks = TaskRunner(max_threads=1, parent=self)
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        account.connection_changed.connect(self._on_account_connection_changed)

    def start(self) -> None:
        """Claims the interrupted jobs (off the GUI thread); they run once connected."""
        self._tasks.run("claim", lambda: claim_interrupted(self._store))

    @Slot(object)
    def resume(self, job_id: JobId) -> None:
        """Fetch a paused entry's result now (it belongs to this window)."""
        self._tasks.run("reread", lambda: self._store.get_jobs([job_id]))

    @Slot(object)
    def _on_account_connection_changed(self, connection: Connection) -> None:
        if self._waiting:
            self._plan(connection)

    def _plan(self, connection: Connection) -> None:
        jobs, self._waiting = self._waiting, []
        demo = connection.demo
        steps = plan_recovery(jobs, now=time.time(), have_key=not demo, demo=demo)
        self._waiting = [step.job for step in steps if step.action is RecoveryAction.wait]
        if any(step.settles or step.action is RecoveryAction.wait for step in steps):
            self._tasks.run("settle", lambda: self._settle(steps))
        runnable = [step for step in steps if step.runs and not self._runner.is_active(step.job.id)]
        for step in runnable:
            self._model.mark_running(step.job.id)
            self._runner.submit(step.job.id, ResumePlan.for_step(step, connection.api))
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
                self.message.emit(result.error.user_message)
            return
        if result.kind in ("claim", "reread"):
            jobs = [job for job in result.value if not job.state.is_terminal]
            self._waiting.extend(jobs)
            connection = self._account.connection()
            if jobs and connection is not None:
                self._plan(connection)
            elif result.kind == "reread" and connection is None:
                self.message.emit(self.tr("Still connecting to the API; try again in a moment."))
        elif result.kind == "settle":
            self._model.reload_rows(result.value)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self._tasks.shutdown(timeout_ms)
