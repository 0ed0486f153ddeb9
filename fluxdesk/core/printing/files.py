"""Writing output files safely: never over an existing file without permission, atomically
(a hidden temporary file beside the target, flushed to disk, then renamed), and with a clear
``StorageError`` for a full disk or a read-only folder. A failed or cancelled write leaves
neither a partial file nor a changed target. Blocking; call from a worker thread.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from fluxdesk.core.errors import InputError, OutputExists, StorageError
from fluxdesk.core.messages import Message

# Where hard links are missing (FAT, exFAT, some network shares) the no-clobber rename falls
# back to check-then-rename.
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}


def check_free(paths: Sequence[Path], *, overwrite: bool) -> None:
    """Raises ``OutputExists`` for the first path already taken (unless ``overwrite``), and
    ``InputError`` for a folder in the way; call before any work so nothing half happens."""
    for path in paths:
        if path.is_dir():
            raise InputError(
                Message(
                    "'{path}' is a folder; give a file name to export to.",
                    path=path,
                )
            )
        if not overwrite and path.exists():
            raise OutputExists(path)


class Output:
    """The file being written: ``write`` bytes, ``tell`` how many so far."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._written = 0

    def write(self, data: bytes | bytearray | memoryview) -> int:
        view = memoryview(data)
        while view:
            count = os.write(self._fd, view)
            view = view[count:]
        self._written += len(data)
        return len(data)

    def tell(self) -> int:
        return self._written


@contextlib.contextmanager
def atomic_output(path: Path, *, overwrite: bool) -> Iterator[Output]:
    """Yields an ``Output``; when the block ends without error the file appears at ``path``
    complete, otherwise nothing changes there. Raises ``OutputExists``/``StorageError``."""
    check_free([path], overwrite=overwrite)
    try:
        fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise storage_error(exc, path) from exc
    temp = Path(temp_name)
    try:
        try:
            yield Output(fd)
            os.fsync(fd)
        finally:
            os.close(fd)
        _publish(temp, path, overwrite=overwrite)
    except OSError as exc:
        _remove(temp)
        raise storage_error(exc, path) from exc
    except BaseException:
        _remove(temp)
        raise


def write_bytes(path: Path, data: bytes, *, overwrite: bool) -> None:
    with atomic_output(path, overwrite=overwrite) as out:
        out.write(data)


def _publish(temp: Path, path: Path, *, overwrite: bool) -> None:
    if overwrite:
        temp.replace(path)
        return
    try:
        os.link(temp, path)  # fails if the name was taken meanwhile: never clobbers
    except FileExistsError:
        raise OutputExists(path) from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        if path.exists():
            raise OutputExists(path) from None
        temp.replace(path)
    else:
        _remove(temp)


def _remove(temp: Path) -> None:
    with contextlib.suppress(OSError):
        temp.unlink()


def storage_error(exc: OSError, path: Path) -> StorageError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        message = Message(
            "The disk is full: '{name}' was not written. Free some space in "
            "{folder} (or choose another drive) and export again.",
            name=path.name,
            folder=str(path.parent),
        )
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        message = Message(
            "FluxDesk is not allowed to write to {folder}; choose another folder.",
            folder=str(path.parent),
        )
    elif exc.errno == errno.ENOENT:
        message = Message(
            "The folder {folder} does not exist; choose another folder.", folder=str(path.parent)
        )
    else:
        message = Message(
            "'{name}' could not be written ({reason}).",
            name=path.name,
            reason=exc.strerror or str(exc),
        )
    return StorageError(message, detail=f"{type(exc).__name__}: {exc}")
