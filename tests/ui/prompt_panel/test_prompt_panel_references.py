"""Reference images: limited per model, thumbnails decoded off the GUI thread, priced."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fluxdesk.ui.prompt_panel import PromptPanel
from fluxdesk.ui.prompt_panel.thumbnails import Thumbnail


def _wait_thumbnails(qtbot: QtBot, panel: PromptPanel) -> None:
    qtbot.waitUntil(lambda: not panel.references.loading(), timeout=5000)


def test_references_are_limited_per_model(qtbot: QtBot, panel: PromptPanel, images: list) -> None:
    strip = panel.references
    assert strip.limit() == 3
    assert "Kontext takes up to 3 references" in strip.explanation.text()
    assert panel.add_references(images) == 3
    assert panel.state().references == tuple(images[:3])
    assert not strip.add_button.isEnabled()

    panel.model_picker.set_model("flux-2-pro")
    assert strip.limit() == 7
    assert "FLUX.2 takes up to 7 references" in strip.explanation.text()
    assert strip.add_button.isEnabled()
    assert panel.add_references(images) == 4
    assert panel.state().references == tuple(images[:7])

    panel.model_picker.set_model("flux-2-klein-4b")
    assert "FLUX.2 [klein] takes up to 3 references" in strip.explanation.text()
    assert panel.state().references == tuple(images[:3])
    assert "4 references are kept but not sent" in panel.notes_label.text()

    panel.model_picker.set_model("flux-pro-1.1")  # no references at all: strip hidden
    assert not strip.isVisibleTo(panel)
    assert panel.state().references == ()
    panel.model_picker.set_model("flux-2-max")  # nothing was lost
    assert panel.state().references == tuple(images[:7])
    _wait_thumbnails(qtbot, panel)


def test_remove_a_reference(qtbot: QtBot, panel: PromptPanel, images: list) -> None:
    panel.add_references(images[:2])
    _wait_thumbnails(qtbot, panel)
    tile = panel.references._tiles[images[0]]
    tile.remove.click()
    assert panel.state().references == (images[1],)
    assert panel.references.add_button.isEnabled()


def test_thumbnails_are_decoded_off_the_gui_thread(
    qtbot: QtBot, panel: PromptPanel, images: list
) -> None:
    gui = QApplication.instance().thread()
    with qtbot.waitSignal(panel.references.loader.loaded, timeout=5000) as blocker:
        panel.add_references(images[:1])
    assert QThread.currentThread() is gui
    thumbnail: Thumbnail = blocker.args[0]
    assert thumbnail.size == (2048, 1536)
    assert (
        thumbnail.image is not None
        and max(thumbnail.image.width(), thumbnail.image.height()) <= 160
    )
    tile = panel.references._tiles[images[0]]
    assert tile.picture.pixmap() is not None and not tile.picture.pixmap().isNull()


def test_unreadable_reference_blocks_generate(
    qtbot: QtBot, panel: PromptPanel, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a png")
    panel.prompt_editor.set_text("ink it")
    panel.set_input((1200, 1700))
    assert panel.generate_button.isEnabled()
    with qtbot.waitSignal(panel.references.loader.loaded, timeout=5000):
        panel.add_references([broken])
    assert not panel.generate_button.isEnabled()
    assert "broken.png" in panel.problem_summary.text()
    assert panel.references.frame.has_error()
    with qtbot.assertNotEmitted(panel.generate_requested):
        assert not panel.generate()


def test_flux2_price_counts_reference_megapixels(
    qtbot: QtBot, panel: PromptPanel, images: list
) -> None:
    panel.model_picker.set_model("flux-2-pro")
    before = panel.check().credits_each
    with qtbot.waitSignal(panel.references.loader.loaded, timeout=5000):
        panel.add_references(images[:1])
    assert panel.check().credits_each == before + 3 * 1.5  # a 3 MP reference at 1.5 per MP
