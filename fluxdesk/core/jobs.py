"""The life of one generation job, as a generator of immutable updates.

``run_generation`` submits, polls and downloads through a ``Provider`` (BFL, fal.ai or ComfyUI:
this module does not care which), writing every step to the history store before it yields, so
whoever listens (the GUI, the CLI) hears of a result only once it is on disk.
Blocking; run it on a worker thread. Cancelling and waiting share one primitive,
``threading.Event.wait``: it sleeps between polls and wakes at once on cancel.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, NewType

from fluxdesk.core.api.client import FluxApi
from fluxdesk.core.api.models import GenerationRequest, TaskHandle, TaskStatus
from fluxdesk.core.errors import (
    AuthError,
    DownloadError,
    FluxError,
    NetworkError,
    OperationCancelled,
    PollTimeout,
    ProtocolError,
    RateLimited,
    ResultExpired,
    ServerError,
    StorageError,
    TaskNotFound,
    UnexpectedError,
    ValidationProblem,
)
from fluxdesk.core.messages import Message
from fluxdesk.core.providers.base import Provider
from fluxdesk.core.providers.bfl import BflProvider

if TYPE_CHECKING:
    from fluxdesk.core.concurrency import ConcurrencyGate
    from fluxdesk.core.history.store import HistoryStore, StoredImage

log = logging.getLogger(__name__)

JobId = NewType("JobId", str)


class JobState(StrEnum):
    queued = "queued"  # waiting for a free worker; nothing sent yet
    submitting = "submitting"
    running = "running"  # accepted by the API, being generated
    downloading = "downloading"  # ready: fetching the image (already paid for)
    succeeded = "succeeded"
    failed = "failed"
    cancelled = "cancelled"

    @property
    def is_terminal(self) -> bool:
        return self in (JobState.succeeded, JobState.failed, JobState.cancelled)


@dataclass(frozen=True, slots=True)
class JobUpdate:
    job_id: JobId
    state: JobState
    progress: float | None = None
    task_id: str | None = None
    error: FluxError | None = None
    result: StoredImage | None = None
    seed: int | None = None
    cost: float | None = None
    # The run stopped but the job is not over: BFL accepted it (it may be paid), so it stays
    # unfinished in the history with its task id and is resumed later (next start, Resume,
    # `fluxdesk history resume`). `error` says why it stopped; `state` is the state it keeps.
    paused: bool = False

    @property
    def ends_run(self) -> bool:
        """The last update of a run: a terminal state, or a pause."""
        return self.paused or self.state.is_terminal


class CancelToken(threading.Event):
    """A cancel that also says why. An artist's cancel is recorded; a shutdown (the app is
    closing) is not, so the job is resumed on the next start while BFL still keeps it."""

    def __init__(self) -> None:
        super().__init__()
        self.shutdown = threading.Event()

    def cancel(self, *, shutdown: bool = False) -> None:
        if shutdown:
            self.shutdown.set()
        self.set()


def _is_shutdown(cancel: threading.Event) -> bool:
    return isinstance(cancel, CancelToken) and cancel.shutdown.is_set()


@dataclass(frozen=True, slots=True)
class PollPolicy:
    """How often to ask whether a job is done.

    Starts quickly, backs off geometrically, and when the API reports progress, aims the next
    poll at half the estimated time left, so a finished job is noticed soon without hammering.
    """

    first_delay: float = 0.5
    min_interval: float = 0.25
    max_interval: float = 5.0
    growth: float = 1.5
    deadline: float = 600.0
    # "Task not found" right after submitting can be replication lag between clusters.
    not_found_grace: int = 3

    @classmethod
    def immediate(cls, deadline: float = 60.0) -> PollPolicy:
        """No waiting: for tests against the emulator."""
        return cls(0.0, 0.0, 0.0, 1.0, deadline)

    def next_interval(self, previous: float, elapsed: float, progress: float | None) -> float:
        interval = min(self.max_interval, max(self.min_interval, previous * self.growth))
        if progress is not None and 0.05 <= progress < 1.0 and elapsed > 0:
            remaining = elapsed * (1.0 - progress) / progress
            interval = min(interval, max(self.min_interval, remaining / 2))
        return interval


def is_resumable(error: FluxError) -> bool:
    """After BFL accepted a job, which failures only interrupt it: the connection, a busy or
    failing server, our own deadline, a download cut short, a full disk, a key rejected (or
    removed) meanwhile. Trying again later can still bring the (paid) result home, so these
    pause the job instead of failing it."""
    if isinstance(error, ResultExpired | ProtocolError):
        return False
    return isinstance(
        error,
        NetworkError
        | RateLimited
        | ServerError
        | PollTimeout
        | DownloadError
        | StorageError
        | AuthError,
    )


class _Paused(Exception):
    """Internal: the run stops here and the job stays resumable."""

    def __init__(self, error: FluxError) -> None:
        super().__init__(error.user_message)
        self.error = error


def as_provider(target: Provider | FluxApi) -> Provider:
    """A bare BFL client (as older callers pass) becomes the BFL provider."""
    return BflProvider(target) if isinstance(target, FluxApi) else target


class _Job:
    def __init__(
        self,
        job_id: JobId,
        provider: Provider,
        store: HistoryStore,
        policy: PollPolicy,
        cancel: threading.Event,
        state: JobState = JobState.queued,
    ) -> None:
        self.job_id = job_id
        self.provider = provider
        self.store = store
        self.policy = policy
        self.cancel = cancel
        self.state = state  # as last recorded in the history

    def _recorded(self, state: JobState) -> JobState:
        self.state = state
        return state

    def _wait(self, seconds: float) -> None:
        if self.cancel.wait(seconds) if seconds > 0 else self.cancel.is_set():
            raise OperationCancelled()

    def submit(self, request: GenerationRequest) -> Iterator[JobUpdate]:
        if problems := self.provider.validate(request):
            raise ValidationProblem(problems)
        if self.cancel.is_set():
            raise OperationCancelled()
        self.store.mark_submitting(self.job_id)
        yield JobUpdate(self.job_id, self._recorded(JobState.submitting))
        handle = self.provider.submit(request, self.store.image_bytes, self.cancel)
        self.store.mark_submitted(self.job_id, handle)
        yield JobUpdate(
            self.job_id,
            self._recorded(JobState.running),
            progress=0.0,
            task_id=handle.task_id,
            cost=handle.cost,
        )
        yield from self.follow(handle)

    def follow(self, handle: TaskHandle) -> Iterator[JobUpdate]:
        """Polls until a terminal status, then downloads and stores the result. Failures that
        only interrupt an accepted job pause it (see `is_resumable`)."""
        try:
            yield from self._follow(handle)
        except OperationCancelled:
            if not _is_shutdown(self.cancel):
                self.provider.cancel(handle)  # the artist's cancel: stop the server's work too
            raise
        except FluxError as error:
            if is_resumable(error):
                raise _Paused(error) from error
            raise
        finally:
            self.provider.release(handle)

    def _follow(self, handle: TaskHandle) -> Iterator[JobUpdate]:
        provider = self.provider
        started = time.monotonic()
        interval = self.policy.first_delay
        last_progress: float | None = None
        not_found = 0
        self._wait(interval)
        while True:
            status = provider.poll(handle, self.cancel)
            if status.status is TaskStatus.ready:
                break
            if status.status is TaskStatus.task_not_found:
                not_found += 1
                if not_found >= self.policy.not_found_grace:
                    raise TaskNotFound(
                        Message(
                            "{label} no longer knows this job (it may have expired). Run it again.",
                            label=provider.label,
                        )
                    )
            else:
                not_found = 0
            if status.progress is not None and status.progress != last_progress:
                last_progress = status.progress
                self.store.mark_state(self.job_id, JobState.running, status.progress)
                yield JobUpdate(self.job_id, JobState.running, progress=status.progress)
            elapsed = time.monotonic() - started
            if elapsed > self.policy.deadline:
                minutes = self.policy.deadline / 60
                raise PollTimeout(
                    Message(
                        "The job was not ready after {minutes:g} minutes, so FluxDesk stopped "
                        "waiting. It stays in the history and can be resumed while {label} keeps "
                        "it.",
                        minutes=minutes,
                        label=provider.label,
                    )
                )
            interval = self.policy.next_interval(interval, elapsed, last_progress)
            self._wait(interval)

        # From here the job is paid for: a cancel no longer stops it (the result is kept).
        self.store.mark_ready(self.job_id)
        yield JobUpdate(self.job_id, self._recorded(JobState.downloading), progress=1.0)
        # An artist's cancel no longer stops a paid result; closing the app does (it resumes).
        abort = self.cancel.shutdown if isinstance(self.cancel, CancelToken) else None
        image = provider.fetch_result(status, abort)
        stored = self.store.save_result(self.job_id, image, status.seed)
        yield JobUpdate(
            self.job_id,
            JobState.succeeded,
            progress=1.0,
            result=stored,
            seed=status.seed,
            cost=handle.cost,
        )


def _guarded(job: _Job, steps: Iterator[JobUpdate]) -> Iterator[JobUpdate]:
    """Every path ends in exactly one terminal update, recorded in the history first."""
    try:
        yield from steps
        return
    except _Paused as paused:
        log.info("job %s paused: %s (%s)", job.job_id, paused.error.kind, paused.error.detail)
        try:
            job.store.mark_paused(job.job_id, paused.error)
        except Exception:  # e.g. the disk is still full: the state in the history is enough
            log.exception("could not note why job %s paused", job.job_id)
        yield JobUpdate(job.job_id, job.state, error=paused.error, paused=True)
        return
    except OperationCancelled:
        final = JobUpdate(job.job_id, JobState.cancelled)
        if _is_shutdown(job.cancel):
            log.info("job %s interrupted by shutdown; it resumes on the next start", job.job_id)
            yield JobUpdate(job.job_id, job.state, paused=True)
            return
    except FluxError as error:
        log.info("job %s failed: %s (%s)", job.job_id, error.kind, error.detail or "")
        final = JobUpdate(job.job_id, JobState.failed, error=error)
    except Exception as exc:  # a bug must still end the job visibly and on record
        log.exception("job %s crashed", job.job_id)
        final = JobUpdate(job.job_id, JobState.failed, error=UnexpectedError.wrap(exc))
    try:
        if final.error is None:
            job.store.mark_cancelled(job.job_id)
        else:
            job.store.mark_failed(job.job_id, final.error)
    except Exception:  # e.g. disk full: the listener must still hear the outcome
        log.exception("could not record the end of job %s", job.job_id)
    yield final


def run_generation(
    job_id: JobId,
    request: GenerationRequest,
    *,
    provider: Provider | FluxApi,
    store: HistoryStore,
    policy: PollPolicy,
    cancel: threading.Event,
) -> Iterator[JobUpdate]:
    """Runs a job already recorded with ``store.create_job``. Blocking; worker thread only."""
    job = _Job(job_id, as_provider(provider), store, policy, cancel)
    return _guarded(job, job.submit(request))


def resume_generation(
    job_id: JobId,
    handle: TaskHandle,
    *,
    provider: Provider | FluxApi,
    store: HistoryStore,
    policy: PollPolicy,
    cancel: threading.Event,
    state: JobState = JobState.running,
) -> Iterator[JobUpdate]:
    """Picks up a job the API already accepted (after a restart): poll, download, store.
    `state` is the job's state in the history (running, or downloading)."""
    job = _Job(job_id, as_provider(provider), store, policy, cancel, state)
    return _guarded(job, job.follow(handle))


