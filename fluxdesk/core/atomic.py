"""Atomic file writes: a temporary file beside the target, flushed, then renamed over it.

A crash or a full disk leaves either the old file or the complete new one, never a partial
file under the real name. Blocking; call from a worker thread in the GUI.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Writes `data` to `path` atomically; `durable` fsyncs so it also survives power loss."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=".partial-", suffix=path.suffix)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
