"""Helpers for the history tests: entries written straight through the store, no network."""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable

import pytest
from PIL import Image

from fluxdesk.core.api.models import DownloadedImage, GenerationRequest, InputImage, TaskHandle
from fluxdesk.core.errors import FluxError
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId, JobState

MakeEntry = Callable[..., JobId]


def png(size: tuple[int, int] = (48, 32), shade: int = 200) -> DownloadedImage:
    buffer = io.BytesIO()
    Image.new("L", size, shade).save(buffer, "PNG")
    return DownloadedImage(buffer.getvalue(), "png", *size)


@pytest.fixture
def make_entry(store: HistoryStore) -> MakeEntry:
    """Adds an entry: succeeded with a result by default, or in `state` (with `error`)."""
    counter = itertools.count(1)
    pencils = store.add_image(png((64, 48), 230).data, "png", 64, 48)

    def make(
        prompt: str = "ink these pencils",
        *,
        model: str = "flux-kontext-pro",
        state: JobState = JobState.succeeded,
        error: FluxError | None = None,
        parent_id: JobId | None = None,
        settings_from: JobId | None = None,
        page_id: int | None = None,
        params: dict[str, object] | None = None,
        seed: int | None = None,
    ) -> JobId:
        number = next(counter)
        job_id = JobId(f"job-{number:03d}")
        inputs = (InputImage("input_image", pencils.sha256, 64, 48),)
        request = GenerationRequest(
            model, prompt, params or {"output_format": "png"}, seed or number, inputs
        )
        store.create_job(
            job_id,
            request,
            source="test",
            api_base="https://api.bfl.ai",
            price_estimate=4.0,
            parent_id=parent_id,
            settings_from=settings_from,
            page_id=page_id,
        )
        if state is JobState.queued:
            return job_id
        handle = TaskHandle(f"task-{number}", f"https://api.bfl.ai/v1/get_result?id={number}", 4)
        store.mark_submitted(job_id, handle)
        if state is JobState.succeeded:
            store.mark_ready(job_id)
            store.save_result(job_id, png(shade=number % 250), seed=request.seed)
        elif state is JobState.failed:
            store.mark_failed(job_id, error or FluxError("It failed."))
        elif state is JobState.cancelled:
            store.mark_cancelled(job_id)
        elif state is not JobState.running:
            store.mark_state(job_id, state)
        return job_id

    return make
