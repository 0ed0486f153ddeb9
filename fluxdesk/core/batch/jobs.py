"""A batch page's jobs: one normal job per variation (recorded, gated, sent, downloaded as
any other), tied to its batch page in the history before it can be sent. Blocking; these run
on worker threads (the GUI's JobRunner, or the command line's pool)."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from fluxdesk.core.api.models import InputImage
from fluxdesk.core.batch.model import Batch, BatchPage
from fluxdesk.core.batch.records import link_job
from fluxdesk.core.concurrency import ConcurrencyGate
from fluxdesk.core.errors import FluxError
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId, JobPlan, JobState, JobUpdate, PollPolicy, run_planned_job
from fluxdesk.core.providers.base import Provider

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BatchJob:
    """One variation of one page's run (a plan type of the JobRunner)."""

    plan: JobPlan
    batch_id: int
    position: int
    run: int


def page_jobs(
    batch: Batch,
    page: BatchPage,
    main_input: InputImage,
    provider: Provider,
    *,
    source: str,
    demo: bool = False,
) -> list[tuple[JobId, BatchJob]]:
    """The page's current run as (job id, plan) pairs, in variation order."""
    now = time.time()
    jobs = []
    for offset, request in enumerate(batch.settings.requests(page.seed, main_input)):
        plan = JobPlan(
            request,
            provider,
            source,
            provider.price(request),
            demo=demo,
            page_id=page.page_id,
            # Variations keep their order in the history (and the page order across the batch).
            created_at=now + offset * 1e-6,
        )
        jobs.append((JobId(uuid.uuid4().hex), BatchJob(plan, batch.id, page.position, page.run)))
    return jobs


def run_batch_job(
    job_id: JobId,
    job: BatchJob,
    *,
    store: HistoryStore,
    policy: PollPolicy,
    gate: ConcurrencyGate,
    cancel: threading.Event,
) -> Iterator[JobUpdate]:
    """`run_planned_job`, with the job tied to its batch page as soon as it is recorded (while
    it waits for a free slot, before anything is sent). Blocking; worker thread."""
    steps = run_planned_job(job_id, job.plan, store=store, policy=policy, gate=gate, cancel=cancel)
    for update in steps:
        if update.state is JobState.queued and not update.ends_run:
            try:
                link_job(store, job_id, job.batch_id, job.position, job.run)
            except FluxError as error:
                steps.close()  # still waiting for a slot: nothing was sent
                log.warning("batch job %s could not be linked: %s", job_id, error.detail)
                try:
                    store.mark_failed(job_id, error)
                except FluxError:
                    log.exception("could not record the end of job %s", job_id)
                yield JobUpdate(job_id, JobState.failed, error=error)
                return
        yield update
