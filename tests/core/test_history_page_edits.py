"""History version 2: page edits keep the raw output and the placement; the job's result is the
composed page. A version 1 database (before page edits) migrates with its jobs intact."""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image

from fluxdesk.core.api.models import DownloadedImage, GenerationRequest, InputImage
from fluxdesk.core.history.store import HistoryStore, PageEditRecord
from fluxdesk.core.jobs import JobId


def png_bytes(size: tuple[int, int], value: int = 200) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", size, value).save(buffer, "PNG")
    return buffer.getvalue()


def add_job(store: HistoryStore, job_id: str) -> JobId:
    crop = store.add_image(png_bytes((64, 48)), "png", 64, 48)
    request = GenerationRequest(
        "flux-kontext-pro", "ink", {}, 7, (InputImage("input_image", crop.sha256, 64, 48),)
    )
    store.create_job(JobId(job_id), request, source="gui", api_base="x", price_estimate=4)
    return JobId(job_id)


def test_a_page_edit_result_is_the_composed_page_with_the_raw_output_kept(
    store: HistoryStore, tmp_path: Path
) -> None:
    job = add_job(store, "edit")
    raw = store.save_result(job, DownloadedImage(png_bytes((1024, 768), 30), "png", 1024, 768), 7)
    page = tmp_path / "page-01.png"
    plan = json.dumps({"kind": "region", "crop": [10, 20, 310, 245]})
    record = PageEditRecord("region", page, (3000, 4000), raw.sha256, plan)
    composed = store.save_page_edit(job, record, png_bytes((3000, 4000), 240), (3000, 4000))

    job_record = store.get_job(job)
    assert job_record.result == composed and (composed.width, composed.height) == (3000, 4000)
    assert job_record.edit_kind == "region" and job_record.page_path == page
    assert store.get_page_edit(job) == record
    assert store.get_image(raw.sha256).path.exists()  # the model's own output stays
    assert [r.edit_kind for r in store.list_jobs()] == ["region"]
