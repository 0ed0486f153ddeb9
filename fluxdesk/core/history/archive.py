"""Back up the whole history as one zip file, and restore it, verified.

The archive holds a consistent copy of the database (SQLite's online backup API, so jobs may
keep running meanwhile), every image file it refers to, and a manifest with the database's
hash. Backups are written to a temporary file beside the target and renamed at the end, so a
full disk or a cancel leaves nothing half-written. Restoring checks every hash before anything
is replaced, merges the images (content-addressed: adding never harms) and keeps the previous
database beside the restored one. Blocking; worker thread in the GUI.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from fluxdesk import __version__
from fluxdesk.core.errors import InputError, OperationCancelled, StorageError
from fluxdesk.core.history.schema import SCHEMA_VERSION
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.messages import Message

FORMAT = "fluxdesk.history-backup/1"
DB_NAME = "history.sqlite3"
MANIFEST = "manifest.json"
Progress = Callable[[int, int], None]
_CHUNK = 1024 * 1024
# Far above any image the history keeps (a 1200 dpi page is a few hundred MB at most).
MAX_IMAGE_BYTES = 2 * 1024**3
_MAX_MANIFEST_BYTES = 1024 * 1024  # a few hundred bytes in practice


@dataclass(frozen=True, slots=True)
class ArchiveSummary:
    path: Path
    entries: int
    images: int
    bytes: int
    missing_images: int = 0
    previous_db: Path | None = None  # restore: where the replaced database was kept


def _full_disk_or(exc: OSError, what: str) -> StorageError:
    if exc.errno == errno.ENOSPC:
        return StorageError(
            Message(
                "The disk is full, so FluxDesk could not write {what}. Nothing was changed; "
                "free some space or choose another drive.",
                what=what,
            ),
            detail=str(exc),
        )
    return StorageError(
        Message(
            "Could not write {what} ({reason}).",
            what=what,
            reason=exc.strerror or str(exc),
        ),
        detail=str(exc),
    )


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise OperationCancelled()


def _open_output(path: Path) -> IO[bytes]:
    return path.open("wb")


def _snapshot(store: HistoryStore, target: Path) -> None:
    """A consistent copy of the live database, taken while others may write to it."""
    source = sqlite3.connect(store.db_path, timeout=10.0)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        copy.close()
        source.close()


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def backup_history(
    store: HistoryStore,
    destination: Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ArchiveSummary:
    """Writes the archive to `destination` (replacing it only once complete)."""
    destination = destination.expanduser()
    if not destination.parent.is_dir():
        raise InputError(
            Message(
                "The folder {parent} does not exist.",
                parent=destination.parent,
            )
        )
    fd, temp_name = tempfile.mkstemp(
        dir=destination.parent, prefix=f".{destination.name}.", suffix=".partial"
    )
    os.close(fd)
    temp = Path(temp_name)
    snapshot = temp.with_suffix(".sqlite3")
    try:
        _snapshot(store, snapshot)
        summary = _write_archive(store, snapshot, temp, destination, progress, cancel)
        temp.replace(destination)
        return summary
    except OSError as exc:
        raise _full_disk_or(exc, Message("the backup")) from exc
    except sqlite3.Error as exc:  # SQLite says "database or disk is full" in its own words
        full = OSError(errno.ENOSPC, str(exc)) if "full" in str(exc) else OSError(str(exc))
        raise _full_disk_or(full, Message("the backup")) from exc
    finally:
        for leftover in (temp, snapshot):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _write_archive(
    store: HistoryStore,
    snapshot: Path,
    temp: Path,
    destination: Path,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> ArchiveSummary:
    db = sqlite3.connect(snapshot)
    try:
        images = db.execute("SELECT rel_path FROM images ORDER BY rel_path").fetchall()
        entries = int(db.execute("SELECT COUNT(*) FROM jobs").fetchone()[0])
    finally:
        db.close()
    total = len(images) + 1
    written = missing = 0
    with _open_output(temp) as output:
        with zipfile.ZipFile(output, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
            archive.write(snapshot, DB_NAME, compress_type=zipfile.ZIP_DEFLATED)
            for done, (rel_path,) in enumerate(images, start=2):
                _check(cancel)
                source = store.images_dir / rel_path
                if not source.is_file():
                    missing += 1  # already lost before the backup: say so, keep going
                else:
                    # Images are PNG/JPEG/WebP, already compressed: store them as they are.
                    archive.write(source, f"images/{rel_path}")
                    written += source.stat().st_size
                if progress is not None:
                    progress(done, total)
            manifest = {
                "format": FORMAT,
                "software": f"FluxDesk {__version__}",
                "created": time.time(),
                "schema_version": _user_version(snapshot),
                "database_sha256": _sha256_of(snapshot),
                "entries": entries,
                "images": len(images) - missing,
                "missing_images": missing,
            }
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2))
        output.flush()
        os.fsync(output.fileno())
    return ArchiveSummary(destination, entries, len(images) - missing, written, missing)


def _user_version(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    finally:
        db.close()


def _bad_archive(reason: str) -> InputError:
    return InputError(
        Message(
            "This file is not a FluxDesk history backup that can be restored: {reason}",
            reason=reason,
        )
    )


def read_manifest(archive: zipfile.ZipFile) -> dict[str, object]:
    try:
        if archive.getinfo(MANIFEST).file_size > _MAX_MANIFEST_BYTES:  # a bomb: not read
            raise _bad_archive(Message("its manifest is impossibly large."))
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError, RecursionError) as exc:
        raise _bad_archive(Message("it has no readable manifest.")) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _bad_archive(Message("unknown format."))
    version = manifest.get("schema_version")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise _bad_archive(Message("it was made by a newer FluxDesk; update FluxDesk first."))
    return manifest


def restore_history(
    archive_path: Path,
    db_path: Path,
    images_dir: Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ArchiveSummary:
    """Replaces the database at `db_path` with the archive's (the old one is kept beside it)
    and adds the archive's images to `images_dir`, after verifying every hash."""
    try:
        with zipfile.ZipFile(archive_path) as archive:
            manifest = read_manifest(archive)
            db_path.parent.mkdir(parents=True, exist_ok=True)
            staged = db_path.with_name(f".{db_path.name}.restoring-{os.getpid()}")
            try:
                _stage_database(archive, manifest, staged)
                images, size = _restore_images(archive, images_dir, progress, cancel)
                _check(cancel)
                previous = _swap_in(staged, db_path)
            finally:
                with contextlib.suppress(OSError):
                    staged.unlink()
    except zipfile.BadZipFile as exc:
        raise _bad_archive(Message("the zip file is damaged.")) from exc
    except OSError as exc:
        raise _full_disk_or(exc, Message("the restored history")) from exc
    HistoryStore.open(db_path, images_dir)  # brings an older backup to the current schema
    entries = int(manifest.get("entries") or 0)  # type: ignore[call-overload]
    return ArchiveSummary(archive_path, entries, images, size, previous_db=previous)


