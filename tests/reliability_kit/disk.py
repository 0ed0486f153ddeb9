"""A disk that fills up: after `room` bytes, every write to a file (under `folder`, if given)
fails with ENOSPC, the way a full disk fails it.

Writers reach the disk three ways here: `os.write` on a descriptor (atomic_output), a file
object from `os.fdopen` (atomic_write_bytes, the PSD writer) or from `Path.open` (the backup).
All three are caught; stdin/stdout/stderr never are. Linux (the file of a descriptor is read
from /proc).
"""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import pytest


class FullDisk:
    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, room: int, folder: Path | None = None
    ) -> None:
        self.room = room
        self.folder = folder
        self.written = 0
        real_write, real_fdopen, real_path_open = os.write, os.fdopen, Path.open
        disk = self

        class File(io.FileIO):
            def write(self, data: object) -> int:
                disk.take(self.fileno(), len(memoryview(data)))  # type: ignore[arg-type]
                return super().write(data)  # type: ignore[arg-type]

        def write(fd: int, data: bytes) -> int:
            disk.take(fd, len(data))
            return real_write(fd, data)

        def fdopen(fd: int, mode: str = "r", *args: object, **kwargs: object) -> object:
            if mode == "wb" and fd > 2:
                return File(fd, "wb")
            return real_fdopen(fd, mode, *args, **kwargs)  # type: ignore[call-overload]

        def path_open(path: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
            if mode == "wb":
                return File(str(path), "wb")
            return real_path_open(path, mode, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(os, "write", write)
        monkeypatch.setattr(os, "fdopen", fdopen)
        monkeypatch.setattr(Path, "open", path_open)

    def take(self, fd: int, count: int) -> None:
        if fd <= 2 or not self._on_this_disk(fd):
            return
        if self.written + count > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.written += count

    def _on_this_disk(self, fd: int) -> bool:
        if self.folder is None:
            return True
        try:
            target = Path(f"/proc/self/fd/{fd}").readlink()
        except OSError:
            return False
        return target.is_relative_to(self.folder)


def files_in(folder: Path) -> list[str]:
    """Every file under `folder`, hidden temporaries included, relative and sorted."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
