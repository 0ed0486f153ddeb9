"""Files an artist gets from someone else are data, never code: presets, ComfyUI workflows,
preferences, backups and `--set` values holding Python, YAML tags, pickles or absurd nesting are
refused with a reason (or kept as plain text), and nothing in them ever runs. Each payload
would create a canary file if it were executed."""

from __future__ import annotations

import json
import pickle
import zipfile
from pathlib import Path

import pytest

from fluxdesk.cli.generate import parse_set
from fluxdesk.core.config import Preferences, load_preferences
from fluxdesk.core.errors import InputError
from fluxdesk.core.history import archive
from fluxdesk.core.presets import import_presets, load_library, read_preset_file
from fluxdesk.core.providers.comfy.importing import read_graph
from fluxdesk.core.providers.comfy.workflow import load_workflows, parse_graph
from fluxdesk.resources import resource_path


class Payload:
    """Unpickling this would run `touch canary`."""

    def __init__(self, canary: Path) -> None:
        self.canary = canary

    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return os.system, (f"touch {self.canary}",)


def hostile_texts(canary: Path) -> dict[str, bytes]:
    run = f"__import__('os').system('touch {canary}')"
    return {
        "yaml-tag.json": f'!!python/object/apply:os.system ["touch {canary}"]\n'.encode(),
        "pickle-0.json": pickle.dumps(Payload(canary), protocol=0),
        "pickle-5.json": pickle.dumps(Payload(canary), protocol=5),
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "python.json": run.encode(),
        "huge.json": b'{"a": "' + b"x" * 3_000_000 + b'"}',
    }


@pytest.fixture
def canary(tmp_path: Path) -> Path:
    return tmp_path / "canary"


def test_presets(tmp_path: Path, canary: Path) -> None:
    folder = tmp_path / "presets"
    folder.mkdir()
    for name, data in hostile_texts(canary).items():
        (folder / name).write_bytes(data)
    code = f"__import__('os').system('touch {canary}') {{character}}"
    evil = {"name": "Evil", "model": "flux-kontext-pro", "prompt": code, "format": "x"}
    (folder / "code-strings.json").write_text(json.dumps(evil))

    library = load_library(resource_path("presets"), folder)
    broken = {problem.source for problem in library.errors}
    assert set(hostile_texts(canary)) <= broken
    assert all(problem.message for problem in library.errors)
    preset = library.get("code-strings")
    if preset is not None:  # code in a string is only ever text
        assert preset.render({"character": "Aya"}).text.startswith("__import__(")
    for name in hostile_texts(canary):
        presets, problems = read_preset_file(folder / name, inner_id=True)
        assert presets == [] and problems
        result = import_presets(folder / name, library, tmp_path / "mine")
        assert result.problems and not list((tmp_path / "mine").glob("*.json"))
    assert not canary.exists()


def test_comfyui_workflows(tmp_path: Path, canary: Path) -> None:
    folder = tmp_path / "workflows"
    folder.mkdir()
    for name, data in hostile_texts(canary).items():
        (folder / name).write_bytes(data)
        (folder / name.replace(".json", ".mapping.json")).write_text("{}")
        with pytest.raises(InputError) as refused:
            read_graph(folder / name)
        assert refused.value.user_message
    assert load_workflows(folder) == []

    # Code in a node is a string sent to the artist's own server as JSON, nothing more.
    run = f"__import__('os').system('touch {canary}')"
    graph = parse_graph({"1": {"class_type": run, "inputs": {"text": run, "seed": 1}}})
    assert graph["1"]["inputs"]["text"] == run
    assert not canary.exists()


def test_preferences_and_set_values(tmp_path: Path, canary: Path) -> None:
    for name, data in hostile_texts(canary).items():
        path = tmp_path / name
        path.write_bytes(data)
        assert load_preferences(path) == Preferences()  # defaults, with a warning in the log
    deep = "[" * 100_000 + "]" * 100_000
    assert parse_set([f"steps={deep}"]) == {"steps": deep}  # text; validation refuses it
    assert parse_set(["prompt_upsampling=true", "steps=40"]) == {
        "prompt_upsampling": True,
        "steps": 40,
    }
    assert not canary.exists()


def test_backup_manifest_bomb(tmp_path: Path) -> None:
    backup = tmp_path / "backup.zip"
    with zipfile.ZipFile(backup, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(archive.MANIFEST, b" " * 50_000_000)  # 50 MB of spaces in 50 kB
    with zipfile.ZipFile(backup) as zipped, pytest.raises(InputError, match="impossibly large"):
        archive.read_manifest(zipped)
