"""Task presets in the real window: pick one, fill its placeholders, generate with it; the
editor duplicates, edits, exports, deletes and imports; a broken preset file never stops
the app."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from fluxdesk.core.jobs import JobState
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.ui.app import Built
from fluxdesk.ui.prompt_panel import PromptPanel


def choose(panel: PromptPanel, preset_id: str) -> None:
    combo = panel.preset_bar.combo
    index = combo.findData(preset_id)
    assert index >= 0, preset_id
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def wait_for_presets(qtbot: QtBot, built: Built) -> None:
    qtbot.waitUntil(lambda: bool(built.parts.tools.presets.library().presets), timeout=5000)


def test_pick_a_preset_fill_its_placeholders_and_generate(
    qtbot: QtBot, quick_studio: Built
) -> None:
    wait_for_presets(qtbot, quick_studio)
    panel = quick_studio.window.prompt_panel
    choose(panel, "redraw-panel")
    state = panel.state()
    assert state.model == "flux-kontext-max" and state.preset_id == "redraw-panel"
    assert state.variations == 4 and "{change}" in state.prompt
    check = panel.check()
    assert not check.ok and any("“change”" in p.message for p in check.problems)

    field = panel.preset_bar.field("change")
    qtbot.keyClicks(field, "she looks back over her shoulder")
    assert "so that she looks back over her shoulder." in panel.state().prompt
    assert not any("“change”" in p.message for p in panel.check().problems)

    choose(panel, "ink-bw-print")
    style = panel.preset_bar.field("style")
    style.clear()
    qtbot.keyClicks(style, "thin, even technical-pen lines")
    prompt = panel.state().prompt
    assert "Trace the pencil lines with thin, even technical-pen lines." in prompt
    # A hand edit wins: the fields stop writing into the prompt until Reapply.
    panel.prompt_editor.edit.appendPlainText(" Keep the speed lines.")
    qtbot.keyClicks(style, " and a brush")
    assert panel.state().prompt.endswith("Keep the speed lines.")
    assert panel.preset_bar.diverged.isVisible()
    panel.preset_bar.reapply_button.click()
    assert "technical-pen lines and a brush" in panel.state().prompt
    qtbot.wait(50)  # let pending layout requests run, as the event loop would
    panel.grab().save("/tmp/presets_prompt_panel.png")
    quick_studio.window.grab().save("/tmp/presets_window.png")

    panel.set_state(PromptState("flux-dev", panel.state().prompt, {}, 3, 1, (), "ink-bw-print"))
    generation = quick_studio.parts.generation
    with qtbot.waitSignal(generation.jobs_started, timeout=5000) as started:
        panel.generate()
    [job_id] = started.args[0]
    model = quick_studio.parts.history_model
    qtbot.waitUntil(lambda: model.row_for(job_id).state is JobState.succeeded, timeout=10_000)
    assert generation.store.get_job(job_id).request.preset_id == "ink-bw-print"


def test_the_editor_duplicates_edits_exports_deletes_and_imports(
    qtbot: QtBot, quick_studio: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wait_for_presets(qtbot, quick_studio)
    window = quick_studio.window
    controller = quick_studio.parts.tools.presets
    window.actions_.presets.trigger()
    editor = window.tools.editor
    assert editor is not None and editor.isVisible()
    editor.select("ink-bw-print")
    assert editor.banner.isVisible() and not editor.delete_button.isEnabled()
    assert editor.form.name_edit.isReadOnly()

    with qtbot.waitSignal(controller.preset_saved, timeout=5000):
        editor.duplicate_button.click()
    qtbot.waitUntil(lambda: editor.selected_id() == "ink-bw-print-copy", timeout=5000)
    assert not editor.banner.isVisible() and editor.delete_button.isEnabled()
    form = editor.form
    form.name_edit.setText("Aya inks")
    form.name_edit.textEdited.emit("Aya inks")
    form.template_edit.setPlainText(
        "Ink {character} with {style}; pure black on pure white, no grey, no screentone."
    )
    assert [form.placeholders.item(r, 0).text() for r in range(2)] == ["character", "style"]
    assert "{character}" in form.preview.text()  # no default yet: shown as missing
    form.placeholders.item(0, 1).setText("Aya")
    assert "Ink Aya with" in form.preview.text()
    qtbot.wait(50)
    editor.grab().save("/tmp/presets_editor.png")
    with qtbot.waitSignal(controller.library_changed, timeout=5000):
        editor.save_button.click()
    saved = controller.library().get("ink-bw-print-copy")
    assert saved.name == "Aya inks" and saved.placeholder("character").default == "Aya"
    assert (quick_studio.paths.presets / "ink-bw-print-copy.json").exists()
    panel = window.prompt_panel
    qtbot.waitUntil(lambda: panel.preset_bar.combo.findData("ink-bw-print-copy") >= 0)

    exported = tmp_path / "aya.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(exported), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(exported), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(controller.message, timeout=5000):
        editor.export_button.click()
    assert json.loads(exported.read_text())["name"] == "Aya inks"

    with qtbot.waitSignal(controller.library_changed, timeout=5000):
        editor.delete_button.click()
    assert controller.library().get("ink-bw-print-copy") is None
    with qtbot.waitSignal(controller.preset_saved, timeout=5000):
        editor.import_button.click()
    back = controller.library().get("ink-bw-print-copy")
    assert back is not None and back.with_changes() == saved  # the round trip is exact

    # New starts from the prompt panel as it is; it is saved as the artist's own preset.
    panel.set_state(
        PromptState("flux-2-pro", "Clean up the {what}", {"width": 1024, "height": 1024})
    )
    window.actions_.presets.trigger()
    editor.new_button.click()
    assert editor.form.model_picker.model_id() == "flux-2-pro" and editor.save_button.isEnabled()
    editor.form.name_edit.setText("Tidy")
    with qtbot.waitSignal(controller.preset_saved, timeout=5000):
        editor.save_button.click()
    tidy = controller.library().get("my-preset")
    assert tidy.name == "Tidy" and tidy.params["width"] == 1024
    assert tidy.params["output_format"] == "png"  # line art stays lossless
    assert [p.name for p in tidy.placeholders] == ["what"]
    editor.close()


@pytest.fixture
def studio_with_broken_presets(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Built]:
    folder = tmp_path / "studio" / "config" / "presets"
    folder.mkdir(parents=True)
    (folder / "broken.json").write_text("{ this is not json", encoding="utf-8")
    (folder / "evil.json").write_text(
        json.dumps({"name": "x", "model": "flux-kontext-pro", "prompt": "{0.__class__}"}),
        encoding="utf-8",
    )
    (folder / "fine.json").write_text(
        json.dumps({"name": "Fine", "model": "flux-kontext-pro", "prompt": "Ink it"}),
        encoding="utf-8",
    )
    yield request.getfixturevalue("quick_studio")


def test_the_app_starts_with_broken_user_presets(
    qtbot: QtBot, studio_with_broken_presets: Built
) -> None:
    built = studio_with_broken_presets
    wait_for_presets(qtbot, built)
    library = built.parts.tools.presets.library()
    assert library.get("fine") is not None and len(library.presets) == 8
    assert {p.source for p in library.errors} == {"broken.json", "evil.json"}
    qtbot.waitUntil(
        lambda: "could not be used" in built.window.statusBar().currentMessage(), timeout=5000
    )
    built.window.actions_.presets.trigger()
    editor = built.window.tools.editor
    assert "broken.json" in editor.file_problems.text()
    assert "not valid JSON" in editor.file_problems.text()
    assert editor.file_problems.isVisible()
    editor.close()
