"""What a drop onto the canvas means: image files, and folders of pages in reading order."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QMimeData

IMAGE_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".jpe", ".tif", ".tiff", ".webp", ".bmp", ".gif"}
)

_DIGITS = re.compile(r"(\d+)")


def natural_key(path: Path) -> tuple[tuple[object, ...], str]:
    """Sorts 'page2' before 'page10' (case-insensitive), as a file manager does."""
    parts = _DIGITS.split(path.name.casefold())
    # split() puts text at even and digits at odd positions, so compared items share a type.
    key = tuple(int(part) if index % 2 else part for index, part in enumerate(parts))
    return key, path.name


def is_image_path(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_SUFFIXES and not path.name.startswith(".")


def _folder_images(folder: Path) -> list[Path]:
    try:
        entries = [entry for entry in folder.iterdir() if is_image_path(entry) and entry.is_file()]
    except OSError:
        return []
    return sorted(entries, key=natural_key)


def expand_dropped(paths: Iterable[Path]) -> list[Path]:
    """Image files in the order given; each folder becomes its image files (not recursive),
    naturally sorted. Anything else (and hidden files such as macOS '._page.png') is skipped."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        candidates = _folder_images(path) if path.is_dir() else [path]
        for candidate in candidates:
            if is_image_path(candidate) and candidate.is_file() and candidate not in seen:
                seen.add(candidate)
                found.append(candidate)
    return found


def local_paths(mime: QMimeData) -> list[Path]:
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def accepts(mime: QMimeData) -> bool:
    """Cheap check while dragging: any local image file or folder (no folder listing)."""
    return any(path.is_dir() or is_image_path(path) for path in local_paths(mime))
