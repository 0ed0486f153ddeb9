"""Hostile and odd input files: what artists (and attackers) drop on FluxDesk.

`build(folder)` writes them all and returns one `Hostile` per file, saying whether FluxDesk
must open it (`opens`: an odd but real image, shown and sent upright in L or RGB), must refuse
it with a clear message (`refused`, with words of that message), or may do either as long as it
says so plainly (`either`: formats Pillow happens to read, extreme shapes a model may refuse).
"""

from __future__ import annotations

import io
import os
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PIL import Image, ImageDraw


class Verdict(StrEnum):
    opens = "opens"
    refused = "refused"
    either = "either"


@dataclass(frozen=True, slots=True)
class Hostile:
    name: str
    path: Path
    verdict: Verdict
    words: str = ""  # in the refusal message
    # Present only when the check can happen (an unreadable file is readable to root).
    skip_reason: str | None = None


def drawing(size: tuple[int, int] = (320, 240), mode: str = "L") -> Image.Image:
    image = Image.new("L", size, 235)
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, size[0] - 10, size[1] - 10), outline=60, width=3)
    draw.line((0, 0, size[0], size[1]), fill=20, width=4)
    return image.convert(mode) if mode != "L" else image


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(side: int = 16_000) -> bytes:
    """A valid greyscale PNG of side×side zeros (256 MP): ~250 kB that would inflate to 256 MB
    decoded (and several times that as a display copy). Built in milliseconds: one compressed
    megabyte of zeros, cut loose from what came before it (a full flush), repeated."""
    raw = (side + 1) * side  # a filter byte, then the row
    block = 1024 * 1024
    packer = zlib.compressobj(9)
    piece = packer.compress(bytes(block)) + packer.flush(zlib.Z_FULL_FLUSH)
    header, piece = piece[:2], piece[2:]  # the zlib header comes once, first
    count, rest = divmod(raw, block)
    tail = zlib.compressobj(9)  # a fresh stream for the remainder (its header dropped below)
    last = tail.compress(bytes(rest)) + tail.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(count):
        checksum = zlib.adler32(bytes(block), checksum)
    checksum = zlib.adler32(bytes(rest), checksum)
    final = b"\x03\x00" + struct.pack(">I", checksum)  # an empty final block, then Adler-32
    idat = header + piece * count + last[2:] + final
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    chunks = _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def tiff_bomb(side: int = 100_000) -> bytes:
    """A TIFF whose header claims side×side pixels of one tiny strip."""
    tiny = encoded(Image.new("L", (1, 1), 0), "TIFF")
    with Image.open(io.BytesIO(tiny)) as probe:
        offset = probe.tag_v2[273][0]
    entries = [
        (256, 4, 1, side),  # ImageWidth
        (257, 4, 1, side),  # ImageLength
        (258, 3, 1, 8),  # BitsPerSample
        (259, 3, 1, 1),  # no compression
        (262, 3, 1, 1),  # BlackIsZero
        (273, 4, 1, offset),  # StripOffsets
        (277, 3, 1, 1),  # SamplesPerPixel
        (278, 4, 1, side),  # RowsPerStrip
        (279, 4, 1, 1),  # StripByteCounts
    ]
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        packed = struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value)
        ifd += struct.pack("<HHI", tag, kind, count) + packed
    ifd += struct.pack("<I", 0)
    body = b"\0" * max(0, offset - 8) + b"\0"
    return struct.pack("<2sHI", b"II", 42, 8 + len(body)) + body + ifd


def gif_bomb() -> bytes:
    """A GIF whose logical screen and frame claim 65535×65535."""
    small = bytearray(encoded(Image.new("P", (1, 1)), "GIF"))
    small[6:10] = struct.pack("<HH", 65535, 65535)
    frame = small.index(b",")
    small[frame + 5 : frame + 9] = struct.pack("<HH", 65535, 65535)
    return bytes(small)


def exif_rotated() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to show
    return encoded(drawing((300, 200), "RGB"), "JPEG", exif=exif.tobytes())