DEMO_RUNNER = "demo"  # the history's provider column for jobs run on the built-in emulator


@dataclass(frozen=True, slots=True)
class JobPlan:
    """Everything needed to record and run one job (one variation)."""

    request: GenerationRequest
    provider: Provider  # a bare FluxApi is accepted too and becomes the BFL provider
    source: str  # "gui" or "cli"
    price_estimate: float | None = None
    parent_id: JobId | None = None  # the result used as this job's input
    settings_from: JobId | None = None  # the entry whose settings were reused
    # On the built-in demo emulator: free, so simply sent again after a restart (recorded as
    # the "demo" runner; the request still says which provider it was written for).
    demo: bool = False
    page_id: int | None = None  # the project page the job belongs to
    # When the artist asked for it (variations start in parallel; their order is kept).
    created_at: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "provider", as_provider(self.provider))
        if self.request.provider != self.provider.id:
            raise ValueError(
                f"a {self.request.provider} request cannot run on {self.provider.label}"
            )


def run_planned_job(
    job_id: JobId,
    plan: JobPlan,
    *,
    store: HistoryStore,
    policy: PollPolicy,
    gate: ConcurrencyGate,
    cancel: threading.Event,
) -> Iterator[JobUpdate]:
    """Records the job, waits for a free API slot, then runs it. Blocking; worker thread."""
    provider = plan.provider
    job = _Job(job_id, provider, store, policy, cancel)

    def steps() -> Iterator[JobUpdate]:
        store.create_job(
            job_id,
            plan.request,
            source=plan.source,
            api_base=provider.base_url,
            price_estimate=plan.price_estimate,
            parent_id=plan.parent_id,
            settings_from=plan.settings_from,
            provider=DEMO_RUNNER if plan.demo else provider.id,
            page_id=plan.page_id,
            created_at=plan.created_at,
        )
        yield JobUpdate(job_id, JobState.queued)
        model = plan.request.model
        limit = provider.concurrency(model)
        with gate.slot(model, cancel, limit=limit, account=provider.id):
            yield from job.submit(plan.request)

    return _guarded(job, steps())
