"""Preset files: the built-in library, the artist's own presets, export and import.

Built-ins live in ``resources/presets`` (read-only; a ``NN-`` prefix on the file name orders
them and is not part of the id). The artist's presets are one JSON file each in
``AppPaths.config / "presets"``, named by id. Export writes one preset file, or a bundle for
several; import reads either. Blocking (disk); in the GUI call it from a worker thread.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from fluxdesk.core.atomic import atomic_write_bytes
from fluxdesk.core.errors import InputError, StorageError
from fluxdesk.core.messages import Message
from fluxdesk.core.presets.model import FORMAT_VERSION, Preset
from fluxdesk.core.presets.parse import (
    BUNDLE_FORMAT,
    PresetProblem,
    Severity,
    is_valid_id,
    parse_preset,
    preset_to_data,
    require_valid,
)

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 2_000_000  # a bundle of a hundred presets is ~200 KB
_ORDER_PREFIX = re.compile(r"^\d+-")


@dataclass(frozen=True, slots=True)
class PresetLibrary:
    """Every usable preset (built-ins first) and what was wrong with the rest."""

    presets: tuple[Preset, ...] = ()
    problems: tuple[PresetProblem, ...] = ()
    paths: Mapping[str, Path] = field(default_factory=dict)  # the artist's presets' files

    def __post_init__(self) -> None:
        object.__setattr__(self, "paths", MappingProxyType(dict(self.paths)))

    def get(self, preset_id: str | None) -> Preset | None:
        return next((p for p in self.presets if p.id == preset_id), None)

    def ids(self) -> set[str]:
        return {p.id for p in self.presets}

    @property
    def errors(self) -> tuple[PresetProblem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.error)


def slug(text: str) -> str:
    """'Pencils → Ink (B/W)' -> 'pencils-ink-b-w'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:48].strip("-") or "preset"


def unique_id(base: str, taken: Iterable[str]) -> str:
    taken = set(taken)
    base = base if is_valid_id(base) else slug(base)
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _decode(path: Path) -> object:
    """The file's JSON, or InputError with the line and column of a syntax error."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(
                Message(
                    "it is larger than {megabytes} MB",
                    megabytes=MAX_FILE_BYTES // 1000000,
                )
            )
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(Message("it is not a text file (UTF-8 JSON expected)")) from None
    except OSError as exc:
        raise InputError(
            Message(
                "it could not be read ({exc})",
                exc=exc.strerror or exc,
            )
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            Message(
                "it is not valid JSON: {msg} at line {lineno}, column {colno}",
                msg=exc.msg,
                lineno=exc.lineno,
                colno=exc.colno,
            )
        ) from None
    except RecursionError:
        raise InputError(Message("it is nested too deeply to be a preset")) from None


def read_preset_file(
    path: Path, *, builtin: bool = False, inner_id: bool = False
) -> tuple[list[Preset], list[PresetProblem]]:
    """A single preset or a bundle. A library file's id is its name; a bundle's presets, and
    with `inner_id` (imports) a single preset, carry theirs inside. Never raises for a bad
    file: its problems come back instead."""
    try:
        data = _decode(path)
    except InputError as problem:
        return [], [PresetProblem(path.name, problem.user_message)]
    if isinstance(data, dict) and data.get("format") == BUNDLE_FORMAT:
        return _read_bundle(data, path.name)
    preset_id = _ORDER_PREFIX.sub("", path.stem) if builtin else path.stem
    if inner_id and isinstance(data, dict) and is_valid_id(str(data.get("id", ""))):
        preset_id = str(data["id"])
    problems: list[PresetProblem] = []
    if not is_valid_id(preset_id):
        fixed = slug(preset_id)
        if not builtin:
            problems.append(
                PresetProblem(
                    path.name,
                    Message("its id is '{id}' (file names are ids)", id=fixed),
                    Severity.warning,
                )
            )
        preset_id = fixed
    preset, found = parse_preset(data, preset_id=preset_id, source=path.name, builtin=builtin)
    return ([preset] if preset else []), problems + found


def _read_bundle(data: dict, name: str) -> tuple[list[Preset], list[PresetProblem]]:
    items = data.get("presets")
    if not isinstance(items, list):
        return [], [PresetProblem(name, Message("the bundle has no 'presets' list"))]
    version = data.get("version", FORMAT_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION:
        message = Message(
            "the bundle's format {version} is not one FluxDesk reads", version=repr(version)
        )
        return [], [PresetProblem(name, message)]
    presets: list[Preset] = []
    problems: list[PresetProblem] = []
    for number, item in enumerate(items, start=1):
        title = item.get("name") if isinstance(item, dict) else None
        source = (
            Message("{file}, preset {number} ('{name}')", file=name, number=number, name=title)
            if isinstance(title, str)
            else Message("{file}, preset {number}", file=name, number=number)
        )
        raw_id = item.get("id") if isinstance(item, dict) else None
        preset_id = raw_id if isinstance(raw_id, str) and is_valid_id(raw_id) else slug(str(title))
        preset, found = parse_preset(item, preset_id=preset_id, source=source)
        problems += found
        if preset is not None:
            presets.append(preset)
    return presets, problems


def load_library(builtin_dir: Path, user_dir: Path) -> PresetLibrary:
    """Built-ins, then the artist's presets. A broken file is a problem, never an exception."""
    presets: list[Preset] = []
    problems: list[PresetProblem] = []
    for path in _json_files(builtin_dir, problems):
        found, trouble = read_preset_file(path, builtin=True)
        presets += found
        problems += trouble
    builtin_ids = {p.id for p in presets}
    paths: dict[str, Path] = {}
    for path in _json_files(user_dir, problems):
        found, trouble = read_preset_file(path)
        problems += trouble
        if len(found) > 1:
            problems.append(
                PresetProblem(
                    path.name, Message("this is a bundle of presets: use Import to add them")
                )
            )
            continue
        for preset in found:
            if preset.id in builtin_ids:
                problems.append(
                    PresetProblem(
                        path.name,
                        Message("a built-in preset has this id; rename the file to use it"),
                    )
                )
                continue
            presets.append(preset)
            paths[preset.id] = path
    for problem in problems:
        log.warning("preset %s", problem)
    return PresetLibrary(tuple(presets), tuple(problems), paths)


