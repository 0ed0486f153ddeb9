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
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from fluxdesk.core.errors import FluxError, OperationCancelled, UnexpectedError
from fluxdesk.core.jobs import CancelToken, JobId, JobState, JobUpdate
from fluxdesk.ui.i18n import translate

log = logging.getLogger(__name__)

# The API allows 24 jobs in flight per account; more wait in the pool's queue.
MAX_CONCURRENT_JOBS = 24

StartJob = Callable[[JobId, Any, threading.Event], Iterator[JobUpdate]]


class _JobSignals(QObject):
    updated = Signal(object)  # JobUpdate


class _JobWorker(QRunnable):
    def __init__(
        self,
        job_id: JobId,
        work: Callable[[threading.Event], Iterator[JobUpdate]],
        owner: QObject,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it alive until its terminal update
        self.job_id = job_id
        self.cancel = CancelToken()
        # Owned by the runner (GUI thread), deleted there with deleteLater: the worker itself
        # may be freed on the pool thread, which must never delete a GUI-thread QObject.
        self.signals = _JobSignals(owner)
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
            error = UnexpectedError(translate("JobRunner", "The job stopped without a result."))
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
        # Workers go to the pool one per turn of the event loop: 24 started in one slot each
        # take the GIL at once (recording, staging) and the window stalled for ~45 ms.
        self._waiting: deque[_JobWorker] = deque()
        self._feeder = QTimer(self)
        self._feeder.setInterval(0)
        self._feeder.timeout.connect(self._on_feeder_timeout)

    def submit(self, job_id: JobId, plan: Any) -> None:
        start = self._start

        def work(cancel: threading.Event) -> Iterator[JobUpdate]:
            return start(job_id, plan, cancel)

        worker = _JobWorker(job_id, work, self)
        worker.signals.updated.connect(self._on_worker_updated)  # bound @Slot => queued
        self._active[job_id] = worker
        self._waiting.append(worker)
        self._feeder.start()
        self.active_count_changed.emit(len(self._active))

    @Slot()
    def _on_feeder_timeout(self) -> None:
        if self._waiting:
            self._pool.start(self._waiting.popleft())
        if not self._waiting:
            self._feeder.stop()

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
        self._feeder.stop()
        while self._waiting:  # they see the shutdown at once and end without sending
            self._pool.start(self._waiting.popleft())
        return self._pool.waitForDone(timeout_ms)

    @Slot(object)
    def _on_worker_updated(self, update: JobUpdate) -> None:
        self.job_updated.emit(update)
        if update.ends_run:  # terminal, or paused (it stays resumable)
            worker = self._active.pop(update.job_id, None)
            if worker is not None:
                worker.signals.deleteLater()
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


class _TaskSignals(QObject):
    finished = Signal(object)  # TaskResult


class _TaskWorker(QRunnable):
    def __init__(
        self, task_id: int, kind: str, work: Callable[[], Any], signals: _TaskSignals
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.task_id = task_id
        self.kind = kind
        self.signals = signals  # owned by the runner, deleted on the GUI thread (see above)
        self._work = work

    def run(self) -> None:
        try:
            result = TaskResult(self.task_id, self.kind, value=self._work())
        except FluxError as error:
            # Without its traceback: that holds this frame (self, result), a reference cycle the
            # garbage collector would free later on any thread, this worker's QObject included.
            result = TaskResult(self.task_id, self.kind, error=error.with_traceback(None))
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

    def __init__(self, max_threads: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        self._active: dict[int, _TaskWorker] = {}

    def run(self, kind: str, work: Callable[[], Any]) -> int:
        task_id = next(self._ids)
        worker = _TaskWorker(task_id, kind, work, _TaskSignals(self))
        worker.signals.finished.connect(self._on_worker_finished)
        self._active[task_id] = worker
        self._pool.start(worker)
        return task_id

    def pending(self) -> int:
        return len(self._active)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self._pool.waitForDone(timeout_ms)

    @Slot(object)
    def _on_worker_finished(self, result: TaskResult) -> None:
        worker = self._active.pop(result.task_id, None)
        if worker is not None:
            worker.signals.deleteLater()
        self.task_finished.emit(result)


# --- background tasks with progress and cancel ----------------------------------------------

Report = Callable[[float], None]
ProgressWork = Callable[[Report, threading.Event], Any]


class _ProgressSignals(_TaskSignals):
    progressed = Signal(int, float)  # task id, fraction done


class _ProgressWorker(_TaskWorker):
    signals: _ProgressSignals

    def __init__(self, task_id: int, kind: str, work: ProgressWork, owner: QObject) -> None:
        super().__init__(task_id, kind, self._call, _ProgressSignals(owner))
        self.cancel = threading.Event()
        self._progress_work = work
        self._reported = -1.0

    def _call(self) -> Any:
        if self.cancel.is_set():  # cancelled while queued: end at once
            raise OperationCancelled()
        return self._progress_work(self._report, self.cancel)

    def _report(self, fraction: float) -> None:
        # Whole percents only: a strip loop may report thousands of times.
        if fraction >= 1.0 or fraction - self._reported >= 0.01:
            self._reported = fraction
            self.signals.progressed.emit(self.task_id, fraction)


class ProgressTaskRunner(TaskRunner):
    """A TaskRunner whose `run_with_progress` work takes (report, cancel): `report(fraction)`
    arrives as `task_progress` on the GUI thread, `cancel(task_id)` sets the event. A
    cancelled task still ends with one `task_finished` (error `OperationCancelled`)."""

    task_progress = Signal(int, float)  # task id, fraction done

    def run_with_progress(self, kind: str, work: ProgressWork) -> int:
        task_id = next(self._ids)
        worker = _ProgressWorker(task_id, kind, work, self)
        worker.signals.finished.connect(self._on_worker_finished)
        worker.signals.progressed.connect(self._on_worker_progressed)
        self._active[task_id] = worker
        self._pool.start(worker)
        return task_id

    def cancel(self, task_id: int) -> None:
        worker = self._active.get(task_id)
        if isinstance(worker, _ProgressWorker):
            worker.cancel.set()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        for task_id in list(self._active):
            self.cancel(task_id)
        return super().shutdown(timeout_ms)

    @Slot(int, float)
    def _on_worker_progressed(self, task_id: int, fraction: float) -> None:
        if task_id in self._active:
            self.task_progress.emit(task_id, fraction)
