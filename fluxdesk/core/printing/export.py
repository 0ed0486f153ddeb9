"""Print-ready page files: 1-bit TIFF (CCITT Group 4) or PNG for mono line art, 8-bit
greyscale TIFF/PNG, colour PNG/JPEG/TIFF, or a one-page PDF, each with its dpi recorded and,
if asked, the generation recipe embedded (PNG iTXt, TIFF ImageDescription + XMP, JPEG XMP)
and written beside it as a JSON sidecar (``<file>.json``).

Nothing existing is replaced unless ``overwrite=True`` (``OutputExists`` otherwise, for the
GUI to turn into a question); writes are atomic (see ``files``). Blocking; call from a worker
thread. ``progress`` gets fractions, ``cancel`` stops before anything is written.
"""

from __future__ import annotations

import io
import threading
from enum import StrEnum
from pathlib import Path

from PIL import Image, PngImagePlugin

from fluxdesk.core.errors import InputError, StorageError
from fluxdesk.core.messages import Message
from fluxdesk.core.printing.files import check_free, write_bytes
from fluxdesk.core.printing.finishing import ColorMode
from fluxdesk.core.printing.pdf import export_chapter_pdf
from fluxdesk.core.printing.recipe import SOFTWARE, Recipe, sidecar_json, xmp_packet
from fluxdesk.core.printing.settings import ExportSettings, finished_page
from fluxdesk.core.printing.steps import Progress, check_cancel, report


class FileFormat(StrEnum):
    tiff = "tiff"
    png = "png"
    jpeg = "jpeg"
    pdf = "pdf"

    @classmethod
    def from_path(cls, path: Path) -> FileFormat:
        suffix = path.suffix.lower()
        for fmt, suffixes in _SUFFIXES.items():
            if suffix in suffixes:
                return fmt
        raise InputError(
            Message(
                "'{name}': FluxDesk exports .tif, .png, .jpg or .pdf files; add one of those.",
                name=path.name,
            )
        )


_SUFFIXES = {
    FileFormat.tiff: (".tif", ".tiff"),
    FileFormat.png: (".png",),
    FileFormat.jpeg: (".jpg", ".jpeg"),
    FileFormat.pdf: (".pdf",),
}
_ALLOWED = {
    ColorMode.mono: (FileFormat.tiff, FileFormat.png, FileFormat.pdf),
    ColorMode.gray: (FileFormat.tiff, FileFormat.png, FileFormat.pdf),
    ColorMode.color: (FileFormat.png, FileFormat.jpeg, FileFormat.tiff, FileFormat.pdf),
}


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def check_target(
    path: Path, settings: ExportSettings, *, with_sidecar: bool = False, overwrite: bool = False
) -> FileFormat:
    """The format for ``path``; raises now what ``export_page`` would refuse after the work:
    an unknown suffix, a format the mode can't use (``InputError``), a taken name
    (``OutputExists``). Fast; safe on any thread."""
    fmt = FileFormat.from_path(path)
    if fmt not in _ALLOWED[settings.mode]:
        raise InputError(
            Message(
                "A {mode} page can't be saved as {format}; use {formats}.",
                mode=settings.mode.value,
                format=fmt.value.upper(),
                formats=", ".join(f.value.upper() for f in _ALLOWED[settings.mode]),
            )
        )
    check_free([path, sidecar_path(path)] if with_sidecar else [path], overwrite=overwrite)
    return fmt


def export_page(
    image: Image.Image,
    path: Path,
    settings: ExportSettings,
    *,
    recipe: Recipe | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Writes the page (exactly ``settings.size_px``) to ``path`` in the format its suffix
    names, plus the sidecar if ``settings.sidecar`` and a recipe are given. Returns ``path``."""
    path = Path(path)
    with_sidecar = settings.sidecar and recipe is not None
    fmt = check_target(path, settings, with_sidecar=with_sidecar, overwrite=overwrite)
    settings.check_page(image)
    if fmt is FileFormat.pdf:
        export_chapter_pdf(
            [image], path, settings, overwrite=overwrite, progress=progress, cancel=cancel
        )
    else:
        page = finished_page(image, settings)
        report(progress, 0.4)
        check_cancel(cancel)
        data = encode(page, fmt, settings, recipe if settings.embed_recipe else None)
        report(progress, 0.8)
        check_cancel(cancel)
        write_bytes(path, data, overwrite=overwrite)
    if with_sidecar:
        assert recipe is not None
        _write_sidecar(path, settings, recipe, overwrite=overwrite)
    report(progress, 1.0)
    return path


def _write_sidecar(
    path: Path, settings: ExportSettings, recipe: Recipe, *, overwrite: bool
) -> None:
    width, height = settings.size_px
    output = {
        "file": path.name,
        "page": settings.page.key,
        "size_mm": [round(v, 3) for v in settings.page.size_mm(bleed=settings.bleed)],
        "bleed": settings.bleed,
        "dpi": settings.dpi,
        "mode": settings.mode.value,
        "size_px": [width, height],
    }
    try:
        write_bytes(sidecar_path(path), sidecar_json(recipe, output).encode(), overwrite=overwrite)
    except StorageError as error:
        error.user_message = Message(
            "The page was saved, but its sidecar was not: {reason}", reason=error.user_message
        )
        raise


def encode(
    page: Image.Image, fmt: FileFormat, settings: ExportSettings, recipe: Recipe | None
) -> bytes:
    """The file's bytes, built in memory so a write error can't leave a half-encoded file."""
    dpi = (settings.dpi, settings.dpi)
    buffer = io.BytesIO()
    if fmt is FileFormat.tiff:
        extra: dict[str, object] = {}
        if recipe is not None:
            extra["description"] = recipe.to_json(ascii_only=True)
            extra["tiffinfo"] = {700: xmp_packet(recipe)}
        compression = "group4" if page.mode == "1" else "tiff_lzw"
        page.save(buffer, "TIFF", compression=compression, dpi=dpi, software=SOFTWARE, **extra)
    elif fmt is FileFormat.png:
        info = PngImagePlugin.PngInfo()
        info.add_text("Software", SOFTWARE)
        if recipe is not None:
            info.add_itxt("fluxdesk:recipe", recipe.to_json())
            info.add_itxt("XML:com.adobe.xmp", xmp_packet(recipe).decode())
        page.save(buffer, "PNG", dpi=dpi, pnginfo=info)
    else:  # JPEG; 4:4:4 keeps coloured line edges sharp
        xmp = xmp_packet(recipe) if recipe is not None else None
        page.save(buffer, "JPEG", dpi=dpi, quality=settings.jpeg_quality, subsampling=0, xmp=xmp)
    return buffer.getvalue()
