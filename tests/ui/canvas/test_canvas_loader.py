"""ImageLoader: preview then pyramid, clear failures, latest wins, a drained pool."""

from __future__ import annotations

import itertools
from pathlib import Path

from canvas_art import write_image
from PIL import Image
from PySide6.QtCore import QCoreApplication, QObject, QThread, Slot
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from fluxdesk.ui.canvas import ImageLoader, LoadedImage, LoadedPreview, LoadFailure
from fluxdesk.ui.canvas.pyramid import TILE_SIZE, build_pyramid
from fluxdesk.ui.qimage import pil_to_qimage


class Recorder(QObject):
    """Records every loader signal in a bound @Slot, checking it runs on the GUI thread."""

    def __init__(self, loader: ImageLoader) -> None:
        super().__init__()
        self.events: list[tuple[str, object]] = []
        self.off_thread = False
        loader.preview_ready.connect(self._on_loader_preview_ready)
        loader.image_ready.connect(self._on_loader_image_ready)
        loader.load_failed.connect(self._on_loader_load_failed)

    def _record(self, kind: str, payload: object) -> None:
        app = QCoreApplication.instance()
        assert app is not None
        self.off_thread |= QThread.currentThread() is not app.thread()
        self.events.append((kind, payload))

    @Slot(object)
    def _on_loader_preview_ready(self, preview: LoadedPreview) -> None:
        self._record("preview", preview)

    @Slot(object)
    def _on_loader_image_ready(self, image: LoadedImage) -> None:
        self._record("image", image)

    @Slot(object)
    def _on_loader_load_failed(self, failure: LoadFailure) -> None:
        self._record("failed", failure)


def test_png_emits_preview_then_image(qtbot: QtBot, loader: ImageLoader, tmp_path: Path) -> None:
    path = write_image(tmp_path / "page.png", (2600, 3000))
    recorder = Recorder(loader)
    with qtbot.waitSignal(loader.image_ready, timeout=20_000):
        loader.load(path, 1)
    assert [kind for kind, _ in recorder.events] == ["preview", "image"]
    assert not recorder.off_thread
    preview = recorder.events[0][1]
    image = recorder.events[1][1]
    assert isinstance(preview, LoadedPreview) and isinstance(image, LoadedImage)
    assert preview.request_id == image.request_id == 1
    assert preview.path == image.path == path
    assert preview.full_size == image.full_size == (2600, 3000)
    assert max(preview.qimage_preview.width(), preview.qimage_preview.height()) <= 2048
    assert image.pyramid.sharp
    assert (image.pyramid.levels[0].width, image.pyramid.levels[0].height) == (2600, 3000)
    assert image.pil_image is not None and image.pil_image.size == (2600, 3000)


def test_big_jpeg_previews_from_a_draft_decode(
    qtbot: QtBot, loader: ImageLoader, tmp_path: Path
) -> None:
    path = tmp_path / "scan.jpg"
    Image.linear_gradient("L").resize((3000, 4200)).save(path, quality=85)
    recorder = Recorder(loader)
    with qtbot.waitSignal(loader.image_ready, timeout=20_000):
        loader.load(path, 5)
    kinds = [kind for kind, _ in recorder.events]
    assert kinds == ["preview", "image"]
    preview = recorder.events[0][1]
    assert isinstance(preview, LoadedPreview)
    assert preview.full_size == (3000, 4200)
    assert max(preview.qimage_preview.width(), preview.qimage_preview.height()) <= 2048


def test_corrupt_file_fails_with_a_clear_message(
    qtbot: QtBot, loader: ImageLoader, tmp_path: Path
) -> None:
    path = tmp_path / "broken.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n this is not really a PNG")
    with qtbot.waitSignal(loader.load_failed, timeout=10_000) as blocker:
        loader.load(path, 3)
    failure = blocker.args[0]
    assert isinstance(failure, LoadFailure)
    assert failure.request_id == 3 and failure.path == path
    assert "broken.png" in failure.user_message
    assert "Traceback" not in failure.user_message


def test_truncated_file_fails_with_a_clear_message(
    qtbot: QtBot, loader: ImageLoader, tmp_path: Path
) -> None:
    whole = write_image(tmp_path / "whole.png", (400, 300))
    cut = tmp_path / "cut.png"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with qtbot.waitSignal(loader.load_failed, timeout=10_000) as blocker:
        loader.load(cut, 1)
    assert "cut.png" in blocker.args[0].user_message


def test_latest_request_wins(qtbot: QtBot, loader: ImageLoader, tmp_path: Path) -> None:
    first = write_image(tmp_path / "first.png", (3000, 2000))
    second = write_image(tmp_path / "second.png", (300, 200))
    recorder = Recorder(loader)
    with qtbot.waitSignal(
        loader.image_ready, timeout=20_000, check_params_cb=lambda image: image.request_id == 2
    ):
        loader.load(first, 1)
        loader.load(second, 2)
    assert loader.shutdown(10_000)
    QCoreApplication.processEvents()  # deliver anything the first load still queued
    assert {payload.request_id for _, payload in recorder.events} == {2}  # type: ignore[attr-defined]


def test_channels_do_not_cancel_each_other(
    qtbot: QtBot, loader: ImageLoader, tmp_path: Path
) -> None:
    page = write_image(tmp_path / "page.png", (500, 400))
    with qtbot.waitSignals([loader.image_ready, loader.image_ready], timeout=20_000):
        loader.load(page, 1, channel="main")
        loader.load(page, 2, channel="reference")


def test_load_qimage_builds_a_pyramid(qtbot: QtBot, loader: ImageLoader) -> None:
    qimage = pil_to_qimage(Image.linear_gradient("L").resize((2500, 1300)))
    with qtbot.waitSignal(loader.image_ready, timeout=20_000) as blocker:
        loader.load_qimage(qimage, 9)
    image = blocker.args[0]
    assert image.path is None and image.full_size == (2500, 1300)
    assert len(image.pyramid.levels) >= 2


def test_shutdown_drains_the_pool(loader: ImageLoader, tmp_path: Path) -> None:
    path = write_image(tmp_path / "page.png", (2000, 2000))
    for request_id in range(4):
        loader.load(path, request_id)
    assert loader.shutdown(10_000)
    assert not loader.is_busy()


def test_pyramid_levels_and_tiles() -> None:
    image = Image.linear_gradient("L").resize((2500, 1100))
    pyramid = build_pyramid(image)
    assert pyramid is not None and pyramid.sharp
    sizes = [(level.width, level.height) for level in pyramid.levels]
    assert sizes[0] == (2500, 1100)
    assert max(sizes[-1]) <= TILE_SIZE
    assert all(a[0] > b[0] for a, b in itertools.pairwise(sizes))
    top = pyramid.levels[0]
    assert len(top.tiles) == top.columns * top.rows == 3 * 2
    assert sum(tile.width() * tile.height() for tile in top.tiles) == 2500 * 1100
    # Fitting a 2500 px page into ~600 device px picks a level of at least 600 px, not more.
    assert pyramid.level_for(0.24).width >= 600
    assert pyramid.level_for(0.24).width < 1300
    assert pyramid.level_for(1.0) is top
    # The bottom-right tile holds the image's bottom-right pixel.
    last = top.tiles[-1]
    expected = image.getpixel((2499, 1099))
    assert QImage(last).pixelColor(last.width() - 1, last.height() - 1).red() == expected
