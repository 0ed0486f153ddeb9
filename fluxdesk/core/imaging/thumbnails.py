"""Small cached previews of results for the history list.

Blocking; call from a worker thread in the GUI.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from fluxdesk.core.atomic import atomic_write_bytes
from fluxdesk.core.imaging.load import load_image

THUMBNAIL_SIZE = 256


def thumbnail_path(cache_dir: Path, sha256: str) -> Path:
    return cache_dir / sha256[:2] / f"{sha256}.png"


def ensure_thumbnail(source: Path, cache_dir: Path, sha256: str) -> Path:
    """The cached thumbnail of `source` (content hash `sha256`), made if missing."""
    target = thumbnail_path(cache_dir, sha256)
    if target.exists():
        return target
    image = load_image(source)
    image.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE), Image.Resampling.LANCZOS, reducing_gap=2.0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    # Not fsynced: a thumbnail lost to a power cut is simply made again.
    atomic_write_bytes(target, buffer.getvalue(), durable=False)
    return target
