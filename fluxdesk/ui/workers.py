"""The only thread code in the UI: QRunnable workers on pools the UI owns.

Workers never touch widgets or QPixmaps. They report through a signals QObject created on the
GUI thread, connected only to bound ``@Slot`` methods of GUI-thread objects, so every delivery
is queued onto the GUI thread (lambdas or partials as receivers may run on the worker thread:
see PDFApps#31 and PYSIDE-3124).
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from fluxdesk.core.errors import FluxError, UnexpectedError
from fluxdesk.core.jobs import CancelToken, JobId, JobState, JobUpdate

log = logging.getLogger(__name__)

# The API allows 24 jobs in flight per account; more wait in the pool's queue.
MAX_CONCURRENT_JOBS = 24

StartJob = Callable[[JobId, Any, threading.Event], Iterator[JobUpdate]]


class _JobSignals(QObject):
    updated = Signal(object)  # JobUpdate


class _JobWorker(QRunnable):
    def __init__(
        self, job_id: JobId, work: Callable[[threading.Event], Iterator[JobUpdate]]
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it alive until its terminal update
        self.job_id = job_id
        self.cancel = CancelToken()
        self.signals = _JobSignals()
        self._work = work

    def run(self) -> None:  # pool thread: no widgets, no QPixmap, no GUI-owned objects
        terminal = False
        try:
            for update in self._work(self.cancel):
                terminal = update.ends_run
                self.signals.updated.emit(update)
        except Exception as exc:  # a bug must still end the job visibly
            log.exception("job %s crashed", self.job_id)
            error = UnexpectedError.wrap(exc)
            self.signals.updated.emit(JobUpdate(self.job_id, JobState.failed, error=error))
            return
        if not terminal:
            log.error("job %s ended without a terminal update", self.job_id)
            error = UnexpectedError("The job stopped without a result.")
            self.signals.updated.emit(JobUpdate(self.job_id, JobState.failed, error=error))


class JobRunner(QObject):
    """Runs generation jobs on its own pool. All signals arrive on the GUI thread."""

    job_updated = Signal(object)  # every JobUpdate
    job_finished = Signal(object)  # the last JobUpdate of a run: terminal, or paused
    active_count_changed = Signal(int)

    def __init__(
        self,
        start: StartJob,
        max_threads: int = MAX_CONCURRENT_JOBS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._start = start
        self._pool = QThreadPool(self)  # own pool, not globalInstance(): drains cleanly
        self._pool.setMaxThreadCount(max_threads)
        self._active: dict[JobId, _JobWorker] = {}

    def submit(self, job_id: JobId, plan: Any) -> None:
        start = self._start

        def work(cancel: threading.Event) -> Iterator[JobUpdate]:
            return start(job_id, plan, cancel)

        worker = _JobWorker(job_id, work)
        worker.signals.updated.connect(self._on_worker_updated)  # bound @Slot => queued
        self._active[job_id] = worker
        self._pool.start(worker)
        self.active_count_changed.emit(len(self._active))

    def cancel(self, job_id: JobId) -> None:
        if worker := self._active.get(job_id):
            worker.cancel.cancel()

    def cancel_all(self) -> None:
        for worker in self._active.values():
            worker.cancel.cancel()

    def is_active(self, job_id: JobId) -> bool:
        return job_id in self._active

    def active_count(self) -> int:
        return len(self._active)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stops every job without recording a cancel (they resume on the next start) and
        waits for the pool. True if every thread ended."""
        for worker in self._active.values():
            worker.cancel.cancel(shutdown=True)
        return self._pool.waitForDone(timeout_ms)

    @Slot(object)
    def _on_worker_updated(self, update: JobUpdate) -> None:
        self.job_updated.emit(update)
        if update.ends_run:
            if self._active.pop(update.job_id, None) is not None:
                self.active_count_changed.emit(len(self._active))
            self.job_finished.emit(update)


# --- one-shot background tasks --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TaskResult:
    task_id: int
    kind: str  # what the task was for, so one receiver can route several kinds
    value: Any = None
    error: FluxError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class TaskProgress:
    task_id: int
    kind: str
    done: int
    total: int


# Long work that reports progress and can be cancelled: work(report(done, total), cancel).
ReportingWork = Callable[[Callable[[int, int], None], threading.Event], Any]


class _TaskSignals(QObject):
    finished = Signal(object)  # TaskResult
    progressed = Signal(object)  # TaskProgress


class _TaskWorker(QRunnable):
    def __init__(
        self,
        task_id: int,
        kind: str,
        work: Callable[[], Any],
        signals: _TaskSignals | None = None,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.task_id = task_id
        self.kind = kind
        self.signals = signals or _TaskSignals()
        self._work = work

    def run(self) -> None:
        try:
            result = TaskResult(self.task_id, self.kind, value=self._work())
        except FluxError as error:
            result = TaskResult(self.task_id, self.kind, error=error)
        except Exception as exc:
            log.exception("background task %s (%s) crashed", self.task_id, self.kind)
            result = TaskResult(self.task_id, self.kind, error=UnexpectedError.wrap(exc))
        self.signals.finished.emit(result)


class TaskRunner(QObject):
    """Runs short blocking calls (keychain, disk, decode, balance) off the GUI thread.

    `task_finished` carries a TaskResult with the value or a typed error; receivers route on
    `kind` and `task_id`. Work functions must not touch Qt widgets or QPixmaps.
    """

    task_finished = Signal(object)
    task_progress = Signal(object)  # TaskProgress, from run_reporting() work

    def __init__(self, max_threads: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        self._active: dict[int, _TaskWorker] = {}
        self._cancels: dict[int, threading.Event] = {}

    def run(self, kind: str, work: Callable[[], Any]) -> int:
        task_id = next(self._ids)
        worker = _TaskWorker(task_id, kind, work)
        worker.signals.finished.connect(self._on_worker_finished)
        self._active[task_id] = worker
        self._pool.start(worker)
        return task_id

    def run_reporting(self, kind: str, work: ReportingWork) -> int:
        """Like `run`, for long work that reports progress (`task_progress`, throttled to
        whole percents) and stops when `cancel(task_id)` is called."""
        task_id = next(self._ids)
        cancel = threading.Event()
        signals = _TaskSignals()
        last = [-1]

        def report(done: int, total: int) -> None:
            percent = done * 100 // total if total > 0 else 0
            if percent != last[0]:
                last[0] = percent
                signals.progressed.emit(TaskProgress(task_id, kind, done, total))

        worker = _TaskWorker(task_id, kind, lambda: work(report, cancel), signals)
        signals.finished.connect(self._on_worker_finished)
        signals.progressed.connect(self._on_worker_progressed)
        self._active[task_id] = worker
        self._cancels[task_id] = cancel
        self._pool.start(worker)
        return task_id

    def cancel(self, task_id: int) -> None:
        if event := self._cancels.get(task_id):
            event.set()

    def pending(self) -> int:
        return len(self._active)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self._pool.waitForDone(timeout_ms)

    @Slot(object)
    def _on_worker_finished(self, result: TaskResult) -> None:
        self._active.pop(result.task_id, None)
        self._cancels.pop(result.task_id, None)
        self.task_finished.emit(result)

    @Slot(object)
    def _on_worker_progressed(self, progress: TaskProgress) -> None:
        self.task_progress.emit(progress)
