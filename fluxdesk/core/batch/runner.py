"""Running a batch without the GUI (the command line, benchmarks): pages are staged two at a
time and their jobs sent through one ConcurrencyGate, so the account's limit (24, 6 for
Kontext [max]) is never exceeded; results land in the history as with any job.

Blocking; the whole call runs until every job sent has ended (or `cancel` is set)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from fluxdesk.core.api.models import InputImage
from fluxdesk.core.batch.jobs import BatchJob, page_jobs, run_batch_job
from fluxdesk.core.batch.model import Batch, BatchPage
from fluxdesk.core.batch.sources import stage
from fluxdesk.core.concurrency import ACCOUNT_LIMIT, ConcurrencyGate
from fluxdesk.core.errors import FluxError
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId, JobState, JobUpdate, PollPolicy
from fluxdesk.core.providers.base import Provider

OnUpdate = Callable[[BatchPage, JobUpdate], None]  # called on the job's worker thread
STAGING_THREADS = 2  # decoding 26 MP scans is CPU-bound: more threads only add memory


def send_pages(
    store: HistoryStore,
    batch: Batch,
    pages: Sequence[BatchPage],
    *,
    provider: Provider,
    policy: PollPolicy,
    cancel: threading.Event,
    gate: ConcurrencyGate | None = None,
    on_update: OnUpdate | None = None,
    source: str = "cli",
) -> dict[JobId, JobUpdate]:
    """Sends each page's current run; returns every job's last update (a page whose scan could
    not be staged reports a failed update under the id ``stage-<position>``)."""
    gate = gate or ConcurrencyGate()
    spec = provider.model(batch.settings.template.model)
    finals: dict[JobId, JobUpdate] = {}
    lock = threading.Lock()

    def run(job_id: JobId, job: BatchJob, page: BatchPage) -> None:
        final = JobUpdate(job_id, JobState.failed)
        for update in run_batch_job(
            job_id, job, store=store, policy=policy, gate=gate, cancel=cancel
        ):
            final = update
            if on_update is not None:
                on_update(page, update)
        with lock:
            finals[job_id] = final

    # A job waiting at the gate holds a thread: twice the account's limit keeps it saturated.
    jobs_pool = ThreadPoolExecutor(2 * ACCOUNT_LIMIT, thread_name_prefix="batch-job")
    futures: list[Future[None]] = []
    with ThreadPoolExecutor(STAGING_THREADS, thread_name_prefix="batch-stage") as staging:
        staged = [(page, staging.submit(stage, store, spec, page)) for page in pages]
        for page, future in staged:  # in page order: page 1 is sent first
            try:
                main: InputImage = future.result()
            except FluxError as error:
                failed = JobUpdate(JobId(f"stage-{page.position}"), JobState.failed, error=error)
                finals[failed.job_id] = failed
                if on_update is not None:
                    on_update(page, failed)
                continue
            if cancel.is_set():
                break
            for job_id, job in page_jobs(batch, page, main, provider, source=source):
                futures.append(jobs_pool.submit(run, job_id, job, page))
    for future in futures:
        future.result()
    jobs_pool.shutdown()
    return finals
