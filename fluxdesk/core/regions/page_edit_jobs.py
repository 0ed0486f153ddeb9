"""Running a page edit: the ordinary job, then its result placed on the full-resolution page.

The raw result is stored first (as for every job); then the composed page is stored and becomes
the job's result, with the raw output and the placement kept in ``page_edits``. Whoever listens
hears of success once the composed page is on disk. If placing fails, the job still succeeds with
the raw result, and its update carries the reason in ``error`` (nothing paid for is lost).
Blocking; worker thread only.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from fluxdesk.core.errors import FluxError, UnexpectedError
from fluxdesk.core.history.store import HistoryStore, PageEditRecord
from fluxdesk.core.imaging.load import load_image
from fluxdesk.core.jobs import JobId, JobPlan, JobState, JobUpdate, PollPolicy, run_planned_job
from fluxdesk.core.messages import Message
from fluxdesk.core.regions.page_edit import PageEdit, encode_png

if TYPE_CHECKING:
    from fluxdesk.core.concurrency import ConcurrencyGate

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PageEditJob:
    """One variation of a page edit: the job to run and where its result goes."""

    job: JobPlan
    edit: PageEdit


def run_page_edit_job(
    job_id: JobId,
    plan: PageEditJob,
    *,
    store: HistoryStore,
    policy: PollPolicy,
    gate: ConcurrencyGate,
    cancel: threading.Event,
) -> Iterator[JobUpdate]:
    """``run_planned_job``, with the success placed on the page. Blocking; worker thread."""
    updates = run_planned_job(
        job_id, plan.job, store=store, policy=policy, gate=gate, cancel=cancel
    )
    for update in updates:
        if update.state is JobState.succeeded and update.result is not None:
            update = place_result(store, job_id, update, plan.edit)
        yield update


def place_result(
    store: HistoryStore, job_id: JobId, update: JobUpdate, edit: PageEdit
) -> JobUpdate:
    """The succeeded `update` with the composed page as its result (or the raw result and the
    reason it could not be placed)."""
    assert update.result is not None
    raw = update.result
    try:
        composed = edit.placement.compose(edit.page, load_image(raw.path))
        record = PageEditRecord(
            str(edit.placement.kind),
            edit.page_path,
            edit.page.size,
            raw.sha256,
            edit.placement.to_json(),
        )
        stored = store.save_page_edit(job_id, record, encode_png(composed), composed.size)
    except Exception as exc:  # the raw result is safe; say why it is not on the page
        if not isinstance(exc, FluxError):
            log.exception("placing the result of job %s failed", job_id)
            exc = UnexpectedError.wrap(exc)
        log.warning("job %s: result not placed on the page: %s", job_id, exc.user_message)
        warning = FluxError(
            Message(
                "The result is kept as the model made it, but it could not be placed on the "
                "page: {reason}",
                reason=exc.user_message,
            ),
            detail=exc.detail,
        )
        return replace(update, error=warning)
    return replace(update, result=stored)
