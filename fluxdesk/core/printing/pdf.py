"""A chapter as one PDF: every page at its exact physical size (MediaBox = trim or bleed box in
points, with TrimBox/BleedBox), mono pages embedded losslessly as CCITT Group 4
(/CCITTFaxDecode), grey and colour pages losslessly with Flate.

Written by hand (a PDF of image pages is a few objects each) and streamed page by page, so a
chapter of 52 MP pages never sits in memory at once. Blocking; call from a worker thread.
Progress is reported per page; ``cancel`` is checked between pages and leaves no file.
"""

from __future__ import annotations

import io
import threading
import zlib
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image, ImageChops

from fluxdesk.core.imaging.load import load_image
from fluxdesk.core.printing.files import Output, atomic_output
from fluxdesk.core.printing.recipe import SOFTWARE
from fluxdesk.core.printing.settings import ExportSettings, finished_page
from fluxdesk.core.printing.steps import Progress, check_cancel, report

_STRIP_OFFSETS, _STRIP_BYTE_COUNTS = 273, 279
_CATALOG, _PAGE_TREE, _INFO = 1, 2, 3


def export_chapter_pdf(
    pages: Sequence[Image.Image | Path],
    path: Path,
    settings: ExportSettings,
    *,
    title: str | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Writes ``pages`` (images already placed on the page, or files of such pages, each
    exactly ``settings.size_px``) as one PDF, in order. Returns ``path``."""
    if not pages:
        raise ValueError("a chapter needs at least one page")
    path = Path(path)
    width_pt, height_pt = settings.page.size_points(bleed=settings.bleed)
    boxes = _boxes(settings, width_pt, height_pt)
    with atomic_output(path, overwrite=overwrite) as out:
        pdf = _Writer(out)
        pdf.object(_CATALOG, f"<< /Type /Catalog /Pages {_PAGE_TREE} 0 R >>")
        kids = " ".join(f"{_first_id(index)} 0 R" for index in range(len(pages)))
        pdf.object(_PAGE_TREE, f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>")
        now = datetime.now(UTC).strftime("D:%Y%m%d%H%M%SZ")
        info = f"/Producer {_text(SOFTWARE)} /Creator {_text(SOFTWARE)} /CreationDate ({now})"
        pdf.object(_INFO, f"<< {info}{f' /Title {_text(title)}' if title else ''} >>")
        for index, source in enumerate(pages):
            check_cancel(cancel)
            image = load_image(source) if isinstance(source, Path) else source
            settings.check_page(image, f"Page {index + 1}")
            page_id = _first_id(index)
            image_dict, data = _image_xobject(finished_page(image, settings))
            pdf.stream(page_id + 2, image_dict, data)
            draw = f"q {_num(width_pt)} 0 0 {_num(height_pt)} 0 0 cm /Im0 Do Q"
            pdf.stream(page_id + 1, "", draw.encode("ascii"))
            pdf.object(
                page_id,
                f"<< /Type /Page /Parent {_PAGE_TREE} 0 R {boxes} /Contents {page_id + 1} 0 R "
                f"/Resources << /XObject << /Im0 {page_id + 2} 0 R >> >> >>",
            )
            report(progress, (index + 1) / len(pages))
        pdf.finish()
    return path


def _first_id(index: int) -> int:
    return _INFO + 1 + 3 * index  # page, its content stream, its image


def _boxes(settings: ExportSettings, width: float, height: float) -> str:
    media = f"[0 0 {_num(width)} {_num(height)}]"
    if not settings.bleed:
        return f"/MediaBox {media} /TrimBox {media}"
    bleed = settings.page.bleed * 72 / settings.page.unit.per_inch
    trim = f"[{_num(bleed)} {_num(bleed)} {_num(width - bleed)} {_num(height - bleed)}]"
    return f"/MediaBox {media} /BleedBox {media} /TrimBox {trim}"


def _image_xobject(page: Image.Image) -> tuple[str, bytes]:
    head = f"/Type /XObject /Subtype /Image /Width {page.width} /Height {page.height}"
    if page.mode == "1":
        params = f"<< /K -1 /Columns {page.width} /Rows {page.height} >>"
        return (
            f"{head} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode "
            f"/DecodeParms {params}",
            g4_stream(page),
        )
    space = "/DeviceRGB" if page.mode == "RGB" else "/DeviceGray"
    data = zlib.compress(page.tobytes(), 6)
    return f"{head} /ColorSpace {space} /BitsPerComponent 8 /Filter /FlateDecode", data


def g4_stream(page: Image.Image) -> bytes:
    """The page as one CCITT Group 4 stream, white as white (fax convention, so PDF's default
    BlackIs1 false applies), in one strip because every strip restarts the coding."""
    # Pillow hands libtiff 1 = white, which the fax coder takes for black: invert first.
    buffer = io.BytesIO()
    ImageChops.invert(page).save(buffer, "TIFF", compression="group4", strip_size=2**31 - 1)
    with Image.open(buffer) as tiff:
        offsets, counts = tiff.tag_v2[_STRIP_OFFSETS], tiff.tag_v2[_STRIP_BYTE_COUNTS]
    offsets = offsets if isinstance(offsets, tuple) else (offsets,)
    counts = counts if isinstance(counts, tuple) else (counts,)
    if len(offsets) != 1:
        raise RuntimeError("libtiff split the page into strips")
    return buffer.getbuffer()[offsets[0] : offsets[0] + counts[0]].tobytes()


def _num(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _text(value: str) -> str:
    """A PDF text string that holds any language: UTF-16BE with its byte-order mark, in hex."""
    return "<FEFF" + value.encode("utf-16-be").hex().upper() + ">"


class _Writer:
    def __init__(self, out: Output) -> None:
        self._out = out
        self._offsets: dict[int, int] = {}
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")  # binary comment: tells tools it's binary

    def object(self, number: int, body: str) -> None:
        self._offsets[number] = self._out.tell()
        self._out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("ascii"))

    def stream(self, number: int, entries: str, data: bytes) -> None:
        self._offsets[number] = self._out.tell()
        head = f"{number} 0 obj\n<< {entries} /Length {len(data)} >>\nstream\n"
        self._out.write(head.encode("ascii"))
        self._out.write(data)
        self._out.write(b"\nendstream\nendobj\n")

    def finish(self) -> None:
        start = self._out.tell()
        size = max(self._offsets) + 1
        lines = [f"xref\n0 {size}\n", "0000000000 65535 f \n"]
        lines += [f"{self._offsets[number]:010d} 00000 n \n" for number in range(1, size)]
        trailer = f"trailer\n<< /Size {size} /Root {_CATALOG} 0 R /Info {_INFO} 0 R >>\n"
        self._out.write(("".join(lines) + trailer + f"startxref\n{start}\n%%EOF\n").encode())
