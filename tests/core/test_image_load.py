"""Hostile and unusual input files: each gives a clear typed error or a correct image."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from fluxdesk.core.api.catalog import MAX_API_PIXELS
from fluxdesk.core.errors import CorruptImage, ImageTooLarge, InputError
from fluxdesk.core.imaging.load import load_image, read_info
from fluxdesk.core.imaging.prepare import prepare_image, prepare_mask, target_size


def save(image: Image.Image, path: Path, **kwargs: object) -> Path:
    image.save(path, **kwargs)
    return path


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def png_bomb(path: Path, width: int, height: int) -> Path:
    """A tiny PNG whose header claims an enormous size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
    path.write_bytes(data + chunk(b"IEND", b""))
    return path


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (lambda p: write(p, b""), CorruptImage, "empty"),
        (lambda p: write(p, b"this is not an image at all"), CorruptImage, "not an image"),
        (lambda p: png_bomb(p, 100_000, 100_000), ImageTooLarge, "impossibly large"),
        (lambda p: png_bomb(p, 20_000, 15_000), ImageTooLarge, "300 MP"),
        (lambda p: p.mkdir() or p, CorruptImage, "folder"),
    ],
    ids=["zero-bytes", "text", "bomb", "too-big", "directory"],
)
def test_hostile_files_give_clear_errors(tmp_path: Path, make, error, words) -> None:
    path = make(tmp_path / "scan.png")
    with pytest.raises(error) as caught:
        load_image(path)
    assert words in caught.value.user_message


def test_truncated_file(tmp_path: Path) -> None:
    good = io.BytesIO()
    Image.effect_noise((600, 600), 60).save(good, "PNG")
    path = tmp_path / "cut.png"
    path.write_bytes(good.getvalue()[: len(good.getvalue()) // 2])
    with pytest.raises(CorruptImage, match="damaged or cut short"):
        load_image(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CorruptImage, match="no longer exists"):
        load_image(tmp_path / "gone.png")


def test_cmyk_becomes_rgb(tmp_path: Path) -> None:
    path = save(Image.new("CMYK", (300, 200), (0, 0, 0, 255)), tmp_path / "c.jpg")
    image = load_image(path)
    assert image.mode == "RGB" and image.getpixel((5, 5))[0] < 60


def test_16bit_greys_are_scaled_not_clipped(tmp_path: Path) -> None:
    wide = Image.new("I;16", (300, 300), 32768)
    path = save(wide, tmp_path / "g16.png")
    image = load_image(path)
    assert image.mode == "L" and 120 <= image.getpixel((1, 1)) <= 135


def test_exif_rotation_is_applied(tmp_path: Path) -> None:
    base = Image.new("L", (400, 300), 255)
    exif = base.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise on display
    path = save(base, tmp_path / "r.jpg", exif=exif)
    assert load_image(path).size == (300, 400)
    assert (read_info(path).width, read_info(path).height) == (300, 400)


def test_transparency_is_composited_on_white(tmp_path: Path) -> None:
    clear = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    clear.paste((0, 0, 0, 255), (0, 0, 10, 10))
    image = load_image(save(clear, tmp_path / "t.png"))
    assert image.mode == "RGB"
    assert image.getpixel((100, 100)) == (255, 255, 255)
    assert image.getpixel((5, 5)) == (0, 0, 0)


def test_palette_with_transparency_and_one_bit(tmp_path: Path) -> None:
    palette = Image.new("P", (300, 300), 0)
    palette.info["transparency"] = 0
    assert load_image(save(palette, tmp_path / "p.png", transparency=0)).getpixel((1, 1)) == (
        255,
        255,
        255,
    )
    assert load_image(save(Image.new("1", (300, 300), 1), tmp_path / "b.tif")).mode == "L"


def test_huge_600dpi_scan_is_downscaled_for_the_api() -> None:
    # A B4 page at 600 dpi is 6071 × 8598 px (52 MP); Kontext gets at most 4 MP.
    scan = Image.new("L", (6071, 8598), 255)
    prepared = prepare_image(scan, 4 * 1024 * 1024)
    assert prepared.width * prepared.height <= 4 * 1024 * 1024
    assert abs(prepared.width / prepared.height - 6071 / 8598) < 0.002
    assert not prepared.as_base64().startswith("data:")


def test_target_size_respects_api_limits_and_minimum() -> None:
    assert target_size(100, 50, 10**9) == (512, 256)
    width, height = target_size(8000, 8000, 10**9)
    assert width * height <= MAX_API_PIXELS
    width, height = target_size(12_000, 2, 4_000_000)  # the minimum never breaks the limit
    assert width * height <= 4_000_000 and height < 256


def test_a_strip_too_thin_to_send_is_refused_before_it_is_upscaled() -> None:
    # Scaled up to 256 px high this would be 15 million px wide: 11 GB in RGB.
    with pytest.raises(InputError, match="too long and narrow"):
        prepare_image(Image.new("RGB", (60_000, 1), "white"), 4_000_000)


def test_mask_is_binary_at_the_given_size() -> None:
    mask = Image.linear_gradient("L").resize((512, 512))
    prepared = prepare_mask(mask, (256, 256))
    decoded = Image.open(io.BytesIO(prepared.data))
    assert decoded.size == (256, 256)
    assert set(decoded.histogram()[1:255]) == {0}


def test_read_info_does_not_decode_pixels(tmp_path: Path, monkeypatch) -> None:
    path = save(Image.new("L", (3000, 4000), 255), tmp_path / "big.png")
    decoded: list[bool] = []
    original = Image.Image.load

    def spy(self: Image.Image):  # type: ignore[no-untyped-def]
        decoded.append(True)
        return original(self)

    monkeypatch.setattr(Image.Image, "load", spy)
    from PIL import PngImagePlugin

    monkeypatch.setattr(PngImagePlugin.PngImageFile, "load", spy, raising=False)
    info = read_info(path)
    assert (info.width, info.height, info.format) == (3000, 4000, "PNG")
    assert not decoded
