"""Pillow <-> QImage conversion: formats, padding, ownership, worker-thread use."""

from __future__ import annotations

import threading

import pytest
from PIL import Image, ImageChops
from PySide6.QtGui import QColor, QImage

from fluxdesk.ui import qimage as conversion
from fluxdesk.ui.qimage import pil_to_qimage, qimage_to_pil


def _noise(mode: str, size: tuple[int, int]) -> Image.Image:
    bands = [Image.effect_noise(size, 80).convert("L") for _ in Image.new(mode, (1, 1)).getbands()]
    return bands[0] if mode == "L" else Image.merge(mode, bands)


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("L", QImage.Format.Format_Grayscale8),
        ("RGB", QImage.Format.Format_RGB888),
        ("RGBA", QImage.Format.Format_RGBA8888),
    ],
)
@pytest.mark.parametrize("size", [(7, 5), (64, 33), (1, 1)])  # odd widths need row padding
def test_round_trip_per_mode(mode: str, expected: QImage.Format, size: tuple[int, int]) -> None:
    image = _noise(mode, size)
    if mode == "RGBA":  # keep some transparency so it stays RGBA on the way back
        image.putpixel((0, 0), (1, 2, 3, 0))
    qimage = pil_to_qimage(image)
    assert qimage.format() == expected
    assert (qimage.width(), qimage.height()) == size
    back = qimage_to_pil(qimage)
    assert back.mode == mode
    assert ImageChops.difference(back, image).getbbox() is None


def test_pixels_land_where_expected() -> None:
    image = Image.new("RGB", (5, 3), (10, 20, 30))
    image.putpixel((4, 2), (200, 100, 50))
    qimage = pil_to_qimage(image)
    assert qimage.pixelColor(4, 2) == QColor(200, 100, 50)
    assert qimage.pixelColor(0, 0) == QColor(10, 20, 30)


def test_qimage_owns_its_buffer() -> None:
    image = Image.new("L", (9, 9), 100)
    qimage = pil_to_qimage(image)
    image.paste(0, (0, 0, 9, 9))
    del image
    assert qimage.pixelColor(8, 8).red() == 100


def test_one_bit_and_odd_modes_become_displayable() -> None:
    one_bit = Image.new("1", (10, 4), 1)
    assert pil_to_qimage(one_bit).format() == QImage.Format.Format_Grayscale8
    assert pil_to_qimage(one_bit).pixelColor(3, 3).red() == 255
    palette = Image.new("P", (4, 4))
    assert pil_to_qimage(palette).format() == QImage.Format.Format_RGB888


def test_large_images_copy_in_bands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conversion, "_BAND_BYTES", 100)  # forces many bands
    image = _noise("RGB", (37, 29))
    back = qimage_to_pil(pil_to_qimage(image))
    assert ImageChops.difference(back, image).getbbox() is None


def test_clipboard_formats() -> None:
    opaque = QImage(6, 4, QImage.Format.Format_ARGB32)
    opaque.fill(QColor(10, 200, 30))
    assert qimage_to_pil(opaque).mode == "RGB"  # all-opaque alpha is dropped
    assert qimage_to_pil(opaque).getpixel((5, 3)) == (10, 200, 30)
    clear = QImage(6, 4, QImage.Format.Format_ARGB32_Premultiplied)
    clear.fill(QColor(0, 0, 0, 0))
    assert qimage_to_pil(clear).mode == "RGBA"
    mono = QImage(9, 3, QImage.Format.Format_Mono)
    mono.fill(1)
    assert qimage_to_pil(mono).mode == "L"
    with pytest.raises(ValueError, match="empty"):
        qimage_to_pil(QImage())


def test_safe_on_a_worker_thread() -> None:
    results: list[QImage] = []
    image = _noise("L", (300, 200))
    worker = threading.Thread(target=lambda: results.append(pil_to_qimage(image)))
    worker.start()
    worker.join()
    assert ImageChops.difference(qimage_to_pil(results[0]), image).getbbox() is None
