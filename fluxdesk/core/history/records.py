"""What the history holds, as immutable values, and how a database row becomes one."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from fluxdesk.core.api.models import GenerationRequest, TaskHandle
from fluxdesk.core.jobs import JobId, JobState
from fluxdesk.core.messages import stored_message

_STATUS_WORDS = {
    JobState.succeeded: "done",
    JobState.submitting: "sending",
    JobState.downloading: "saving",
}


@dataclass(frozen=True, slots=True)
class StoredImage:
    sha256: str
    path: Path
    format: str
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class PanelTag:
    """Which panel of a page a job was made for: panel `position` (reading order, from 1) of
    `count`, in one "run on panels" (`run_id`)."""

    run_id: str
    panel_id: int
    position: int
    count: int


@dataclass(frozen=True, slots=True)
class JobRecord:
    id: JobId
    created_at: float
    source: str
    api_base: str
    model: str
    prompt: str
    seed: int | None
    request: GenerationRequest
    price_estimate: float | None
    state: JobState
    progress: float | None
    task_id: str | None
    polling_url: str | None
    submitted_at: float | None
    ready_at: float | None
    finished_at: float | None
    cost: float | None
    result: StoredImage | None
    result_seed: int | None
    error_kind: str | None
    error_message: str | None
    parent_id: JobId | None
    settings_from: JobId | None
    starred: bool = False
    rejected: bool = False
    deleted_at: float | None = None
    page_id: int | None = None
    provider: str = "bfl"
    owner: str | None = None  # the token of the FluxDesk instance running it
    started_at: float | None = None  # sending began (after waiting for a free slot)
    resumed_at: float | None = None
    resume_count: int = 0
    edit_kind: str | None = None  # "region", "fill", "expand": the result is a composed page
    page_path: Path | None = None  # the full-resolution page a page edit was placed on
    panel: PanelTag | None = None  # made for one panel of a page (see core.panels.runs)

    @property
    def handle(self) -> TaskHandle | None:
        if self.task_id and self.polling_url:
            return TaskHandle(self.task_id, self.polling_url, self.cost)
        return None

    @property
    def status(self) -> str:
        """One stable word for lists and scripts."""
        if self.state is JobState.failed and self.error_kind == "expired":
            return "expired"
        if self.state is JobState.cancelled and self.error_kind == "not_sent":
            return "not-sent"
        if not self.state.is_terminal and self.error_message:
            return "paused"  # interrupted, waiting to be resumed
        return _STATUS_WORDS.get(self.state, self.state.value)

    @property
    def effective_seed(self) -> int | None:
        return self.result_seed if self.result_seed is not None else self.seed

    @property
    def generation_seconds(self) -> float | None:
        """From sending to the result on disk (or to the end), when both are known."""
        start = self.started_at or self.submitted_at
        if start is None or self.finished_at is None:
            return None
        return max(0.0, self.finished_at - start)


@dataclass(frozen=True, slots=True)
class PageEditRecord:
    """How a page edit's result was made: the model's raw output placed on a page."""

    kind: str
    page_path: Path | None
    page_size: tuple[int, int]
    raw_sha256: str
    plan_json: str


JOB_SELECT = (
    "SELECT jobs.*, images.sha256 AS r_sha, images.rel_path AS r_path, "
    "images.format AS r_format, images.width AS r_width, images.height AS r_height, "
    "page_edits.kind AS e_kind, page_edits.page_path AS e_page, "
    "panel_jobs.run_id AS p_run, panel_jobs.panel_id AS p_panel, "
    "panel_jobs.position AS p_position, panel_jobs.count AS p_count "
    "FROM jobs LEFT JOIN images ON images.sha256 = jobs.result_sha256 "
    "LEFT JOIN page_edits ON page_edits.job_id = jobs.id "
    "LEFT JOIN panel_jobs ON panel_jobs.job_id = jobs.id"
)


def record_from_row(row: sqlite3.Row, images_dir: Path) -> JobRecord:
    result = None
    if row["r_sha"]:
        result = StoredImage(
            row["r_sha"],
            images_dir / row["r_path"],
            row["r_format"],
            row["r_width"],
            row["r_height"],
        )
    return JobRecord(
        id=JobId(row["id"]),
        created_at=row["created_at"],
        source=row["source"],
        api_base=row["api_base"],
        model=row["model"],
        prompt=row["prompt"],
        seed=row["seed"],
        request=GenerationRequest.from_json(row["request_json"]),
        price_estimate=row["price_estimate"],
        state=JobState(row["state"]),
        progress=row["progress"],
        task_id=row["task_id"],
        polling_url=row["polling_url"],
        submitted_at=row["submitted_at"],
        ready_at=row["ready_at"],
        finished_at=row["finished_at"],
        cost=row["cost"],
        result=result,
        result_seed=row["result_seed"],
        error_kind=row["error_kind"],
        # A Message again (translatable) when its template and arguments were kept.
        error_message=stored_message(row["error_message"], row["error_message_json"]),
        parent_id=row["parent_id"],
        settings_from=row["settings_from"],
        starred=bool(row["starred"]),
        rejected=bool(row["rejected"]),
        deleted_at=row["deleted_at"],
        page_id=row["page_id"],
        provider=row["provider"],
        owner=row["owner"],
        started_at=row["started_at"],
        resumed_at=row["resumed_at"],
        resume_count=row["resume_count"],
        edit_kind=row["e_kind"],
        page_path=Path(row["e_page"]) if row["e_page"] else None,
        panel=(
            PanelTag(row["p_run"], row["p_panel"], row["p_position"], row["p_count"])
            if row["p_run"]
            else None
        ),
    )
