"""A result is checked with limits before it is used: a delivery host that serves a
decompression bomb, a claimed giant or another format gets a DownloadError, nothing is written
to the history, and the bytes are never decoded to full size (bounded memory)."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from PIL import Image
from reliability_kit.hostile import gif_bomb, png_bomb

from fluxdesk.core.api.client import FluxApi
from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.api.transfer import check_image
from fluxdesk.core.concurrency import ConcurrencyGate
from fluxdesk.core.errors import DownloadError
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId, JobPlan, JobState, PollPolicy, run_planned_job
from fluxdesk.emulator import EmulatorServer

PNG_BOMB = png_bomb()  # 256 MP of zeros in ~250 kB


def tiff() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (64, 64)).save(buffer, "TIFF")
    return buffer.getvalue()


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def reset_peak_rss() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


@pytest.mark.parametrize(
    ("served", "words"),
    [
        (PNG_BOMB, "larger than any FLUX model"),
        (gif_bomb(), "larger than any FLUX model"),
        (tiff(), "not a PNG, JPEG or WebP"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "damaged"),
    ],
    ids=["png-bomb", "gif-bomb", "tiff", "svg"],
)
def test_a_hostile_delivery_is_refused_before_use(
    api: FluxApi,
    store: HistoryStore,
    emulator: EmulatorServer,
    monkeypatch: pytest.MonkeyPatch,
    served: bytes,
    words: str,
) -> None:
    monkeypatch.setattr(emulator._state, "result_bytes", lambda task: served)
    measured = reset_peak_rss()
    before = peak_rss_mb()
    *_, final = run_planned_job(
        JobId("hostile-delivery"),
        JobPlan(GenerationRequest("flux-dev", "a harbour", {}, 1), api, "test"),
        store=store,
        policy=PollPolicy.immediate(),
        gate=ConcurrencyGate(),
        cancel=threading.Event(),
    )
    assert isinstance(final.error, DownloadError) and words in final.error.user_message
    assert final.paused and final.state is JobState.downloading  # kept: BFL may serve it again
    assert not [p for p in store.images_dir.rglob("*") if p.is_file()], "something was written"
    if measured:  # the 256 MP bomb decoded would take 256 MB at least
        assert peak_rss_mb() - before < 100


def test_check_image_reads_only_the_header_of_a_bomb() -> None:
    reset_peak_rss()
    before = peak_rss_mb()
    with pytest.raises(DownloadError, match="larger than any FLUX model"):
        check_image(PNG_BOMB)
    assert peak_rss_mb() - before < 50
