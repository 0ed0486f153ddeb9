"""Pages of pencils for chapter batch tests, and what the emulator received."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from fluxdesk.emulator import EmulatorServer, RecordedRequest


def make_pages(folder: Path, count: int, size: tuple[int, int] = (600, 850)) -> Path:
    """`count` small pencil pages page-1.png … page-N.png (each a little different)."""
    folder.mkdir(parents=True, exist_ok=True)
    width, height = size
    for number in range(1, count + 1):
        image = Image.new("L", size, 236)
        draw = ImageDraw.Draw(image)
        draw.rectangle((20, 20, width - 20, height - 20), outline=110, width=4)
        draw.ellipse(
            (60 + 12 * number, 120, width // 2 + 12 * number, height // 2), outline=90, width=3
        )
        draw.line((40, height - 120, width - 40, 140 + 20 * number), fill=80, width=3)
        image.save(folder / f"page-{number}.png")
    return folder


def submits(server: EmulatorServer) -> list[RecordedRequest]:
    """Generation requests the emulator received (every one would be paid for at BFL)."""
    return [r for r in server.requests if r.method == "POST" and r.path.startswith("/v1/")]