def animated(fmt: str) -> bytes:
    frames = [drawing((200, 150), "RGB"), Image.new("RGB", (200, 150), (250, 20, 20))]
    return encoded(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100)


def palette_with_alpha() -> bytes:
    image = drawing().convert("P")
    return encoded(image, "PNG", transparency=235)


def sixteen_bit() -> bytes:
    return encoded(drawing().point(lambda v: v * 257, "I").convert("I;16"), "PNG")


def float_tiff() -> bytes:
    return encoded(drawing().convert("F").point(lambda v: v / 255), "TIFF")


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
    b'<rect width="100" height="100"/></svg>'
)
PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)


def psd() -> bytes:
    # psd-tools needs a real file; the bytes are read back from a temporary one.
    import tempfile

    from fluxdesk.core.layers import Layer, write_psd

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "layers.psd"
        write_psd(path, [Layer("pencils", drawing()), Layer("ink", drawing())])
        return path.read_bytes()


Writer = Callable[[Path], None]


def _bytes(data: bytes | Callable[[], bytes]) -> Writer:
    return lambda path: path.write_bytes(data() if callable(data) else data)


def _cut(data: Callable[[], bytes], keep: float = 0.5) -> Callable[[], bytes]:
    return lambda: (whole := data())[: int(len(whole) * keep)]


def _flipped(data: Callable[[], bytes]) -> Callable[[], bytes]:
    """Bytes spoiled in the middle of the image data (a bad sector, a bad transfer)."""

    def spoil() -> bytes:
        whole = bytearray(data())
        middle = len(whole) // 2
        whole[middle : middle + 64] = bytes(64)
        return bytes(whole)

    return spoil


def build(folder: Path) -> list[Hostile]:
    """Writes every hostile file into `folder` (created) and returns them."""
    folder.mkdir(parents=True, exist_ok=True)
    png = lambda: encoded(drawing(), "PNG")  # noqa: E731
    jpeg = lambda: encoded(drawing((640, 480), "RGB"), "JPEG", quality=90)  # noqa: E731
    tiff = lambda: encoded(drawing((640, 480)), "TIFF")  # noqa: E731
    webp = lambda: encoded(drawing((640, 480), "RGB"), "WEBP")  # noqa: E731
    refused, opens, either = Verdict.refused, Verdict.opens, Verdict.either
    plan: list[tuple[str, Writer, Verdict, str]] = [
        ("empty.png", _bytes(b""), refused, "empty"),
        ("truncated.png", _bytes(_cut(png)), refused, "damaged or cut short"),
        ("truncated.jpg", _bytes(_cut(jpeg, 0.3)), refused, "damaged or cut short"),
        ("truncated.tif", _bytes(_cut(tiff)), refused, "damaged or cut short"),
        ("truncated.webp", _bytes(_cut(webp)), refused, ""),
        # Pillow does not check the CRC of image data: spoiled bytes may decode as noise.
        ("spoiled-middle.png", _bytes(_flipped(png)), either, ""),
        ("bomb.png", _bytes(png_bomb), refused, "MP"),
        ("bomb.tif", _bytes(tiff_bomb), refused, ""),
        ("bomb.gif", _bytes(gif_bomb), refused, ""),
        ("notes.png", _bytes(b"these are my notes, not a picture\n" * 20), refused, "not an image"),
        ("drawing.svg", _bytes(SVG), refused, "not an image"),
        ("page.pdf", _bytes(PDF), refused, "not an image"),
        ("drawing.svg.png", _bytes(SVG), refused, "not an image"),
        ("page.pdf.png", _bytes(PDF), refused, "not an image"),
        ("garbage.jpg", _bytes(b"\xff\xd8\xff\xe0" + os.urandom(4000)), refused, ""),
        ("one-bit.png", lambda p: drawing().convert("1").save(p), opens, ""),
        ("sixteen-bit.png", _bytes(sixteen_bit), opens, ""),
        ("cmyk.jpg", lambda p: drawing(mode="CMYK").save(p, "JPEG"), opens, ""),
        ("cmyk.tif", lambda p: drawing(mode="CMYK").save(p, "TIFF"), opens, ""),
        ("lab.tif", lambda p: drawing(mode="LAB").save(p, "TIFF"), opens, ""),
        ("int32.tif", lambda p: drawing().convert("I").save(p, "TIFF"), opens, ""),
        ("float.tif", _bytes(float_tiff), opens, ""),
        ("palette-alpha.png", _bytes(palette_with_alpha), opens, ""),
        ("grey-alpha.png", lambda p: drawing(mode="LA").save(p), opens, ""),
        ("rgba.png", lambda p: drawing(mode="RGBA").save(p), opens, ""),
        ("animated.gif", _bytes(lambda: animated("GIF")), opens, ""),
        ("animated.png", _bytes(lambda: animated("PNG")), opens, ""),
        ("exif-rotated.jpg", _bytes(exif_rotated), opens, ""),
        ("png-named.jpg", _bytes(png), opens, ""),
        ("jpeg-named.png", _bytes(jpeg), opens, ""),
        ("webp-named.tif", _bytes(webp), opens, ""),
        ("日本語のページ.png", _bytes(png), opens, ""),
        ("🖋️インク✨.png", _bytes(png), opens, ""),
        ("layers.psd", _bytes(psd), either, ""),
        # Opens on the canvas; too thin to send (upscaled to 256 px high it was 393 MP).
        ("sliver.png", lambda p: Image.new("L", (12_000, 2), 200).save(p), either, ""),
        ("one-pixel.png", lambda p: Image.new("L", (1, 1), 0).save(p), either, ""),
    ]
    found = [_write(folder / name, write, verdict, words) for name, write, verdict, words in plan]
    found += _paths_and_specials(folder)
    return found


