"""The panel with the canvas tools: what a run does with the marks, priced as really sent, and
combinations that can't work explained in place."""

from __future__ import annotations

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.regions import Polygon, Rect, plan_region
from fluxdesk.ui.prompt_panel import PromptPanel
from fluxdesk.ui.prompt_panel.edit_target import EditTarget, describe

PAGE = (6071, 8598)  # B4 at 600 dpi
RECT = Rect(1000, 2000, 2200, 2900)


def headline(panel: PromptPanel) -> str:
    return panel.scope_label.text().replace("\u00a0", " ")


def test_a_selection_is_an_edit_of_that_region_priced_as_sent(panel: PromptPanel) -> None:
    panel.set_input(PAGE)
    panel.prompt_editor.set_text("ink the face")
    panel.set_model("flux-2-pro")
    whole_page = panel.check().credits_each
    panel.set_edit_target(EditTarget(PAGE, selection=RECT))
    assert headline(panel) == "Editing the selected region (1200 × 900 px)"
    assert panel.scope_label.isVisible()
    assert panel.check().credits_each < whole_page  # ~1 MP in, not the 4 MP page
    assert "pasted into the 6071×8598 px page" in panel.size_label.text()
    assert panel.generate_button.isEnabled()

    panel.set_edit_target(None)
    assert not panel.scope_label.isVisible()
    assert panel.check().credits_each == whole_page


def test_fill_needs_a_mask_and_says_so(panel: PromptPanel) -> None:
    panel.set_input(PAGE)
    panel.set_model("flux-pro-1.0-fill")
    panel.set_edit_target(EditTarget(PAGE))
    assert "Paint a mask first" in panel.problem_summary.text()
    assert not panel.generate_button.isEnabled()
    panel.set_edit_target(EditTarget(PAGE, mask_box=Rect(300, 300, 900, 700)))
    assert headline(panel) == "Repainting the masked area (600 × 400 px)"
    assert panel.generate_button.isEnabled()
    lasso = Polygon.of([(100, 100), (900, 200), (500, 800)])
    panel.set_edit_target(EditTarget(PAGE, selection=lasso))
    assert headline(panel) == "Repainting the selected region (800 × 700 px)"


def test_what_other_models_do_with_the_marks() -> None:
    target = EditTarget(PAGE, selection=RECT, mask_box=Rect(0, 0, 50, 50))
    kontext = describe(get_model("flux-kontext-pro"), target, {"aspect_ratio": "16:9"})
    assert kontext.headline.startswith("Editing the selected region")  # the selection wins
    assert kontext.input_size == plan_region(PAGE, RECT).send_size
    assert any("keeps its own shape" in note for note in kontext.notes)
    masked = describe(get_model("flux-kontext-pro"), EditTarget(PAGE, mask_box=RECT), {})
    assert masked.headline.startswith("Editing the masked area")
    text = describe(get_model("flux-pro-1.1"), target, {})
    assert text.kind is None and "makes a new image" in text.notes[0]
    plain = describe(get_model("flux-kontext-pro"), EditTarget(PAGE), {})
    assert plain.kind is None and not plain.headline  # nothing marked: the whole page


def test_expand_explains_its_sides_in_page_pixels() -> None:
    spec = get_model("flux-pro-1.0-expand")
    target = EditTarget(PAGE, send_size=(1721, 2437))
    idle = describe(spec, target, {})
    assert "Expand tool (E)" in idle.headline
    grown = describe(spec, target, {"right": 512, "top": 100})
    assert grown.headline.replace("\u00a0", " ") == "Growing the page to 7877 × 8950 px"
    assert "+352 px top, +1806 px right" in grown.notes[-1]
