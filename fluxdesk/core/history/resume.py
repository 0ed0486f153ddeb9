"""After a crash, a kill or a power cut: what happens to the jobs that were in flight.

On start, every unfinished job whose owner (see `leases`) is gone is claimed by this instance
and given one decision, from its state and how long ago things happened:

- ``queued`` (never sent): nothing was charged; it is marked as not sent, to run again by hand.
- ``submitting`` with no task id: it may have reached BFL and been paid, or not. It is never
  sent again automatically; the artist is told to check the BFL dashboard.
- ``running`` or ``downloading`` with a task id: polled and downloaded again while BFL still
  keeps it (results live 10 minutes after they are ready); past that it is marked expired,
  with what to do.
- A job of the built-in demo emulator: free, so it is simply sent again.
- Without an API key the paid jobs wait (untouched) until there is one.

Qt-free and blocking: call from a worker thread in the GUI.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from fluxdesk.core.history.leases import owner_alive
from fluxdesk.core.history.records import JobRecord
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import (
    DEMO_RUNNER,
    JobId,
    JobState,
    JobUpdate,
    PollPolicy,
    resume_generation,
    run_generation,
)
from fluxdesk.core.messages import Message
from fluxdesk.core.providers.base import Provider
from fluxdesk.core.providers.bfl import BflProvider

log = logging.getLogger(__name__)

DOWNLOAD_WINDOW = 600.0  # BFL deletes a result 10 minutes after it is ready
# BFL finishes a job within minutes; a job sent longer ago than this was ready (and deleted)
# long before, so it is marked expired without asking the network (works offline too).
TASK_HORIZON = 3600.0


class RecoveryAction(StrEnum):
    resume = "resume"  # poll and download again
    resend = "resend"  # a demo job: free, so sent again
    not_sent = "not_sent"
    uncertain = "uncertain"
    expired = "expired"
    wait = "wait"  # needs an API key (or demo mode) first


@dataclass(frozen=True, slots=True)
class RecoveryStep:
    job: JobRecord
    action: RecoveryAction
    message: str = ""

    @property
    def runs(self) -> bool:
        return self.action in (RecoveryAction.resume, RecoveryAction.resend)

    @property
    def settles(self) -> bool:
        """Ends the job now (recorded by `settle`)."""
        return self.action in (
            RecoveryAction.not_sent,
            RecoveryAction.uncertain,
            RecoveryAction.expired,
        )


def _clock(seconds: float) -> str:
    return time.strftime("%H:%M", time.localtime(seconds))


def claim_interrupted(
    store: HistoryStore, only: Collection[JobId] | None = None
) -> list[JobRecord]:
    """Unfinished jobs whose owner is no longer running (of `only`, if given), now owned by
    this instance.

    Jobs of a live instance (another window, a running `fluxdesk generate`) are left alone,
    and a job two starting instances both find is claimed by exactly one of them."""
    claimed: list[JobRecord] = []
    for job in store.unfinished_jobs():
        if only is not None and job.id not in only:
            continue
        if job.owner is not None and job.owner == store.owner:
            continue  # ours: running in this process right now, or paused by it
        if owner_alive(store.leases_dir, job.owner):
            continue
        if store.claim_job(job.id, job.owner):
            claimed.append(job)
    return claimed


def decide(job: JobRecord, *, now: float, have_key: bool, demo: bool) -> RecoveryStep:
    """One interrupted job's fate. Pure: no I/O."""
    if job.provider == DEMO_RUNNER:
        if demo:
            return RecoveryStep(job, RecoveryAction.resend)
        return RecoveryStep(
            job,
            RecoveryAction.wait,
            Message("A demo job from an earlier session: it runs again (free) in demo mode."),
        )
    if job.state is JobState.queued:
        return RecoveryStep(
            job,
            RecoveryAction.not_sent,
            Message(
                "FluxDesk closed before this job was sent, so nothing was charged. Use Reuse "
                "settings to run it again."
            ),
        )
    if job.handle is None:
        return RecoveryStep(
            job,
            RecoveryAction.uncertain,
            Message(
                "FluxDesk closed while sending this job, so it may have reached BFL (and been "
                "charged) or not. It is not sent again by itself: check your BFL dashboard "
                "(dashboard.bfl.ai) before running it again."
            ),
        )
    if job.ready_at is not None and now > job.ready_at + DOWNLOAD_WINDOW:
        return RecoveryStep(
            job,
            RecoveryAction.expired,
            Message(
                "The result was ready at {ready}, but FluxDesk was closed until {now} and BFL "
                "deletes results 10 minutes after they are ready. It was probably charged; to "
                "get it, run the job again (Reuse settings keeps the seed).",
                ready=_clock(job.ready_at),
                now=_clock(now),
            ),
        )
    sent = job.submitted_at or job.created_at
    if job.ready_at is None and now > sent + TASK_HORIZON:
        return RecoveryStep(
            job,
            RecoveryAction.expired,
            Message(
                "This job was sent at {sent} and FluxDesk was closed for more than an hour; "
                "BFL keeps a result only 10 minutes after it is ready. It was probably charged; "
                "to get it, run the job again (Reuse settings keeps the seed).",
                sent=_clock(sent),
            ),
        )
    if not have_key:
        waiting = Message("Waiting for your API key to fetch this result: add it in Settings.")
        if job.ready_at is not None:
            waiting = Message(
                "Waiting for your API key to fetch this result: add it in Settings. BFL keeps "
                "it until {time}.",
                time=_clock(job.ready_at + DOWNLOAD_WINDOW),
            )
        return RecoveryStep(job, RecoveryAction.wait, waiting)
    return RecoveryStep(job, RecoveryAction.resume)