def _write(path: Path, write: Writer, verdict: Verdict, words: str) -> Hostile:
    write(path)
    return Hostile(path.name, path, verdict, words)


def _paths_and_specials(folder: Path) -> list[Hostile]:
    found: list[Hostile] = []
    deep = folder.joinpath(*(f"chapter-{n:02d}-with-a-long-folder-name" for n in range(12)))
    deep.mkdir(parents=True)
    long_path = deep / "page.png"  # > 255 characters in all
    drawing().save(long_path)
    found.append(Hostile("long-path", long_path, Verdict.opens))
    long_name = folder / ("ページ" * 27 + ".png")  # 251 bytes of UTF-8 + .png: at the limit
    drawing().save(long_name)
    found.append(Hostile("long-name", long_name, Verdict.opens))

    pages = folder / "a-folder.png"  # a folder, even with an image's name
    pages.mkdir()
    found.append(Hostile("folder", pages, Verdict.refused, "folder"))
    loop = folder / "loop.png"
    loop.symlink_to(loop)
    found.append(Hostile("symlink-loop", loop, Verdict.refused, "symbolic links"))
    fifo = folder / "pipe.png"
    os.mkfifo(fifo)
    found.append(Hostile("fifo", fifo, Verdict.refused, ""))
    missing = folder / "gone.png"
    found.append(Hostile("missing", missing, Verdict.refused, "no longer exists"))
    locked = folder / "locked.png"
    drawing().save(locked)
    locked.chmod(0)
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    found.append(
        Hostile(
            "unreadable",
            locked,
            Verdict.refused,
            "not allowed",
            "running as root: a chmod 000 file is still readable" if root else None,
        )
    )
    return found


def sixty_mp_scan(path: Path) -> Path:
    """A 600 dpi scan of about 60 MP (6500 × 9300, grey), as an artist's flatbed makes."""
    image = Image.new("L", (6500, 9300), 238)
    draw = ImageDraw.Draw(image)
    for n in range(80):
        draw.line((80 * n, 0, 6500 - 70 * n, 9300), fill=70, width=5)
    image.save(path, compress_level=1)
    return path
