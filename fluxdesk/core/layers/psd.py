"""Layered PSD hand-off for CLIP STUDIO PAINT and Photoshop: pencils, kept results and flats
as named full-page layers, 8-bit grayscale or RGB, with a flattened composite so viewers that
ignore layers still show the page.

psd-tools builds the layer records and packs the channels (RLE, in C++). The flattened image
is ours: psd-tools re-renders it on save with float arrays (measured: ~3.2 GB and 10 s for an
RGB B5 page of three layers), while opaque normal/multiply layers flatten in 8 bits with
Pillow in a fraction of that. The file is written to a temporary name and moved into place.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from PIL import Image, ImageChops

from fluxdesk.core.errors import InputError, StorageError
from fluxdesk.core.messages import Message
from fluxdesk.core.printing.files import storage_error

if TYPE_CHECKING:  # psd-tools is imported when a PSD is written (0.1 s off the app's start)
    from psd_tools import PSDImage
    from psd_tools.constants import BlendMode as PsdBlend

MAX_SIDE = 30_000  # the PSD format's limit (PSB goes further; no artist's page needs it)
_NAME_LIMIT = 255
_PIXELS_PER_INCH = 1  # ResolutionInfo unit codes
_INCHES = 1


class BlendMode(StrEnum):
    normal = "normal"
    multiply = "multiply"  # ink over flats, flats under ink


def _psd_blend(mode: BlendMode) -> PsdBlend:
    from psd_tools.constants import BlendMode as PsdBlend

    return {BlendMode.normal: PsdBlend.NORMAL, BlendMode.multiply: PsdBlend.MULTIPLY}[mode]


@dataclass(frozen=True, slots=True)
class Layer:
    """One opaque full-page layer. `image` is mode L, RGB or 1 at the page's size."""

    name: str
    image: Image.Image
    visible: bool = True
    opacity: float = 1.0
    blend: BlendMode = BlendMode.normal


def write_psd(
    path: Path,
    layers: Sequence[Layer],
    *,
    dpi: float | None = None,
    overwrite: bool = False,
) -> Path:
    """Writes `layers` (bottom first) as a layered PSD at `path` and returns it.

    Grayscale when every layer is (pencils and inks stay one channel), RGB otherwise.
    Raises InputError for unusable layers, StorageError when the file exists (unless
    `overwrite`) or cannot be written; a failed write leaves no partial file.
    Blocking; call from a worker thread (seconds for a 600 dpi page).
    """
    from psd_tools import PSDImage
    from psd_tools.constants import Compression, Resource
    from psd_tools.psd.image_resources import ImageResource, ResoulutionInfo

    mode = _document_mode(layers)
    document = PSDImage.new(mode, layers[0].image.size, color=255 if mode == "L" else (255,) * 3)
    # Our flattened page becomes the file's merged image, and the record is written directly:
    # PSDImage.save() would re-render it (see the module docstring). psd-tools has no public
    # hook for this; tests read the file back to catch a change in its internals. Stored first,
    # so the blank full-size image PSDImage.new made is freed before the layers are packed.
    record = document._record
    record.image_data.compression = Compression.RLE
    record.image_data.set_data([band.tobytes() for band in flatten(layers).split()], record.header)
    for layer in layers:
        _add_layer(document, layer)
    if dpi:
        fixed = round(dpi * 65536)  # 16.16 fixed point
        info = ResoulutionInfo(fixed, _PIXELS_PER_INCH, _INCHES, fixed, _PIXELS_PER_INCH, _INCHES)
        document.image_resources[Resource.RESOLUTION_INFO] = ImageResource(
            key=Resource.RESOLUTION_INFO, data=info
        )
    return _write_atomically(Path(path), record.write, overwrite)


def flatten(layers: Sequence[Layer]) -> Image.Image:
    """The page as the layers show it on white paper, in the document's mode (8-bit); what
    ``write_psd`` stores as the merged image. Blocking; call from a worker thread."""
    mode = _document_mode(layers)
    page = Image.new(mode, layers[0].image.size, 255 if mode == "L" else (255, 255, 255))
    for layer in layers:
        if not layer.visible:
            continue
        pixels = layer.image.convert(mode)
        if layer.blend is BlendMode.multiply:
            pixels = ImageChops.multiply(page, pixels)
        alpha = _opacity_byte(layer.opacity)
        page = pixels if alpha == 255 else Image.blend(page, pixels, alpha / 255)
    return page


def _document_mode(layers: Sequence[Layer]) -> str:
    if not layers:
        raise InputError("There is nothing to export: add at least one layer.")
    size = layers[0].image.size
    if max(size) > MAX_SIDE:
        raise InputError(Message("PSD pages can be at most {limit} px on a side.", limit=MAX_SIDE))
    for layer in layers:
        if layer.image.size != size:
            raise InputError(
                Message(
                    "Layer '{name}' is {width}×{height}, the page {page_width}×{page_height}: "
                    "fit results back to the page before exporting.",
                    name=layer.name,
                    width=layer.image.width,
                    height=layer.image.height,
                    page_width=size[0],
                    page_height=size[1],
                )
            )
        if layer.image.mode not in ("1", "L", "RGB"):
            raise InputError(
                Message("Layer '{name}' must be grayscale or RGB, without alpha.", name=layer.name)
            )
    return "RGB" if any(layer.image.mode == "RGB" for layer in layers) else "L"


def _add_layer(document: PSDImage, layer: Layer) -> None:
    # frompil converts to the document's mode itself. It writes the name as MacRoman and fails
    # on Japanese; the name setter also stores the Unicode name Photoshop and CLIP STUDIO read.
    from psd_tools.api.layers import PixelLayer
    from psd_tools.constants import Compression

    pixel = PixelLayer.frompil(layer.image, document, name="layer", compression=Compression.RLE)
    pixel.name = layer.name[:_NAME_LIMIT] or "Layer"
    pixel.visible = layer.visible
    pixel.opacity = _opacity_byte(layer.opacity)
    pixel.blend_mode = _psd_blend(layer.blend)


def _opacity_byte(opacity: float) -> int:
    return round(min(1.0, max(0.0, opacity)) * 255)


def _write_atomically(path: Path, write: Callable[[BinaryIO], object], overwrite: bool) -> Path:
    if path.exists() and not overwrite:
        raise StorageError(
            Message("'{name}' already exists; choose another name or replace it.", name=path.name)
        )
    temporary: Path | None = None
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        temporary = Path(name)
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(path)
    except OSError as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise storage_error(exc, path) from exc  # "The disk is full: …", as every export says
    return path
