"""The price of the run and the expected output size, shown before sending."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from fluxdesk.core.prompt_state import PromptState
from fluxdesk.ui.prompt_panel import PromptPanel
from fluxdesk.ui.prompt_panel.checks import check_run


def test_price_follows_variations(panel: PromptPanel) -> None:
    assert panel.price_label.text() == "1 image · 4 credits ($0.04)"
    panel.run_controls.variations_spin.setValue(4)
    assert panel.price_label.text() == "4 variations × 4 credits = 16 credits ($0.16)"


def test_price_follows_the_model(panel: PromptPanel) -> None:
    panel.model_picker.set_model("flux-kontext-max")
    assert panel.price_label.text() == "1 image · 8 credits ($0.08)"


def test_bigger_flux2_output_costs_more(panel: PromptPanel) -> None:
    panel.model_picker.set_model("flux-2-pro")
    small = panel.check().credits_each
    panel.form.editor("width").setValue(2048)
    panel.form.editor("height").setValue(2048)
    big = panel.check().credits_each
    assert big > small
    assert "2048×2048 px" in panel.size_label.text()
    assert "about" not in panel.size_label.text()  # an exact size was asked for


def test_output_size_follows_the_input(panel: PromptPanel) -> None:
    panel.set_input((2480, 3508))  # a B-series page scan
    text = panel.size_label.text()
    assert text.startswith("→ about ")
    width, height = (int(n) for n in text.split()[2].split("×"))
    assert abs(width / height - 2480 / 3508) < 0.03
    assert width * height < 1.1 * 1024 * 1024


def test_flux2_input_is_priced_at_its_sent_size(panel: PromptPanel) -> None:
    panel.model_picker.set_model("flux-2-pro")
    no_input = panel.check().credits_each
    panel.set_input((6071, 8598))  # a 52 MP B4 scan is scaled to the model's 4 MP first
    # At most 4 MP of input (+1 MP of output rounding), not the scan's 52 MP.
    assert no_input + 4 * 1.5 <= panel.check().credits_each <= no_input + 5 * 1.5


def test_check_run_messages_are_plain() -> None:
    check = check_run(PromptState("flux-pro-1.0-fill"), None)
    assert [p.message for p in check.problems] == [
        "FLUX.1 Fill [pro] needs an input image: drop your pencils on the canvas."
    ]
    assert check.problems[0].missing
    fixed = check_run(PromptState("flux-kontext-pro", "x", seed=2**63 - 1, variations=2), (1, 1))
    assert any(p.message.startswith("Seed must be") for p in fixed.problems)


def test_price_tooltip_explains_the_rule(qtbot: QtBot, panel: PromptPanel) -> None:
    assert "4 credits per image" in panel.price_label.toolTip()
    panel.model_picker.set_model("flux-2-klein-4b")
    assert "megapixel" in panel.price_label.toolTip()
