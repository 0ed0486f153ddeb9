"""Generate: Ctrl+Enter and the button emit the right PromptState only when the run is valid."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from fluxdesk.core.prompt_state import PromptState
from fluxdesk.ui.prompt_panel import PromptPanel
from fluxdesk.ui.prompt_panel.model_picker import ModelPicker

INK = "Ink these pencils with clean lines"


def _focus_prompt(qtbot: QtBot, panel: PromptPanel) -> None:
    panel.activateWindow()
    panel.focus_prompt()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.prompt_editor.edit)


def test_key_widgets_carry_stable_object_names(panel: PromptPanel) -> None:
    assert isinstance(panel.findChild(QPlainTextEdit, "promptEdit"), QPlainTextEdit)
    assert isinstance(panel.findChild(ModelPicker, "modelPicker"), ModelPicker)
    assert isinstance(panel.findChild(QSpinBox, "variationsSpin"), QSpinBox)
    assert isinstance(panel.findChild(QLineEdit, "seedEdit"), QLineEdit)
    assert isinstance(panel.findChild(QPushButton, "generateButton"), QPushButton)


def test_defaults_to_kontext_pro_with_png_output(panel: PromptPanel) -> None:
    state = panel.state()
    assert state.model == "flux-kontext-pro"
    assert dict(state.params) == {"output_format": "png"}
    assert state.seed is None
    assert state.variations == 1
    assert state.references == ()


def test_ctrl_enter_emits_the_state(qtbot: QtBot, panel: PromptPanel) -> None:
    panel.model_picker.set_model("flux-kontext-max")
    _focus_prompt(qtbot, panel)
    qtbot.keyClicks(panel.prompt_editor.edit, INK)
    panel.set_seed(1234)
    panel.run_controls.variations_spin.setValue(4)
    _focus_prompt(qtbot, panel)
    with qtbot.waitSignal(panel.generate_requested, timeout=2000) as blocker:
        qtbot.keyClick(
            panel.prompt_editor.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    state = blocker.args[0]
    assert state == PromptState(
        "flux-kontext-max", INK, {"output_format": "png"}, seed=1234, variations=4
    )
    assert panel.prompt_editor.text() == INK, "Ctrl+Enter must not insert a line break"


def test_ctrl_enter_works_from_other_fields_of_the_panel(qtbot: QtBot, panel: PromptPanel) -> None:
    panel.prompt_editor.set_text(INK)
    panel.activateWindow()
    spin = panel.run_controls.variations_spin
    spin.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is spin)
    with qtbot.waitSignal(panel.generate_requested, timeout=2000):
        qtbot.keyClick(spin, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)


def test_generate_button_emits_and_follows_the_count(qtbot: QtBot, panel: PromptPanel) -> None:
    panel.prompt_editor.set_text(INK)
    assert panel.generate_button.text() == "Generate"
    panel.run_controls.variations_spin.setValue(4)
    assert panel.generate_button.text() == "Generate 4 variations"
    assert "Ctrl+" in panel.generate_button.toolTip()
    with qtbot.waitSignal(panel.generate_requested, timeout=2000) as blocker:
        qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].variations == 4


def test_empty_prompt_on_kontext_does_not_emit_and_says_why(
    qtbot: QtBot, panel: PromptPanel
) -> None:
    assert not panel.generate_button.isEnabled()
    assert "needs a prompt" in panel.generate_button.toolTip()
    assert "needs a prompt" in panel.problem_summary.text()
    assert not panel.prompt_editor.frame.has_error(), "no red before the artist tries"
    with qtbot.assertNotEmitted(panel.generate_requested):
        _focus_prompt(qtbot, panel)
        qtbot.keyClick(
            panel.prompt_editor.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    assert panel.prompt_editor.frame.has_error()
    assert "needs a prompt" in panel.prompt_editor.message.text()
    assert panel.prompt_editor.message.isVisible()


def test_fill_without_input_does_not_emit_until_an_input_is_set(
    qtbot: QtBot, panel: PromptPanel
) -> None:
    panel.model_picker.set_model("flux-pro-1.0-fill")
    with qtbot.assertNotEmitted(panel.generate_requested):
        assert not panel.generate()
    assert "FLUX.1 Fill [pro] needs an input image: drop your pencils on the canvas." in (
        panel.problem_summary.text()
    )
    assert not panel.generate_button.isEnabled()
    panel.set_input((2480, 3508))
    assert panel.generate_button.isEnabled()
    with qtbot.waitSignal(panel.generate_requested, timeout=2000) as blocker:
        assert panel.generate()
    assert blocker.args[0].model == "flux-pro-1.0-fill"


def test_set_generate_enabled_blocks_with_a_reason(qtbot: QtBot, panel: PromptPanel) -> None:
    panel.prompt_editor.set_text(INK)
    panel.set_generate_enabled(False, "Checking your API key…")
    assert not panel.generate_button.isEnabled()
    assert panel.generate_button.toolTip() == "Checking your API key…"
    assert "Checking your API key" in panel.problem_summary.text()
    assert not panel.generate_action.isEnabled()
    with qtbot.assertNotEmitted(panel.generate_requested):
        assert not panel.generate()
    panel.set_generate_enabled(True)
    assert panel.generate_button.isEnabled()


def test_set_state_round_trips(panel: PromptPanel, images: list) -> None:
    state = PromptState(
        "flux-2-pro",
        "A girl with a red umbrella",
        {"width": 1024, "height": 1440, "output_format": "webp", "safety_tolerance": 4},
        seed=987654321,
        variations=3,
        references=tuple(images[:2]),
        preset_id="ink-bw",
    )
    panel.set_state(state)
    assert panel.state() == state
    assert panel.model_picker.currentText() == "FLUX.2 [pro] — Generate & edit"
    # Absent parameters go back to their defaults; PNG stays FluxDesk's default.
    panel.set_state(PromptState("flux-kontext-pro", "x"))
    assert panel.state() == PromptState("flux-kontext-pro", "x", {"output_format": "png"})


def test_set_state_emits_state_changed_once(qtbot: QtBot, panel: PromptPanel) -> None:
    target = PromptState("flux-dev", "a cat", {"steps": 20, "output_format": "png"}, seed=5)
    with qtbot.waitSignal(panel.state_changed, timeout=2000) as blocker:
        panel.set_state(target)
    assert blocker.args[0] == target


def test_state_changed_follows_edits(qtbot: QtBot, panel: PromptPanel) -> None:
    with qtbot.waitSignal(
        panel.state_changed, timeout=2000, check_params_cb=lambda s: s.prompt == "a"
    ):
        qtbot.keyClicks(panel.prompt_editor.edit, "a")
    with qtbot.waitSignal(
        panel.state_changed, timeout=2000, check_params_cb=lambda s: s.variations == 2
    ):
        panel.run_controls.variations_spin.stepUp()


def test_set_seed_and_random(qtbot: QtBot, panel: PromptPanel) -> None:
    panel.set_seed(2**32 - 1)
    assert panel.state().seed == 2**32 - 1
    assert panel.run_controls.seed_edit.text() == str(2**32 - 1)
    assert not panel.run_controls.random_button.isChecked()
    panel.set_seed(None)
    assert panel.state().seed is None
    assert panel.run_controls.random_button.isChecked()
    # Turning "random" off fixes a fresh seed; on again clears it.
    panel.run_controls.random_button.click()
    assert isinstance(panel.state().seed, int)
    panel.run_controls.random_button.click()
    assert panel.state().seed is None


def test_seed_field_accepts_only_whole_numbers(qtbot: QtBot, panel: PromptPanel) -> None:
    edit = panel.run_controls.seed_edit
    qtbot.keyClicks(edit, "12a-3.5")
    assert edit.text() == "1235"
    assert panel.state().seed == 1235


def test_fixed_seed_hint_lists_the_variation_seeds(panel: PromptPanel) -> None:
    panel.set_seed(40)
    panel.run_controls.variations_spin.setValue(3)
    assert "40 to 42" in panel.run_controls.hint.text()


def test_variations_are_limited_to_one_to_eight(panel: PromptPanel) -> None:
    spin = panel.run_controls.variations_spin
    assert (spin.minimum(), spin.maximum()) == (1, 8)
    spin.setValue(20)
    assert panel.state().variations == 8


def test_recent_prompts_menu_and_session_memory(qtbot: QtBot, panel: PromptPanel) -> None:
    editor = panel.prompt_editor
    assert not editor.recent_button.isEnabled()
    panel.set_recent_prompts(["older prompt", "oldest prompt"])
    assert [a.data() for a in editor.recent_menu.actions()] == ["older prompt", "oldest prompt"]
    editor.recent_menu.actions()[1].trigger()
    assert editor.text() == "oldest prompt"
    editor.set_text("brand new prompt")
    with qtbot.waitSignal(panel.generate_requested, timeout=2000):
        panel.generate()
    assert panel.recent_prompts()[:2] == ["brand new prompt", "older prompt"]
    panel.set_recent_prompts(["from the store"])
    assert panel.recent_prompts() == ["brand new prompt", "from the store"]


def test_recent_prompt_is_one_undoable_edit(panel: PromptPanel) -> None:
    editor = panel.prompt_editor
    editor.set_text("mine")
    editor.apply_prompt("recent")
    editor.edit.undo()
    assert editor.text() == "mine"


def test_generate_action_is_exposed_for_menus(panel: PromptPanel) -> None:
    keys = [seq.toString() for seq in panel.generate_action.shortcuts()]
    assert keys == ["Ctrl+Return", "Ctrl+Enter"]
    assert panel.generate_action in panel.actions()
