"""A page's panels, kept in the history so reopening the page brings them back.

Keyed by the page image's hash (SHA-256 of the file's bytes, or of the pixels of a pasted
image), not its path: the same scan opened from another folder finds its panels, and a page
changed on disk starts afresh. Stored as JSON in ``page_panels`` (schema v7). Blocking (disk,
hashing); call from a worker thread in the GUI.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from fluxdesk.core.errors import InputError
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.messages import Message
from fluxdesk.core.panels.model import Panel, ReadingDirection
from fluxdesk.core.regions.geometry import Polygon

log = logging.getLogger(__name__)

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class PageLayout:
    """The panels of one page, in reading order, and the direction they are read in."""

    page_sha256: str
    page_size: tuple[int, int]
    direction: ReadingDirection
    panels: tuple[Panel, ...]


def page_fingerprint(path: Path | None = None, image: Image.Image | None = None) -> str:
    """The page's key: the file's bytes when there is a file, else the pixels."""
    digest = hashlib.sha256()
    if path is not None:
        try:
            with path.open("rb") as file:
                while chunk := file.read(_CHUNK):
                    digest.update(chunk)
        except OSError as exc:
            raise InputError(
                Message(
                    "The page {name} could not be read ({reason}).", name=path.name, reason=str(exc)
                )
            ) from exc
        return digest.hexdigest()
    if image is None:
        raise ValueError("a path or an image")
    digest.update(f"{image.mode} {image.width} {image.height}\n".encode())
    digest.update(image.tobytes())
    return digest.hexdigest()


def panels_to_data(panels: Sequence[Panel]) -> list[dict[str, Any]]:
    return [
        {
            "id": p.id,
            "polygon": [list(point) for point in p.polygon.points],
            "border_px": p.border_px,
        }
        for p in panels
    ]


def panels_from_data(data: Any) -> tuple[Panel, ...]:
    """Raises ValueError (or a KeyError/TypeError) on anything that is not a panel list."""
    panels = tuple(
        Panel(int(item["id"]), Polygon.of(item["polygon"]), float(item.get("border_px", 0.0)))
        for item in data
    )
    if len({panel.id for panel in panels}) != len(panels):
        raise ValueError("panel ids repeat")
    return panels


def save_layout(store: HistoryStore, layout: PageLayout) -> None:
    """Replaces the page's panels (an empty list is kept too: "no panels" is an answer)."""
    with store.transaction(Message("the page's panels")) as db:
        db.execute(
            "INSERT OR REPLACE INTO page_panels (page_sha256, page_width, page_height, "
            "direction, panels_json, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                layout.page_sha256,
                layout.page_size[0],
                layout.page_size[1],
                str(layout.direction),
                json.dumps(panels_to_data(layout.panels)),
                time.time(),
            ),
        )


def load_layout(store: HistoryStore, page_sha256: str) -> PageLayout | None:
    """The page's panels, or None when none were kept (or what was kept is unreadable)."""
    with store.read() as db:
        row = db.execute(
            "SELECT * FROM page_panels WHERE page_sha256 = ?", (page_sha256,)
        ).fetchone()
    if row is None:
        return None
    try:
        panels = panels_from_data(json.loads(row["panels_json"]))
        direction = ReadingDirection(row["direction"])
    except (ValueError, KeyError, TypeError, InputError) as exc:
        log.warning("ignoring the unreadable panels of page %s…: %s", page_sha256[:12], exc)
        return None
    return PageLayout(page_sha256, (row["page_width"], row["page_height"]), direction, panels)
