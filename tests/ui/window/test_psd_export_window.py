"""File → Export Layered PSD…: the page's pencils, its starred inks and its flats as named
full-resolution layers (Japanese names kept), written off the GUI thread, read back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image
from psd_tools import PSDImage
from psd_tools.constants import BlendMode as PsdBlend
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from fluxdesk.core.jobs import JobState
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.ui.app import Built


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("FLUXDESK_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def generate(qtbot: QtBot, built: Built, state: PromptState) -> list[str]:
    generation, model = built.parts.generation, built.parts.history_model
    with qtbot.waitSignal(generation.jobs_started, timeout=5000) as started:
        built.window.prompt_panel.set_state(state)
        built.window.prompt_panel.generate()
    ids = started.args[0]
    qtbot.waitUntil(
        lambda: all(
            (row := model.row_for(job_id)) is not None and row.state is JobState.succeeded
            for job_id in ids
        ),
        timeout=10_000,
    )
    return ids


def test_the_page_exports_as_verified_layers(
    qtbot: QtBot,
    quick_studio: Built,
    pencils_file: Path,
    tmp_path: Path,
    shots: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built = quick_studio
    window, generation = built.window, built.parts.generation
    with qtbot.waitSignal(generation.input_staged, timeout=10_000):
        window.canvas_control.open_paths([pencils_file])
    inks = generate(
        qtbot, built, PromptState("flux-kontext-pro", "ink it", {}, 5, 2, (), "ink-bw-print")
    )
    (flats,) = generate(
        qtbot, built, PromptState("flux-kontext-pro", "flat colours", {}, 9, 1, (), "flats")
    )
    built.parts.history_edits.set_starred(inks, True)
    qtbot.waitUntil(lambda: all(built.parts.history_model.row_for(i).starred for i in inks))  # type: ignore[union-attr]
    window.canvas_control.show_job(inks[0])

    window.actions_.export_psd.trigger()
    psd = built.batch.psd  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: psd.dialog() is not None, timeout=10_000)
    dialog = psd.dialog()
    assert dialog is not None
    target = tmp_path / "out" / "ページ 3.psd"
    target.parent.mkdir()
    dialog.path.setText(str(target))
    # Top first, as a layer panel shows them: the two inks, the flats, the pencils.
    names = ["ペン入れ B", "ペン入れ A", "フラット", "下書き"]
    for row, name in enumerate(names):
        dialog.set_layer_name(row, name)
    assert dialog.grab().save(str(shots / "batch_psd_export.png"))

    dialog.run.click()
    qtbot.waitUntil(lambda: "Saved" in dialog.status.text(), timeout=30_000)
    assert "4 layers, 1200 × 1700 px" in dialog.status.text()
    assert dialog.grab().save(str(shots / "batch_psd_done.png"))

    written = PSDImage.open(target)
    assert written.size == (1200, 1700)
    assert [layer.name for layer in written] == list(reversed(names))  # bottom first
    assert all(layer.size == (1200, 1700) for layer in written)
    assert [layer.visible for layer in written] == [False, True, False, True]  # newest ink shown
    assert written[3].blend_mode == PsdBlend.MULTIPLY and written[1].blend_mode == PsdBlend.NORMAL
    pencils = Image.open(pencils_file).convert("L")
    assert written[0].topil().convert("L").tobytes() == pencils.tobytes()  # untouched
    with Image.open(target) as flat:  # the composite viewers without layers show
        assert flat.size == (1200, 1700)
    store = generation.store
    assert store.get_job(flats).result.width < 1200  # type: ignore[union-attr] # was upscaled

    # Exporting again asks before replacing the file; No keeps it.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    before = target.stat().st_mtime_ns
    dialog.run.click()
    assert "Not exported" in dialog.status.text() and target.stat().st_mtime_ns == before
