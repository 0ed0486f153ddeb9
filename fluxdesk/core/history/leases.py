"""Which running FluxDesk (window or command) owns which job, told by OS file locks.

Every process that runs jobs holds an exclusive lock on its own file in
``data/instances/<token>.lock`` for as long as it lives, and records its token on the jobs it
starts. The operating system drops the lock when the process ends in any way (quit, crash,
``kill -9``, power loss), so "is this job's owner still alive?" is one non-blocking lock
attempt, with no stale pid files to guess about. Recovery only touches jobs whose owner is
gone, so two windows, or a window and ``fluxdesk generate``, never steal each other's jobs.

The same lock, on a fixed name, tells a second window that another one is already open.
"""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        # flock locks belong to the open file, so a second open() in this very process
        # conflicts too (unlike fcntl record locks): a dead-or-alive check works anywhere.
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


class FileLock:
    """An exclusive lock on one file, held until `release()` or the end of the process."""

    def __init__(self, path: Path, handle: IO[bytes]) -> None:
        self.path = path
        self._handle: IO[bytes] | None = handle

    @classmethod
    def try_acquire(cls, path: Path) -> FileLock | None:
        """The lock, or None if another process (or another open of it) holds it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a+b")
        if not _try_lock(handle):
            handle.close()
            return None
        return cls(path, handle)

    @property
    def held(self) -> bool:
        return self._handle is not None

    def release(self, *, remove: bool = False) -> None:
        if self._handle is None:
            return
        if remove:
            # Unlink before closing: nobody can lock a file no longer reachable by name.
            with contextlib.suppress(OSError):
                self.path.unlink()
        self._handle.close()  # closing drops the lock
        self._handle = None


class InstanceLease:
    """This process's claim on the jobs it runs. Acquire once per process; release at exit."""

    def __init__(self, folder: Path, token: str, lock: FileLock) -> None:
        self.folder = folder
        self.token = token
        self._lock = lock

    @classmethod
    def acquire(cls, folder: Path) -> InstanceLease:
        token = uuid.uuid4().hex
        lock = FileLock.try_acquire(folder / f"{token}.lock")
        if lock is None:  # a fresh random name cannot be taken: the folder is unusable
            raise OSError(f"could not lock a new file in {folder}")
        return cls(folder, token, lock)

    def release(self) -> None:
        self._lock.release(remove=True)


def owner_alive(folder: Path, token: str | None) -> bool:
    """True while the process holding `token` runs. No token (older entries) means no owner."""
    if not token:
        return False
    path = folder / f"{token}.lock"
    if not path.exists():
        return False
    probe = FileLock.try_acquire(path)
    if probe is None:
        return True
    probe.release(remove=True)  # its owner is gone: tidy up after it
    return False


def live_owners(folder: Path) -> list[str]:
    """Tokens of the FluxDesk processes running on this history now."""
    if not folder.is_dir():
        return []
    return [path.stem for path in sorted(folder.glob("*.lock")) if owner_alive(folder, path.stem)]
