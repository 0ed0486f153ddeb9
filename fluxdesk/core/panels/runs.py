"""Running a preset on a page panel by panel, and composing the results into one page entry.

A *run* sends each chosen panel as its own ordinary job (``PanelJob``: the panel's crop near
the model's working size, see ``compose.plan_panels``), tagged in the history as "panel 3 of
7". When every job of the run has ended, ``compose_run`` pastes the results that came back
into their panels' interiors, onto a *base*: the pencils, or an earlier composition of the
same page (so redoing one panel changes that panel and nothing else), and records the page as
one history entry of its own (source ``panels``, no cost: nothing was sent for it) whose page
edit says which job made each panel. Gutters and frame lines keep the base's pixels exactly.
Blocking; worker thread only.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image

from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.errors import InputError
from fluxdesk.core.history.records import PanelTag, StoredImage
from fluxdesk.core.history.store import HistoryStore, PageEditRecord
from fluxdesk.core.imaging.load import load_image
from fluxdesk.core.jobs import JobId, JobPlan, JobState, JobUpdate, PollPolicy, run_planned_job
from fluxdesk.core.messages import Message
from fluxdesk.core.panels.compose import compose_page
from fluxdesk.core.panels.layouts import panels_to_data
from fluxdesk.core.panels.model import Panel
from fluxdesk.core.regions.page_edit import encode_png
from fluxdesk.core.regions.region_edit import RegionPlan

if TYPE_CHECKING:
    from fluxdesk.core.concurrency import ConcurrencyGate

log = logging.getLogger(__name__)

SOURCE = "panels"  # the history's source of a composed page
EDIT_KIND = "panels"  # its page edit's kind
FEATHER_PX = 4.0  # inside the panel's inset: a soft seam that never reaches the frame line


@dataclass(frozen=True, slots=True)
class PanelJob:
    """One panel's job: an ordinary job, recorded with its panel tag."""

    job: JobPlan
    tag: PanelTag


def run_panel_job(
    job_id: JobId,
    plan: PanelJob,
    *,
    store: HistoryStore,
    policy: PollPolicy,
    gate: ConcurrencyGate,
    cancel: threading.Event,
) -> Iterator[JobUpdate]:
    """``run_planned_job``, tagged with its panel once it is on record. Blocking; worker."""
    tagged = False
    for update in run_planned_job(
        job_id, plan.job, store=store, policy=policy, gate=gate, cancel=cancel
    ):
        if not tagged and update.state is JobState.queued:
            tagged = True
            try:
                tag_job(store, job_id, plan.tag)
            except Exception:  # the label is a convenience: the job itself must go on
                log.exception("could not tag job %s with its panel", job_id)
        yield update


def tag_job(store: HistoryStore, job_id: JobId, tag: PanelTag) -> None:
    with store.transaction(Message("the job's panel")) as db:
        db.execute(
            "INSERT OR REPLACE INTO panel_jobs (job_id, run_id, panel_id, position, count) "
            "VALUES (?, ?, ?, ?, ?)",
            (job_id, tag.run_id, tag.panel_id, tag.position, tag.count),
        )


@dataclass(frozen=True, slots=True)
class PanelTake:
    """A panel as it was sent: its outline, place in reading order, plan and job."""

    panel: Panel
    position: int
    plan: RegionPlan
    job_id: JobId


@dataclass(frozen=True, slots=True)
class PanelRun:
    """One "run on panels" press, as the composition needs it."""

    run_id: str
    page_sha256: str
    page_path: Path  # the pencils: what the composed page is compared with
    page_size: tuple[int, int]
    request: GenerationRequest  # the run's settings (no inputs), recorded on the composed page
    count: int  # panels on the page when it ran
    takes: tuple[PanelTake, ...]
    base_id: JobId | None = None  # the composition pasted onto; None: the pencils
    base_path: Path | None = None
    parent_id: JobId | None = None
    page_id: int | None = None

    def take_for(self, job_id: JobId) -> PanelTake | None:
        return next((take for take in self.takes if take.job_id == job_id), None)

    def plan_json(self, pasted: Mapping[int, JobId]) -> str:
        panels = []
        for take in self.takes:
            data = panels_to_data([take.panel])[0]
            data.update(
                position=take.position,
                crop=list(take.plan.crop.box),
                send_size=list(take.plan.send_size),
                job=take.job_id if take.panel.id in pasted else None,
            )
            panels.append(data)
        return json.dumps(
            {
                "kind": EDIT_KIND,
                "run": self.run_id,
                "page_sha256": self.page_sha256,
                "base": self.base_id,
                "count": self.count,
                "feather_px": FEATHER_PX,
                "panels": panels,
            }
        )


def compose_run(
    store: HistoryStore,
    run: PanelRun,
    results: Mapping[int, Path],
    job_id: JobId,
    *,
    page: Image.Image | None = None,
) -> StoredImage:
    """Pastes each panel's result (by panel id) onto the run's base and records the page as
    entry `job_id`. `page` is the decoded pencils, if the caller still has them.

    Raises InputError when nothing came back or the base is not the page's size."""
    if not results:
        raise InputError("No panel came back, so there is nothing to compose.")
    if run.base_path is not None:
        base = load_image(run.base_path)
    else:
        base = page if page is not None else load_image(run.page_path)
    if base.size != run.page_size:
        raise InputError("The page to compose onto is not the size of the pencils any more.")
    plans = {take.panel.id: take.plan for take in run.takes}
    pictures = {panel_id: load_image(path) for panel_id, path in results.items()}
    composed = compose_page(base, plans, pictures, FEATHER_PX)
    pasted = {take.panel.id: take.job_id for take in run.takes if take.panel.id in results}
    record = PageEditRecord(EDIT_KIND, run.page_path, run.page_size, "", run.plan_json(pasted))
    return store.save_local_page(
        job_id,
        run.request,
        record,
        encode_png(composed),
        composed.size,
        source=SOURCE,
        parent_id=run.base_id or run.parent_id,
        page_id=run.page_id,
    )
