"""Character and style references go with the job: stored in the history with the entry, and
back in the prompt panel when its settings are reused."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from pytestqt.qtbot import QtBot

from fluxdesk.core.jobs import JobState
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.ui.app import Built


def test_references_are_stored_with_the_entry_and_come_back_on_reuse(
    qtbot: QtBot, quick_studio: Built, pencils_file: Path, tmp_path: Path
) -> None:
    references = []
    for number, colour in enumerate(((200, 60, 60), (60, 60, 200))):
        path = tmp_path / f"character-{number}.png"
        Image.new("RGB", (900, 1200), colour).save(path)
        references.append(path)
    window = quick_studio.window
    generation = quick_studio.parts.generation
    with qtbot.waitSignal(generation.input_staged, timeout=10_000):
        window.canvas_control.open_paths([pencils_file])
    panel = window.prompt_panel
    panel.set_state(PromptState("flux-kontext-pro", "Ink Aya as in the references", {}, 8, 1))
    assert panel.add_references(references) == 2
    qtbot.waitUntil(lambda: not panel.references.loading(), timeout=5000)
    with qtbot.waitSignal(generation.jobs_started, timeout=10_000) as started:
        panel.generate()
    [job_id] = started.args[0]
    model = quick_studio.parts.history_model
    qtbot.waitUntil(lambda: model.row_for(job_id).state is JobState.succeeded, timeout=10_000)

    record = generation.store.get_job(job_id)
    slots = [image.slot for image in record.request.inputs]
    assert slots == ["input_image", "input_image_2", "input_image_3"]
    stored = generation.reference_paths(record.request)
    assert len(stored) == 2 and all(path.exists() for path in stored)
    assert [Image.open(path).getpixel((5, 5)) for path in stored] == [(200, 60, 60), (60, 60, 200)]
    assert "2 reference images" in model.data(model.index_for(job_id), 3)  # the tooltip

    panel.set_state(PromptState("flux-dev", "something else"))
    assert panel.state().references == ()
    window.history_dock.reuse_settings_requested.emit(job_id)
    restored = panel.state()
    assert restored.model == "flux-kontext-pro" and restored.references == stored
    qtbot.waitUntil(lambda: not panel.references.loading(), timeout=5000)
    assert panel.references.unreadable() == []


def test_flux2_references_without_an_input_start_at_the_first_slot(
    qtbot: QtBot, quick_studio: Built, tmp_path: Path
) -> None:
    sheet = tmp_path / "aya-sheet.png"
    Image.new("RGB", (1024, 1024), (90, 90, 90)).save(sheet)
    panel = quick_studio.window.prompt_panel
    panel.set_state(PromptState("flux-2-pro", "Turnaround of Aya", {}, 3, 1, (sheet,)))
    qtbot.waitUntil(lambda: not panel.references.loading(), timeout=5000)
    generation = quick_studio.parts.generation
    with qtbot.waitSignal(generation.jobs_started, timeout=10_000) as started:
        panel.generate()
    [job_id] = started.args[0]
    model = quick_studio.parts.history_model
    qtbot.waitUntil(lambda: model.row_for(job_id).state is JobState.succeeded, timeout=10_000)
    record = generation.store.get_job(job_id)
    assert [image.slot for image in record.request.inputs] == ["input_image"]
    assert record.cost == record.price_estimate  # 3 + 1.5 for the reference's megapixel
