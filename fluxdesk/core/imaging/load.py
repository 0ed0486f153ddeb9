"""Safe image decoding: pixel limits, EXIF orientation, odd modes, clear errors.

Blocking and possibly slow (a 600 dpi B4 scan is 52 MP); call from a worker thread in the GUI.
The file on disk is only ever read.
"""

from __future__ import annotations

import io
import logging
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from fluxdesk.core.errors import CorruptImage, ImageTooLarge
from fluxdesk.core.messages import Message

log = logging.getLogger(__name__)

# A 1200 dpi B4 manuscript page is ~210 MP; nothing an artist drops is bigger than this.
MAX_PIXELS = 250_000_000
MAX_FILE_BYTES = 2 * 1024**3


@dataclass(frozen=True, slots=True)
class ImageInfo:
    width: int
    height: int
    format: str | None
    mode: str
    dpi: tuple[float, float] | None


def _open(source: Path | bytes, max_pixels: int) -> Image.Image:
    """Opens lazily (header only) and refuses bombs before any pixel is decoded."""
    name = source.name if isinstance(source, Path) else "the image"
    # Pillow's own bomb guard is process-wide; keep it well above our limit so our check (with
    # its clearer message) decides, and Pillow only stops truly absurd headers.
    if Image.MAX_IMAGE_PIXELS is not None and 4 * max_pixels > Image.MAX_IMAGE_PIXELS:
        Image.MAX_IMAGE_PIXELS = 4 * max_pixels
    try:
        if isinstance(source, Path):
            if source.is_dir():
                raise CorruptImage(Message("'{name}' is a folder, not an image.", name=name))
            try:
                size = source.stat().st_size
            except (FileNotFoundError, PermissionError):
                raise
            except OSError as exc:  # a link that loops or leads nowhere, a dead network drive
                raise CorruptImage(
                    Message(
                        "'{name}' can't be read: {reason}.",
                        name=name,
                        reason=exc.strerror or str(exc),
                    )
                ) from None
            if size == 0:
                raise CorruptImage(
                    Message(
                        "'{name}' is empty (0 bytes).",
                        name=name,
                    )
                )
            if size > MAX_FILE_BYTES:
                raise ImageTooLarge(
                    Message(
                        "'{name}' is larger than 2 GB; FluxDesk can't open it.",
                        name=name,
                    )
                )
            handle: Path | io.BytesIO = source
        else:
            if not source:
                raise CorruptImage("The image is empty (0 bytes).")
            handle = io.BytesIO(source)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(handle)
    except (CorruptImage, ImageTooLarge):
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageTooLarge(
            Message(
                "'{name}' claims an impossibly large size; it was not opened.",
                name=name,
            )
        ) from None
    except PermissionError:
        raise CorruptImage(
            Message(
                "FluxDesk is not allowed to read '{name}'.",
                name=name,
            )
        ) from None
    except FileNotFoundError:
        raise CorruptImage(
            Message(
                "'{name}' no longer exists.",
                name=name,
            )
        ) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise CorruptImage(
            Message(
                "'{name}' is not an image FluxDesk can read (PNG, JPEG, TIFF, WebP, BMP...).",
                name=name,
            ),
        ) from exc
    width, height = image.size
    if width <= 0 or height <= 0:
        image.close()
        raise CorruptImage(
            Message(
                "'{name}' has no pixels.",
                name=name,
            )
        )
    if width * height > max_pixels:
        image.close()
        raise ImageTooLarge(
            Message(
                "'{name}' is {width}×{height} ({megapixels:.0f} MP); FluxDesk opens images up "
                "to {max_megapixels:.0f} MP.",
                name=name,
                width=width,
                height=height,
                megapixels=width * height / 1000000.0,
                max_megapixels=max_pixels / 1000000.0,
            )
        )
    return image


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation without decoding pixels. (Pillow's PNG getexif() decodes the whole
    image to look for an eXIf chunk after the pixel data; a chunk before it is in info.)"""
    if image.format == "PNG":
        raw = image.info.get("exif")
        if not raw:
            return 1
        exif = Image.Exif()
        exif.load(raw)
        return int(exif.get(0x0112, 1))
    return int(image.getexif().get(0x0112, 1))


def read_info(source: Path | bytes, max_pixels: int = MAX_PIXELS) -> ImageInfo:
    """Size and format from the header only: fast even for huge scans."""
    with _open(source, max_pixels) as image:
        dpi = image.info.get("dpi")
        orientation = _orientation(image)
        width, height = image.size
        if orientation in (5, 6, 7, 8):
            width, height = height, width
        return ImageInfo(
            width,
            height,
            image.format,
            image.mode,
            (float(dpi[0]), float(dpi[1])) if dpi else None,
        )


def _to_display_mode(image: Image.Image) -> Image.Image:
    """Any decoded mode -> L or RGB, transparency composited onto white paper."""
    mode = image.mode
    if mode in ("L", "RGB"):
        return image
    if mode == "1":
        return image.convert("L")
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16-bit scans: scale to 8 bits instead of clipping everything above 255 to white.
        wide = image.convert("I")
        scale = 255 / 65535 if wide.getextrema()[1] > 255 else 1.0
        return wide.point(lambda value: value * scale).convert("L")
    if mode == "F":
        return image.point(lambda value: value * 255).convert("L")
    if mode == "CMYK":
        return image.convert("RGB")
    if mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        mode = image.mode
    if mode in ("LA", "La", "PA", "RGBA", "RGBa"):
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        paper.alpha_composite(rgba)
        flat = paper.convert("RGB")
        return flat.convert("L") if mode in ("LA", "La") else flat
    return image.convert("RGB")


def load_image(source: Path | bytes, max_pixels: int = MAX_PIXELS) -> Image.Image:
    """Fully decodes an image, upright, in mode L or RGB. Raises CorruptImage/ImageTooLarge."""
    name = source.name if isinstance(source, Path) else "the image"
    image = _open(source, max_pixels)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
            upright = ImageOps.exif_transpose(image) or image
            return _to_display_mode(upright)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise CorruptImage(
            Message(
                "'{name}' is damaged or cut short and could not be read completely.",
                name=name,
            )
        ) from exc
    except MemoryError:
        raise ImageTooLarge(
            Message(
                "'{name}' is too large to open with the memory available.",
                name=name,
            )
        ) from None
    finally:
        image.close()
