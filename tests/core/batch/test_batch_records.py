"""Chapter batches in the history: pages kept with their scans, seed policies, each page's
status derived from its jobs, accept and redo, ownership after a crash, and a real run."""

from __future__ import annotations

import dataclasses
import io
import threading
from pathlib import Path

import pytest
from PIL import Image

from fluxdesk.core.api.client import FluxApi
from fluxdesk.core.api.models import DownloadedImage, GenerationRequest, InputImage, TaskHandle
from fluxdesk.core.batch import (
    Batch,
    BatchSettings,
    PageStatus,
    SeedPolicy,
    accept,
    batch_of_page,
    claim_batches,
    create_batch,
    estimate,
    keep_source,
    page_files,
    read_batch,
    request_redo,
    send_pages,
    stage,
)
from fluxdesk.core.batch.records import link_job
from fluxdesk.core.errors import InputError, Moderated
from fluxdesk.core.history import curation
from fluxdesk.core.history.projects import project_tree
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId, JobState, PollPolicy
from fluxdesk.core.providers.bfl import BflProvider

TEMPLATE = GenerationRequest("flux-kontext-pro", "ink these pencils", {"output_format": "png"})


def pages(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in (10, *range(1, count)):  # page-10 sorts after page-2
        Image.new("L", (400, 560), 200 + number).save(folder / f"page-{number}.png")
    (folder / ".hidden.png").write_bytes(b"not an image")
    (folder / "notes.txt").write_text("not a page")
    return folder


def make_batch(store: HistoryStore, folder: Path, settings: BatchSettings) -> Batch:
    sources = [keep_source(store, path) for path in page_files(folder)]
    return create_batch(store, settings, sources, book="Harbour", chapter="Ch. 2", source="test")


def record_job(store: HistoryStore, batch_id: int, position: int, run: int, number: int) -> JobId:
    job_id = JobId(f"job-{batch_id}-{position}-{run}-{number}")
    view = read_batch(store, batch_id)
    request = GenerationRequest(TEMPLATE.model, TEMPLATE.prompt, TEMPLATE.params, 7 + number)
    store.create_job(
        job_id,
        request,
        source="test",
        api_base="http://x",
        price_estimate=4.0,
        page_id=view.page(position).page.page_id,
    )
    link_job(store, job_id, batch_id, position, run)
    return job_id


def succeed(store: HistoryStore, job_id: JobId) -> None:
    buffer = io.BytesIO()
    Image.new("L", (64, 90), 30).save(buffer, "PNG")
    store.mark_submitted(job_id, TaskHandle(f"task-{job_id}", "http://x/poll", 4.0))
    store.mark_ready(job_id)
    store.save_result(job_id, DownloadedImage(buffer.getvalue(), "png", 64, 90), seed=7)


def test_pages_come_in_natural_order_and_become_project_pages(store, tmp_path: Path) -> None:
    folder = pages(tmp_path / "scans", 3)
    assert [p.name for p in page_files(folder)] == ["page-1.png", "page-2.png", "page-10.png"]
    batch = make_batch(store, folder, BatchSettings(TEMPLATE, 2, SeedPolicy.fixed, 42))
    view = read_batch(store, batch.id)
    assert [p.page.name for p in view.pages] == ["page-1", "page-2", "page-10"]
    assert [p.page.seed for p in view.pages] == [42, 42, 42]
    tree = project_tree(store)
    assert tree.label(view.page(2).page.page_id) == "Harbour › Ch. 2 › page-10"
    assert batch_of_page(store, view.page(1).page.page_id) == (batch.id, 1)
    assert all(p.status is PageStatus.pending for p in view.pages)
    assert view.to_send() == list(view.pages) and view.cost == 0.0


def test_seed_policies() -> None:
    assert BatchSettings(TEMPLATE, 3, SeedPolicy.consecutive, 10).page_seeds(3) == [10, 13, 16]
    assert BatchSettings(TEMPLATE, 2, SeedPolicy.fixed, 5).page_seeds(3) == [5, 5, 5]
    randoms = BatchSettings(TEMPLATE, 1, SeedPolicy.random).page_seeds(50)
    assert len(set(randoms)) > 45
    requests = BatchSettings(TEMPLATE, 3).requests(2**32 - 1, stage_input())
    assert [r.seed for r in requests] == [2**32 - 1, 0, 1]  # variations wrap, never overflow


def stage_input() -> InputImage:
    return InputImage("input_image", "0" * 64, 400, 560)


def test_the_batch_reopens_without_its_folder(store, tmp_path: Path) -> None:
    folder = pages(tmp_path / "scans", 2)
    batch = make_batch(store, folder, BatchSettings(TEMPLATE))
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    page = read_batch(store, batch.id).page(0).page
    assert page.source.path.is_file() and page.source_name == "page-1.png"
    staged = stage(
        store, BflProvider(FluxApi("http://127.0.0.1:9", "k")).model("flux-kontext-pro"), page
    )
    assert staged.slot == "input_image" and (staged.width, staged.height) == (400, 560)
    # The trash never purges a batch's scans, even when no job uses them any more.
    curation.purge_trash(store, older_than_days=None, now=1e12)
    assert page.source.path.is_file()


def test_status_follows_the_jobs(store, tmp_path: Path) -> None:
    batch = make_batch(store, pages(tmp_path / "scans", 3), BatchSettings(TEMPLATE, 2))
    first, second = record_job(store, batch.id, 0, 0, 1), record_job(store, batch.id, 0, 0, 2)
    assert read_batch(store, batch.id).page(0).status is PageStatus.running
    succeed(store, first)
    store.mark_failed(second, Moderated("Refused by moderation."))
    page = read_batch(store, batch.id).page(0)
    assert page.status is PageStatus.done and page.pick is not None and page.pick.id == first
    assert page.cost == 4.0  # the moderated one is refunded
    # A window still sending the run (a variation not recorded yet) keeps the page running.
    assert dataclasses.replace(page, in_flight=True).status is PageStatus.running

    failed = record_job(store, batch.id, 1, 0, 3)
    store.mark_ended(failed, JobState.failed, "error", "The server failed.")
    unsent = record_job(store, batch.id, 2, 0, 4)
    store.mark_ended(unsent, JobState.cancelled, "not_sent", "FluxDesk closed first.")
    view = read_batch(store, batch.id)
    assert view.page(1).status is PageStatus.failed and view.page(1).message == "The server failed."
    assert view.page(2).status is PageStatus.pending  # never sent: goes out again
    assert [p.page.position for p in view.to_send()] == [2]

    accept(store, batch.id, 0, first)
    view = read_batch(store, batch.id)
    assert view.page(0).status is PageStatus.accepted and store.get_job(first).starred
    with pytest.raises(InputError):
        accept(store, batch.id, 1, failed)  # no result to keep

    request_redo(store, batch.id, 0, seed=99)
    page = read_batch(store, batch.id).page(0)
    assert page.status is PageStatus.redo and page.page.run == 1 and page.page.seed == 99
    assert page.page.accepted_job is None and page.pick is not None  # the old result stays
    redo = record_job(store, batch.id, 0, 1, 5)
    succeed(store, redo)
    page = read_batch(store, batch.id).page(0)
    assert page.status is PageStatus.done and [j.id for j in page.candidates] == [redo, first]


def test_a_live_owner_keeps_its_batch(store, tmp_path: Path) -> None:
    first = store.claim_instance()
    batch = make_batch(store, pages(tmp_path / "scans", 1), BatchSettings(TEMPLATE))
    other = HistoryStore(store.db_path, store.images_dir)
    second = other.claim_instance()
    try:
        assert claim_batches(other) == []  # its owner is alive
        first.release()  # killed: the kernel drops its lease
        assert claim_batches(other) == [batch.id]  # the next start takes it over
        assert claim_batches(store) == []  # and keeps it while it lives
    finally:
        second.release()


def test_send_pages_runs_every_page_within_the_limit(store, api: FluxApi, tmp_path: Path) -> None:
    provider = BflProvider(api)
    settings = BatchSettings(TEMPLATE, 2, SeedPolicy.consecutive, 500)
    batch = make_batch(store, pages(tmp_path / "scans", 3), settings)
    cost = estimate(provider, settings, [(400, 560)] * 3)
    assert (cost.jobs, cost.total, cost.unknown) == (6, 24.0, 0)
    view = read_batch(store, batch.id)
    seen: list[str] = []
    finals = send_pages(
        store,
        batch,
        [page.page for page in view.to_send()],
        provider=provider,
        policy=PollPolicy.immediate(),
        cancel=threading.Event(),
        on_update=lambda page, update: seen.append(page.name) if update.ends_run else None,
    )
    assert len(finals) == 6 and all(u.state is JobState.succeeded for u in finals.values())
    view = read_batch(store, batch.id)
    assert view.finished and view.count(PageStatus.done) == 3 and view.cost == 24.0
    assert [[j.effective_seed for j in p.jobs] for p in view.pages] == [
        [500, 501],
        [502, 503],
        [504, 505],
    ]
    assert sorted(seen) == sorted(["page-1", "page-2", "page-10"] * 2)
