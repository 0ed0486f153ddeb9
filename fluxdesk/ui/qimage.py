"""Pillow <-> QImage conversion.

Both functions are safe on a worker thread: they touch only QImage (never QPixmap). They copy
pixels in row bands of a few MB, because PySide6 holds the GIL inside every Qt call: one big
``QImage.copy()`` of a 50 MP scan would freeze the GUI thread for ~40 ms while a worker runs it.
"""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage

_BAND_BYTES = 4 * 1024 * 1024  # per copy step; keeps each GIL-holding memcpy around 1 ms

_FORMATS: dict[str, QImage.Format] = {
    "L": QImage.Format.Format_Grayscale8,
    "RGB": QImage.Format.Format_RGB888,
    "RGBA": QImage.Format.Format_RGBA8888,
}

_GRAY_FORMATS = {
    QImage.Format.Format_Grayscale8,
    QImage.Format.Format_Grayscale16,
    QImage.Format.Format_Mono,
    QImage.Format.Format_MonoLSB,
    QImage.Format.Format_Alpha8,
}


def _band_rows(bytes_per_line: int, height: int) -> int:
    return max(1, min(height, _BAND_BYTES // max(1, bytes_per_line)))


def _displayable(image: Image.Image) -> Image.Image:
    mode = image.mode
    if mode in _FORMATS:
        return image
    if mode in ("1", "I;16", "I;16B", "I;16L", "I", "F"):
        return image.convert("L")
    has_alpha = mode in ("LA", "La", "PA", "RGBa") or "transparency" in image.info
    return image.convert("RGBA" if has_alpha else "RGB")


def pil_to_qimage(image: Image.Image) -> QImage:
    """A QImage that owns a copy of the pixels (L -> Grayscale8, RGB -> RGB888, RGBA -> RGBA8888;
    other modes are converted first). Safe on any thread."""
    image = _displayable(image)
    qformat = _FORMATS[image.mode]
    width, height = image.size
    qimage = QImage(width, height, qformat)
    if qimage.isNull():
        raise MemoryError(f"could not allocate a {width}×{height} image")
    stride = qimage.bytesPerLine()  # Qt pads rows to 4 bytes; Pillow writes the padding for us
    bits = qimage.bits()
    rows = _band_rows(stride, height)
    for top in range(0, height, rows):
        bottom = min(height, top + rows)
        band = image if (top, bottom) == (0, height) else image.crop((0, top, width, bottom))
        data = band.tobytes("raw", image.mode, stride)
        bits[top * stride : top * stride + len(data)] = data
    return qimage


def _target(qimage: QImage) -> tuple[QImage.Format, str, str]:
    if qimage.format() in _GRAY_FORMATS or (
        qimage.format() == QImage.Format.Format_Indexed8 and qimage.isGrayscale()
    ):
        return QImage.Format.Format_Grayscale8, "L", "L"
    if qimage.hasAlphaChannel():
        return QImage.Format.Format_RGBA8888, "RGBA", "RGBA"
    return QImage.Format.Format_RGB888, "RGB", "RGB"


def qimage_to_pil(qimage: QImage) -> Image.Image:
    """A Pillow image (L, RGB or RGBA) with its own copy of the pixels. Safe on any thread.

    A fully opaque image with an alpha channel (typical of clipboard images) comes back as RGB.
    """
    if qimage.isNull():
        raise ValueError("the image is empty")
    qformat, mode, rawmode = _target(qimage)
    width, height = qimage.width(), qimage.height()
    out = Image.new(mode, (width, height))
    rows = _band_rows(width * 4, height)  # 4 bytes/px bounds every converted row
    for top in range(0, height, rows):
        count = min(rows, height - top)
        band = qimage.copy(QRect(0, top, width, count)).convertToFormat(qformat)
        line = band.bytesPerLine()
        data = bytes(band.constBits())[: line * count]
        out.paste(Image.frombuffer(mode, (width, count), data, "raw", rawmode, line, 1), (0, top))
    if mode == "RGBA" and out.getextrema()[3] == (255, 255):
        return out.convert("RGB")
    return out
