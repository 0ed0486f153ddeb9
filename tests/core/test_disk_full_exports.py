"""A disk that fills up half-way through every kind of file FluxDesk writes for the artist: the
chapter PDF, a page with its sidecar, the layered PSD, the history backup (its database copy
too), and on the command line `fluxdesk export`, `fluxdesk history export` and `fluxdesk
generate --out`. Each gives one clear "disk is full" message and leaves no partial file: the
target is either complete or absent, and no hidden temporary file is left behind.

(A full disk while a downloaded result is saved pauses the job: test_history_safety.py.)
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from reliability_kit.disk import FullDisk, files_in

from fluxdesk.cli.parser import run_command
from fluxdesk.core.errors import StorageError
from fluxdesk.core.history import archive
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobState, PollPolicy
from fluxdesk.core.layers import Layer, write_psd
from fluxdesk.core.paths import AppPaths
from fluxdesk.core.printing.export import export_page
from fluxdesk.core.printing.pages import PAGE_PRESETS
from fluxdesk.core.printing.pdf import export_chapter_pdf
from fluxdesk.core.printing.recipe import Recipe
from fluxdesk.core.printing.settings import ExportSettings
from fluxdesk.emulator import EmulatorServer

A5_100 = ExportSettings(PAGE_PRESETS["a5"], dpi=100)  # 583 × 827 px
KEY = "bfl_disk_full_key"


def page(size: tuple[int, int] = A5_100.size_px, seed: int = 1) -> Image.Image:
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    for n in range(40):
        x = (n * 37 * seed) % size[0]
        draw.line((x, 0, size[0] - x, size[1]), fill=0, width=3)
    return image


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_chapter_pdf(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    FullDisk(monkeypatch, room=20_000, folder=out)
    with pytest.raises(StorageError, match="disk is full"):
        export_chapter_pdf([page(seed=n) for n in range(1, 4)], out / "chapter.pdf", A5_100)
    assert files_in(out) == []


def test_page_then_its_sidecar(out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = ExportSettings(PAGE_PRESETS["a5"], dpi=100, sidecar=True)
    recipe = Recipe(model="flux-kontext-pro", prompt="ink", seed=4, job_id="job-4")
    size = export_page(page(), tmp_path / "probe.png", A5_100).stat().st_size
    FullDisk(monkeypatch, room=size + 10, folder=out)  # room for the page, not the sidecar
    with pytest.raises(StorageError) as caught:
        export_page(page(), out / "page.png", settings, recipe=recipe)
    message = caught.value.user_message
    assert message.startswith("The page was saved, but its sidecar was not") and "full" in message
    assert files_in(out) == ["page.png"]
    monkeypatch.undo()
    with Image.open(out / "page.png") as written:
        written.load()  # the page itself is whole


def test_layered_psd(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    layers = [Layer("pencils", page(seed=1)), Layer("ink", page(seed=2))]
    FullDisk(monkeypatch, room=50_000, folder=out)
    with pytest.raises(StorageError, match="disk is full") as caught:
        write_psd(out / "page.psd", layers)
    assert "page.psd" in caught.value.user_message
    assert files_in(out) == []


def test_backup_while_copying_the_database(
    store: HistoryStore, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite reports a full disk as its own error, not an OSError."""

    def full(store: HistoryStore, target: Path) -> None:
        target.write_bytes(b"SQLite format 3\0")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(archive, "_snapshot", full)
    with pytest.raises(StorageError, match="disk is full"):
        archive.backup_history(store, out / "history.zip")
    assert files_in(out) == []


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, emulator: EmulatorServer, tmp_path: Path, capsys):
    monkeypatch.setenv("BFL_API_KEY", KEY)
    monkeypatch.setenv("FLUXDESK_API_URL", emulator.base_url)
    monkeypatch.chdir(tmp_path)

    def run(*argv: str) -> tuple[int, str, str]:
        code = run_command(list(argv), poll_policy=PollPolicy.immediate())
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def one_line(err: str, *words: str) -> None:
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    for word in words:
        assert word in err, err


def test_cli_export(cli, out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "inks.png"
    page().save(source)
    FullDisk(monkeypatch, room=10_000, folder=out)
    code, stdout, err = cli(
        "export", str(source), "--page", "a5", "--dpi", "300", "--out", str(out / "page.tif")
    )
    assert (code, stdout) == (1, "")
    errors = [line for line in err.splitlines() if not line.startswith("fluxdesk: preflight")]
    one_line("\n".join(errors), "disk is full")
    assert files_in(out) == []


def test_cli_history_export_and_generate_out(
    cli, out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = cli("generate", "--model", "flux-dev", "--prompt", "a harbour", "--seed", "2")
    assert code == 0, err
    paths = AppPaths.default()
    (record,) = HistoryStore.open(paths.history_db, paths.images).list_jobs()
    assert record.result is not None
    size = record.result.path.stat().st_size

    # The entry is its result, its recipe and its inputs: the disk fills after the first file.
    FullDisk(monkeypatch, room=size + 10, folder=out)
    code, stdout, err = cli("history", "export", record.id, "--out", str(out))
    assert (code, stdout) == (1, "")
    one_line(err, "disk is full")
    assert files_in(out) == [], "a partial export was left behind"

    # The result is safe in the history; the copy at --out is whole or absent.
    code, stdout, err = cli(
        "generate", "--model", "flux-dev", "--prompt", "a lighthouse", "--out", str(out / "x.png")
    )
    assert (code, stdout) == (1, "")
    one_line(err, "disk is full", "safe in the history")
    assert files_in(out) == []
    monkeypatch.undo()
    records = HistoryStore.open(paths.history_db, paths.images).list_jobs()
    assert [r.state for r in records] == [JobState.succeeded] * 2
