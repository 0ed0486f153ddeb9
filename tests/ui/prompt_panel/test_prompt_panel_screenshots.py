"""Screenshots for people to look at (not compared in CI): default, an error, FLUX.2, dark."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fluxdesk.ui.prompt_panel import PromptPanel

SHOTS = Path(os.environ.get("FLUXDESK_SCREENSHOTS", "/tmp"))


def _save(qtbot: QtBot, panel: PromptPanel, name: str) -> None:
    qtbot.waitUntil(lambda: not panel.references.loading(), timeout=5000)
    QApplication.processEvents()  # let pending layout requests run, as the event loop would
    pixmap = panel.grab()
    assert not pixmap.isNull()
    assert pixmap.save(str(SHOTS / f"prompt_panel_{name}.png"))


def _dark(panel: PromptPanel) -> None:
    palette = QPalette(QColor("#3a3a3e"), QColor("#2b2b2e"))  # derives light/dark/mid shades
    for role, color in (
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1f1f22"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.PlaceholderText, "#9a9aa0"),
        (QPalette.ColorRole.Highlight, "#3d7eff"),
        (QPalette.ColorRole.Accent, "#3d7eff"),
    ):
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#77777c"))
    panel.setPalette(palette)


def test_screenshot_default(qtbot: QtBot, panel: PromptPanel) -> None:
    panel.set_input((2480, 3508))
    _save(qtbot, panel, "default")


def test_screenshot_ready(qtbot: QtBot, panel: PromptPanel, images: list) -> None:
    panel.set_input((2480, 3508))
    panel.prompt_editor.set_text(
        "Ink these pencils with clean, confident lines; pure black on white, no grey"
    )
    panel.add_references(images[:2])
    panel.run_controls.variations_spin.setValue(4)
    _save(qtbot, panel, "ready")


def test_screenshot_error(qtbot: QtBot, panel: PromptPanel) -> None:
    panel.form.advanced_toggle.click()
    aspect = panel.form.editor("aspect_ratio")
    aspect.setEditText("5:1")
    aspect.lineEdit().textEdited.emit("5:1")
    panel.generate()  # empty prompt: tried, so the missing prompt turns red too
    _save(qtbot, panel, "error")


def test_screenshot_flux2(qtbot: QtBot, panel: PromptPanel, images: list) -> None:
    panel.model_picker.set_model("flux-2-pro")
    panel.prompt_editor.set_text("The same character, three-quarter view, clean line art")
    panel.add_references(images[:5])
    panel.form.editor("width").setValue(1024)
    panel.form.editor("height").setValue(1440)
    panel.run_controls.variations_spin.setValue(2)
    panel.set_seed(1234)
    _save(qtbot, panel, "flux2")


def test_screenshot_dark_at_320(qtbot: QtBot, panel: PromptPanel) -> None:
    _dark(panel)
    panel.resize(320, 900)
    panel.model_picker.set_model("flux-pro-1.1-ultra")
    panel.form.advanced_toggle.click()
    panel.prompt_editor.set_text("A rainy street at night, manga style")
    panel.run_controls.variations_spin.setValue(3)
    _save(qtbot, panel, "dark")