def _stage_database(archive: zipfile.ZipFile, manifest: dict[str, object], staged: Path) -> None:
    with archive.open(DB_NAME) as source, staged.open("wb") as target:
        shutil.copyfileobj(source, target, _CHUNK)
        target.flush()
        os.fsync(target.fileno())
    if _sha256_of(staged) != manifest.get("database_sha256"):
        raise _bad_archive(Message("the database inside it is damaged (its hash does not match)."))
    db = sqlite3.connect(staged)
    try:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise _bad_archive(Message("the database inside it fails SQLite's integrity check."))
    except sqlite3.DatabaseError as exc:
        raise _bad_archive(Message("the database inside it can't be read.")) from exc
    finally:
        db.close()


def _restore_images(
    archive: zipfile.ZipFile,
    images_dir: Path,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> tuple[int, int]:
    names = [name for name in archive.namelist() if name.startswith("images/")]
    count = size = 0
    for done, name in enumerate(names, start=1):
        _check(cancel)
        relative = Path(name).relative_to("images")
        if ".." in relative.parts or relative.is_absolute():
            raise _bad_archive(Message("it contains an unsafe path ({path}).", path=name))
        length = archive.getinfo(name).file_size
        if length > MAX_IMAGE_BYTES:  # a zip bomb, not a picture: refuse before unpacking
            raise _bad_archive(
                Message("the image {name} inside it is impossibly large.", name=relative.name)
            )
        target = images_dir / relative
        if target.is_file() and target.stat().st_size == length:
            _copy_checked(archive, name, relative, None)  # kept, but a damaged backup is refused
        else:
            _extract_verified(archive, name, target, relative)
        count += 1
        size += length
        if progress is not None:
            progress(done, len(names))
    return count, size


def _copy_checked(
    archive: zipfile.ZipFile, name: str, relative: Path, output: IO[bytes] | None
) -> None:
    """Reads one image in chunks (never whole in memory), into `output` if given; refuses
    the backup if its content does not match its name (the image's sha256)."""
    digest = hashlib.sha256()
    with archive.open(name) as source:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            if output is not None:
                output.write(chunk)
    if digest.hexdigest() != relative.stem:
        raise _bad_archive(Message("the image {name} inside it is damaged.", name=relative.name))


def _extract_verified(archive: zipfile.ZipFile, name: str, target: Path, relative: Path) -> None:
    """Unpacks one checked image; it takes its place only once its hash matched."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".partial-", suffix=target.suffix)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as output:
            _copy_checked(archive, name, relative, output)
            output.flush()
            os.fsync(output.fileno())
        temp.replace(target)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def _swap_in(staged: Path, db_path: Path) -> Path | None:
    """Moves the current database (and its WAL files) aside, then the restored one in."""
    previous: Path | None = None
    if db_path.exists():
        stamp = time.strftime("%Y%m%d-%H%M%S")
        previous = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{db_path}{suffix}")
            if source.exists():
                source.replace(Path(f"{previous}{suffix}"))
    staged.replace(db_path)
    return previous