def _json_files(folder: Path, problems: list[PresetProblem]) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.json") if p.is_file())
    except OSError as exc:
        problems.append(
            PresetProblem(
                folder.name, Message("the folder could not be read ({reason})", reason=exc)
            )
        )
        return []


def _encode(data: object) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def save_user_preset(user_dir: Path, preset: Preset) -> Path:
    """Writes `<id>.json` atomically. Built-ins can't be saved (duplicate them first)."""
    if preset.builtin:
        raise InputError(
            Message(
                "'{name}' is built in and read-only; duplicate it to change it.",
                name=preset.name,
            )
        )
    require_valid(preset)
    path = user_dir / f"{preset.id}.json"
    try:
        atomic_write_bytes(path, _encode(preset_to_data(preset)), durable=False)
    except OSError as exc:
        raise StorageError(
            Message(
                "The preset '{name}' could not be saved ({exc}).",
                name=preset.name,
                exc=exc,
            )
        ) from exc
    return path


def delete_user_preset(library: PresetLibrary, preset_id: str) -> None:
    preset = library.get(preset_id)
    if preset is None:
        return
    if preset.builtin:
        raise InputError(
            Message(
                "'{name}' is built in and can't be deleted.",
                name=preset.name,
            )
        )
    path = library.paths.get(preset_id)
    if path is None:
        return
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise StorageError(
            Message(
                "The preset '{name}' could not be deleted ({exc}).",
                name=preset.name,
                exc=exc,
            )
        ) from exc


def duplicate_preset(preset: Preset, taken: Iterable[str]) -> Preset:
    """An editable copy: a new id, '(copy)' in the name, never built in."""
    taken = set(taken)
    name = preset.name if len(preset.name) <= 72 else preset.name[:72]
    return replace(
        preset, id=unique_id(f"{preset.id}-copy", taken), name=f"{name} (copy)", builtin=False
    )


def export_presets(presets: list[Preset], path: Path) -> None:
    """One preset as a plain preset file, several as a bundle."""
    if not presets:
        raise InputError("Choose at least one preset to export.")
    if len(presets) == 1:
        data: object = preset_to_data(presets[0])
    else:
        data = {
            "format": BUNDLE_FORMAT,
            "version": FORMAT_VERSION,
            "presets": [preset_to_data(p) for p in presets],
        }
    try:
        atomic_write_bytes(path, _encode(data), durable=False)
    except OSError as exc:
        raise StorageError(
            Message(
                "The presets could not be exported ({exc}).",
                exc=exc,
            )
        ) from exc


@dataclass(frozen=True, slots=True)
class ImportResult:
    imported: tuple[Preset, ...]
    skipped: tuple[str, ...]  # names already in the library, unchanged
    problems: tuple[PresetProblem, ...]


def _same(a: Preset, b: Preset) -> bool:
    return replace(a, id="", builtin=False) == replace(b, id="", builtin=False)


def import_presets(path: Path, library: PresetLibrary, user_dir: Path) -> ImportResult:
    """Adds the file's presets to the artist's presets. An id already in use gets a new one;
    a preset identical to one already there is skipped."""
    found, problems = read_preset_file(path, inner_id=True)
    if not found and not problems:
        problems = [PresetProblem(path.name, Message("it holds no presets"))]
    taken = library.ids()
    imported: list[Preset] = []
    skipped: list[str] = []
    for preset in found:
        if any(_same(preset, existing) for existing in (*library.presets, *imported)):
            skipped.append(preset.name)
            continue
        preset = replace(preset, id=unique_id(preset.id, taken), builtin=False)
        taken.add(preset.id)
        save_user_preset(user_dir, preset)
        imported.append(preset)
    return ImportResult(tuple(imported), tuple(skipped), tuple(problems))
