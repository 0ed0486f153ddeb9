"""Chapter batches: one task preset run over every page of a chapter, reviewed as a contact
sheet. Qt-free; the records live in the history database (schema v8)."""

from fluxdesk.core.batch.jobs import BatchJob, page_jobs, run_batch_job
from fluxdesk.core.batch.model import (
    Batch,
    BatchPage,
    BatchSettings,
    BatchView,
    PageStatus,
    PageView,
    SeedPolicy,
)
from fluxdesk.core.batch.records import (
    PageSource,
    accept,
    batch_job_ids,
    batch_of_page,
    claim_batches,
    create_batch,
    get_batch,
    list_batches,
    read_batch,
    request_redo,
    set_stopped,
)
from fluxdesk.core.batch.runner import send_pages
from fluxdesk.core.batch.sources import (
    Estimate,
    estimate,
    keep_source,
    main_slot,
    page_files,
    page_sizes,
    sized_input,
    stage,
)

__all__ = [
    "Batch",
    "BatchJob",
    "BatchPage",
    "BatchSettings",
    "BatchView",
    "Estimate",
    "PageSource",
    "PageStatus",
    "PageView",
    "SeedPolicy",
    "accept",
    "batch_job_ids",
    "batch_of_page",
    "claim_batches",
    "create_batch",
    "estimate",
    "get_batch",
    "keep_source",
    "list_batches",
    "main_slot",
    "page_files",
    "page_jobs",
    "page_sizes",
    "read_batch",
    "request_redo",
    "run_batch_job",
    "send_pages",
    "set_stopped",
    "sized_input",
    "stage",
]
