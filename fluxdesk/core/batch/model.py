"""A chapter batch as values: its settings, its pages, and each page's status, which is derived
from the page's jobs in the history rather than stored, so a kill at any moment can never leave
it saying something the jobs contradict."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from enum import StrEnum

from fluxdesk.core.api.models import GenerationRequest, InputImage
from fluxdesk.core.history.records import JobRecord, StoredImage
from fluxdesk.core.prompt_state import SEED_RANGE

MAX_VARIATIONS = 8
MAX_PAGES = 500


class SeedPolicy(StrEnum):
    fixed = "fixed"  # every page starts from the same seed
    consecutive = "consecutive"  # seeds run on through the chapter: no two jobs share one
    random = "random"  # a fresh random seed per page


class PageStatus(StrEnum):
    pending = "pending"  # not sent yet
    running = "running"  # jobs queued, sent or downloading
    done = "done"  # at least one result to review
    accepted = "accepted"  # the artist kept a result
    redo = "redo"  # the artist asked for a new run, not sent yet
    failed = "failed"  # every job of the run ended without a result

    @property
    def needs_sending(self) -> bool:
        return self in (PageStatus.pending, PageStatus.redo)

    @property
    def settled(self) -> bool:
        """Nothing more happens to the page by itself."""
        return self in (PageStatus.done, PageStatus.accepted, PageStatus.failed)


def random_seed() -> int:
    return secrets.randbelow(SEED_RANGE)


@dataclass(frozen=True, slots=True)
class BatchSettings:
    """What every page of the batch is run with: the preset's request (no seed, no inputs),
    variations per page and how seeds are chosen."""

    template: GenerationRequest
    variations: int = 1
    seed_policy: SeedPolicy = SeedPolicy.consecutive
    base_seed: int | None = None  # None: chosen at random when the batch is made

    def __post_init__(self) -> None:
        if not 1 <= self.variations <= MAX_VARIATIONS:
            raise ValueError(f"variations must be 1 to {MAX_VARIATIONS}")
        object.__setattr__(self, "template", replace(self.template, seed=None, inputs=()))

    def page_seeds(self, count: int) -> list[int]:
        """The first run's seed of each page (variations take seed, seed + 1, …)."""
        base = random_seed() if self.base_seed is None else self.base_seed
        if self.seed_policy is SeedPolicy.fixed:
            return [base] * count
        if self.seed_policy is SeedPolicy.consecutive:
            return [(base + page * self.variations) % SEED_RANGE for page in range(count)]
        return [random_seed() for _ in range(count)]

    def requests(self, seed: int, main_input: InputImage) -> list[GenerationRequest]:
        """One request per variation for a page whose staged input is `main_input`."""
        return [
            replace(self.template, seed=(seed + offset) % SEED_RANGE, inputs=(main_input,))
            for offset in range(self.variations)
        ]


@dataclass(frozen=True, slots=True)
class Batch:
    id: int
    name: str
    chapter_id: int | None
    settings: BatchSettings
    source: str  # "gui" or "cli"
    owner: str | None
    stopped_at: float | None
    created_at: float

    @property
    def stopped(self) -> bool:
        return self.stopped_at is not None


@dataclass(frozen=True, slots=True)
class BatchPage:
    """One page: a project page, its scan (kept in the history), the seed of its current run."""

    batch_id: int
    position: int  # 0-based order in the chapter
    page_id: int | None
    name: str
    source_name: str  # the file it came from
    source: StoredImage
    seed: int
    run: int  # 0 for the first run, then one more per redo
    accepted_job: str | None


@dataclass(frozen=True, slots=True)
class PageView:
    """A page with its jobs: `jobs` are the batch's jobs for the page, every run, oldest first;
    `others` the page's other results (made in the normal loop after a Branch)."""

    page: BatchPage
    jobs: tuple[JobRecord, ...] = ()
    run_of: tuple[int, ...] = ()  # the run of each job in `jobs`
    others: tuple[JobRecord, ...] = ()
    # This window is still sending the run: a variation may wait for a worker and not be
    # recorded yet, so the ones already back do not make the page done.
    in_flight: bool = False

    @property
    def current(self) -> tuple[JobRecord, ...]:
        return tuple(
            job for job, run in zip(self.jobs, self.run_of, strict=True) if run == self.page.run
        )

    @property
    def status(self) -> PageStatus:
        if self.page.accepted_job is not None:
            return PageStatus.accepted
        current = self.current
        if self.in_flight or any(not job.state.is_terminal for job in current):
            return PageStatus.running
        if any(job.result is not None for job in current):
            return PageStatus.done
        if all(job.status == "not-sent" for job in current):  # none, or never sent
            return PageStatus.redo if self.page.run else PageStatus.pending
        return PageStatus.failed

    @property
    def message(self) -> str:
        """Why a failed page failed (or why a job of a done page did), for the tile."""
        for job in reversed(self.current):
            if job.result is None and job.state.is_terminal and job.status != "not-sent":
                return job.error_message or ("Cancelled." if job.status == "cancelled" else "")
        return ""

    @property
    def progress(self) -> float:
        """0..1 over the current run's jobs."""
        current = self.current
        if not current:
            return 0.0
        done = sum(1.0 if job.state.is_terminal else (job.progress or 0.0) for job in current)
        return done / len(current)

    @property
    def candidates(self) -> tuple[JobRecord, ...]:
        """Every result the page could keep: its batch results (newest run first), then the
        results made from it in the normal loop, newest first."""
        runs = sorted(set(self.run_of), reverse=True)
        batch = [
            job
            for run in runs
            for job, job_run in zip(self.jobs, self.run_of, strict=True)
            if job_run == run and job.result is not None and job.deleted_at is None
        ]
        return tuple(batch) + tuple(sorted(self.others, key=lambda j: -j.created_at))

    @property
    def pick(self) -> JobRecord | None:
        """The result the tile shows: the accepted one, else the current run's first."""
        candidates = self.candidates
        accepted = next((j for j in candidates if j.id == self.page.accepted_job), None)
        return accepted or (candidates[0] if candidates else None)

    @property
    def cost(self) -> float:
        return sum(charged(job) for job in self.jobs)


REFUNDED = ("moderated", "generation_failed")  # BFL does not charge these


def charged(job: JobRecord) -> float:
    """What a job cost (BFL's figure, else the estimate) once BFL accepted it."""
    if job.task_id is None or (job.error_kind or "") in REFUNDED:
        return 0.0
    return float(job.cost if job.cost is not None else job.price_estimate or 0.0)


@dataclass(frozen=True, slots=True)
class BatchView:
    batch: Batch
    pages: tuple[PageView, ...]

    def count(self, status: PageStatus) -> int:
        return sum(page.status is status for page in self.pages)

    @property
    def cost(self) -> float:
        return round(sum(page.cost for page in self.pages), 3)

    @property
    def finished(self) -> bool:
        return all(page.status.settled for page in self.pages)

    def to_send(self) -> list[PageView]:
        """Pages that go out by themselves: not sent yet (or redo asked) in a batch not stopped."""
        if self.batch.stopped:
            return []
        return [page for page in self.pages if page.status.needs_sending]

    def page(self, position: int) -> PageView:
        return self.pages[position]
