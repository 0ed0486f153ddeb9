"""The history's row and thumbnail caches: bounded, batched, newest request first, and stale
requests for rows that scrolled past are dropped."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.jobs import JobId, JobState
from fluxdesk.ui.history_rows import PENDING_THUMBNAILS, JobRow, RowCache, ThumbnailCache


def row(n: int, state: JobState = JobState.succeeded) -> JobRow:
    return JobRow(JobId(f"j{n}"), float(n), GenerationRequest("flux-dev", f"p{n}"), state)


def test_requests_in_one_paint_become_one_read(qtbot: QtBot) -> None:
    cache = RowCache(capacity=50)
    asked: list[tuple[JobId, ...]] = []
    cache.fetch_wanted.connect(asked.append)
    cache.want([JobId("j1"), JobId("j2")])
    cache.want([JobId("j2"), JobId("j3")])
    qtbot.waitUntil(lambda: bool(asked))
    assert asked == [("j1", "j2", "j3")]
    cache.want([JobId("j4")])  # one read at a time: this waits for the answer
    with qtbot.waitSignal(cache.fetch_wanted, timeout=1000) as second:
        cache.fetched([row(1), row(2), row(3)])
    assert second.args[0] == ("j4",)
    assert cache.peek(JobId("j2")) is not None


def test_the_cache_is_bounded_but_keeps_running_jobs() -> None:
    cache = RowCache(capacity=10)
    cache.put([row(0, JobState.running)])
    cache.pin(JobId("j0"))
    cache.put([row(n) for n in range(1, 40)])
    assert cache.peek(JobId("j0")) is not None  # pinned: a job running in this window
    assert cache.peek(JobId("j1")) is None
    assert cache.peek(JobId("j39")) is not None


def test_thumbnails_newest_request_first_and_stale_ones_dropped(
    qtbot: QtBot, tmp_path: Path
) -> None:
    cache = ThumbnailCache(capacity=5)
    for n in range(PENDING_THUMBNAILS + 20):  # a fast scroll through many rows
        assert cache.get(f"sha{n}", tmp_path / f"{n}.png") is None
    newest = cache.next_request()
    assert newest is not None and newest[0] == f"sha{PENDING_THUMBNAILS + 19}"
    drained = [cache.next_request() for _ in range(PENDING_THUMBNAILS)]
    assert drained[-1] is None  # the first 20 requests scrolled past: never made
    assert cache.get("sha0", tmp_path / "0.png") is None  # on screen again: asked again
    assert cache.next_request() == ("sha0", tmp_path / "0.png")

    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0)
    with qtbot.waitSignal(cache.arrived, timeout=1000):
        cache.put("sha0", image)
    assert cache.get("sha0", tmp_path / "0.png") is not None
    cache.put("broken", None)  # an unreadable file is not asked for again and again
    assert cache.get("broken", tmp_path / "b.png") is None and not cache.has_pending()


def test_a_read_under_way_does_not_undo_a_change_made_meanwhile(qtbot: QtBot) -> None:
    import dataclasses

    cache = RowCache()
    with qtbot.waitSignal(cache.fetch_wanted, timeout=1000):
        cache.want([JobId("j1")])
    starred = dataclasses.replace(row(1), starred=True)
    cache.replace(starred)  # the artist starred it while the read was running
    cache.fetched([row(1)])  # the read's copy predates the star
    assert cache.peek(JobId("j1")) == starred