def plan_recovery(
    jobs: Iterable[JobRecord], *, now: float | None = None, have_key: bool, demo: bool = False
) -> list[RecoveryStep]:
    moment = time.time() if now is None else now
    return [decide(job, now=moment, have_key=have_key, demo=demo) for job in jobs]


_SETTLED_AS = {
    RecoveryAction.not_sent: (JobState.cancelled, "not_sent"),
    RecoveryAction.uncertain: (JobState.failed, "submit_uncertain"),
    RecoveryAction.expired: (JobState.failed, "expired"),
}


def settle(store: HistoryStore, steps: Iterable[RecoveryStep]) -> list[JobId]:
    """Records the steps that end a job now; returns their ids."""
    settled: list[JobId] = []
    for step in steps:
        if not step.settles:
            continue
        state, kind = _SETTLED_AS[step.action]
        store.mark_ended(step.job.id, state, kind, step.message)
        log.info("interrupted job %s: %s", step.job.id, step.action.value)
        settled.append(step.job.id)
    return settled


def note_waiting(store: HistoryStore, steps: Iterable[RecoveryStep]) -> None:
    """Says on each waiting job why it waits (its state is left as it is)."""
    for step in steps:
        if step.action is RecoveryAction.wait:
            store.note(step.job.id, "waiting", step.message)


@dataclass(frozen=True, slots=True)
class ResumePlan:
    """What a worker needs to pick up one interrupted job (the JobRunner's other plan type)."""

    job: JobRecord
    provider: Provider
    resend: bool = False

    @classmethod
    def for_step(cls, step: RecoveryStep, provider: Provider) -> ResumePlan:
        if isinstance(provider, BflProvider) and step.action is not RecoveryAction.resend:
            # The job's own API address: it may have been sent before the region changed.
            provider = BflProvider(provider.api.rebased(step.job.api_base))
        return cls(step.job, provider, step.action is RecoveryAction.resend)


def run_resume(
    job_id: JobId,
    plan: ResumePlan,
    *,
    store: HistoryStore,
    policy: PollPolicy,
    cancel: threading.Event,
) -> Iterator[JobUpdate]:
    """Follows (or, for demo jobs, re-sends) one interrupted job. Blocking; worker thread.
    Ends like any run: a terminal update, or a pause if it is interrupted again."""
    job = plan.job
    store.mark_resumed(job_id)
    if plan.resend or job.handle is None:
        return run_generation(
            job_id, job.request, provider=plan.provider, store=store, policy=policy, cancel=cancel
        )
    state = job.state if job.state is JobState.downloading else JobState.running
    handle = job.handle

    def steps() -> Iterator[JobUpdate]:
        yield JobUpdate(job_id, state, progress=job.progress, task_id=handle.task_id)
        yield from resume_generation(
            job_id,
            handle,
            provider=plan.provider,
            store=store,
            policy=policy,
            cancel=cancel,
            state=state,
        )

    return steps()
