"""The parameter form: exactly each model's fields, ranges in the widgets, defaults shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from fluxdesk.core.api.catalog import MODELS, FieldKind, get_model
from fluxdesk.ui.prompt_panel import PromptPanel
from fluxdesk.ui.prompt_panel.fields import AUTO_TEXT, normalize_ratio
from fluxdesk.ui.prompt_panel.model_picker import display_name
from fluxdesk.ui.prompt_panel.param_form import PANEL_DEFAULTS

_WIDGETS = {
    FieldKind.integer: QSpinBox,
    FieldKind.number: QDoubleSpinBox,
    FieldKind.boolean: QCheckBox,
    FieldKind.choice: QComboBox,
    FieldKind.aspect_ratio: QComboBox,
}


def test_picker_lists_every_model_with_labels(panel: PromptPanel) -> None:
    picker = panel.model_picker
    groups = (("kontext",), ("flux2",), ("flux1", "ultra"), ("fill", "expand"))
    expected = [spec.id for group in groups for spec in MODELS if spec.family in group]
    assert picker.model_ids() == expected
    assert sorted(expected) == sorted(spec.id for spec in MODELS)
    assert display_name(get_model("flux-kontext-pro")) == "FLUX.1 Kontext [pro] — Edit"
    assert picker.currentText() == "FLUX.1 Kontext [pro] — Edit"
    assert "inking" in picker.toolTip()
    assert "inking" in panel.model_summary.text()


def test_group_headers_cannot_be_chosen(panel: PromptPanel) -> None:
    picker = panel.model_picker
    model = picker.model()
    headers = [i for i in range(picker.count()) if not picker.itemData(i, Qt.ItemDataRole.UserRole)]
    assert len(headers) == 4
    for row in headers:
        assert not model.flags(model.index(row, 0)) & Qt.ItemFlag.ItemIsSelectable


@pytest.mark.parametrize("spec", MODELS, ids=lambda spec: spec.id)
def test_form_has_exactly_the_models_fields(panel: PromptPanel, spec: object) -> None:
    spec = get_model(spec.id)  # type: ignore[attr-defined]
    panel.model_picker.set_model(spec.id)
    form = panel.form
    basic = [field.name for field in spec.fields if not field.advanced]
    advanced = [field.name for field in spec.fields if field.advanced]
    assert form.field_names() == basic + advanced  # advanced ones last, under "Advanced"
    for field in spec.fields:
        editor = form.editor(field.name)
        assert isinstance(editor, _WIDGETS[field.kind]), field.name
        assert editor.objectName() == f"field_{field.name}"
        assert form.is_default(field.name), f"{field.name} starts at its default"
        baseline = PANEL_DEFAULTS.get(field.name, field.default)
        assert editor.field_value() == baseline
        assert "Default:" in editor.toolTip()
        if field.kind is FieldKind.integer:
            assert editor.maximum() == field.maximum
            if field.default is None:  # optional: one step below the minimum reads "Auto"
                assert editor.minimum() == field.minimum - field.multiple_of
                assert editor.text() == AUTO_TEXT
            else:
                assert editor.minimum() == field.minimum
            if field.multiple_of:
                assert editor.singleStep() == field.multiple_of
        if field.kind is FieldKind.number:
            assert (editor.minimum(), editor.maximum()) == (field.minimum, field.maximum)
    # Untouched defaults stay out of the request; PNG output is always sent.
    assert dict(panel.state().params) == {"output_format": "png"}
    assert panel.references.isVisibleTo(panel) == bool(spec.reference_slots)


def test_advanced_fields_are_collapsed_until_opened(panel: PromptPanel) -> None:
    form = panel.form
    safety = form.editor("safety_tolerance")
    assert not safety.isVisibleTo(panel)
    assert form.editor("aspect_ratio").isVisibleTo(panel)
    form.advanced_toggle.click()
    assert safety.isVisibleTo(panel)


def test_spin_boxes_enforce_ranges(panel: PromptPanel) -> None:
    panel.model_picker.set_model("flux-pro-1.1")
    width = panel.form.editor("width")
    width.setValue(5000)
    assert width.value() == 1440
    width.setValue(10)
    assert width.value() == 256


def test_typed_size_snaps_to_the_multiple(qtbot: QtBot, panel: PromptPanel) -> None:
    panel.model_picker.set_model("flux-pro-1.1")
    width = panel.form.editor("width")
    width.setFocus()
    width.selectAll()
    qtbot.keyClicks(width, "1000")
    # While typing, the problem is explained in place...
    assert panel.form.frame("width").has_error()
    assert "Width must be a multiple of 32." in panel.form.problem_label.text()
    assert not panel.generate_button.isEnabled()
    qtbot.keyClick(width, Qt.Key.Key_Return)  # ...and snapped when editing ends.
    assert width.value() == 992
    assert not panel.form.frame("width").has_error()
    assert panel.state().params["width"] == 992


def test_changed_value_shows_reset_and_reset_restores(qtbot: QtBot, panel: PromptPanel) -> None:
    form = panel.form
    editor = form.editor("output_format")
    reset = form.reset_button("output_format")
    assert not reset.isVisibleTo(panel)
    editor.setCurrentIndex(editor.findData("jpeg"))
    editor.activated.emit(editor.currentIndex())
    assert panel.state().params["output_format"] == "jpeg"
    assert reset.isVisibleTo(panel)
    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    assert panel.state().params["output_format"] == "png"
    assert not reset.isVisibleTo(panel)


def test_values_are_kept_across_models_where_the_field_exists(panel: PromptPanel) -> None:
    form = panel.form
    aspect = form.editor("aspect_ratio")
    aspect.setCurrentIndex(aspect.findData("3:4"))
    aspect.activated.emit(aspect.currentIndex())
    safety = form.editor("safety_tolerance")
    safety.setValue(6)
    assert dict(panel.state().params) == {
        "aspect_ratio": "3:4",
        "output_format": "png",
        "safety_tolerance": 6,
    }
    panel.model_picker.set_model("flux-pro-1.1-ultra")
    assert panel.state().params["aspect_ratio"] == "3:4"
    panel.model_picker.set_model("flux-2-pro")  # no aspect; safety only goes to 5
    assert dict(panel.state().params) == {"output_format": "png"}
    panel.model_picker.set_model("flux-kontext-max")
    assert panel.state().params["safety_tolerance"] == 6
    assert panel.state().params["aspect_ratio"] == "3:4"


def test_flux2_sizes_are_auto_or_both(qtbot: QtBot, panel: PromptPanel) -> None:
    panel.model_picker.set_model("flux-2-pro")
    panel.prompt_editor.set_text("a page")
    width, height = panel.form.editor("width"), panel.form.editor("height")
    width.stepUp()  # from Auto to a common size
    assert width.field_value() == 1024
    assert "Set both width and height, or leave both on Auto." in panel.problem_summary.text()
    assert panel.form.frame("width").has_error() and panel.form.frame("height").has_error()
    with qtbot.assertNotEmitted(panel.generate_requested):
        assert not panel.generate()
    height.setValue(1440)
    assert panel.generate_button.isEnabled()
    assert panel.state().params["height"] == 1440
    height.setValue(height.minimum())
    assert height.text() == AUTO_TEXT and height.field_value() is None


def test_flux2_over_four_megapixels_is_explained(panel: PromptPanel) -> None:
    panel.model_picker.set_model("flux-2-pro")
    panel.form.editor("width").setValue(4096)
    panel.form.editor("height").setValue(2048)
    assert "over FLUX.2's 4 megapixels" in panel.form.problem_label.text()
    assert not panel.generate_button.isEnabled()


def test_aspect_ratio_typed_is_validated_in_place(qtbot: QtBot, panel: PromptPanel) -> None:
    aspect = panel.form.editor("aspect_ratio")
    aspect.lineEdit().selectAll()
    qtbot.keyClicks(aspect.lineEdit(), "5:1")
    assert panel.form.frame("aspect_ratio").has_error()
    assert "Aspect ratio must be between 21:9 and 9:21." in panel.form.problem_label.text()
    aspect.lineEdit().selectAll()
    qtbot.keyClicks(aspect.lineEdit(), "1:1.414")
    assert panel.state().params["aspect_ratio"] == "1000:1414"
    assert not panel.form.frame("aspect_ratio").has_error()
    aspect.setCurrentIndex(0)
    aspect.activated.emit(0)
    assert "aspect_ratio" not in panel.state().params  # Match input = the API's default


def test_page_ratio_is_offered(panel: PromptPanel) -> None:
    aspect = panel.form.editor("aspect_ratio")
    texts = [aspect.itemText(i) for i in range(aspect.count())]
    assert texts[0] == "Match input"
    assert any("1:1.414" in text for text in texts)
    for ratio in ("1:1", "3:4", "4:3", "2:3", "3:2", "9:16", "16:9", "21:9", "9:21"):
        assert ratio in texts


def test_expand_needs_at_least_one_side(panel: PromptPanel) -> None:
    panel.model_picker.set_model("flux-pro-1.0-expand")
    panel.set_input((1000, 1000))
    assert "Expand at least one side" in panel.problem_summary.text()
    panel.form.editor("top").setValue(256)
    assert panel.generate_button.isEnabled()


def test_normalize_ratio() -> None:
    assert normalize_ratio("3:4") == "3:4"
    assert normalize_ratio(" 3 x 4 ") == "3:4"
    assert normalize_ratio("1:1.414  B/A page") == "1000:1414"
    assert normalize_ratio("wide") is None


@pytest.mark.parametrize("spec", MODELS, ids=lambda spec: spec.id)
def test_nothing_needs_more_than_320_px(panel: PromptPanel, spec: object, images: list) -> None:
    panel.model_picker.set_model(spec.id)  # type: ignore[attr-defined]
    panel.form.set_advanced_open(True)
    panel.add_references(images)
    panel.run_controls.variations_spin.setValue(8)
    panel.set_seed(2**32 - 1)
    scroll_body = panel.findChild(QWidget, "promptPanelBody")
    assert scroll_body.minimumSizeHint().width() <= 320
    assert panel.minimumSizeHint().width() <= 320
    assert panel.generate_button.minimumSizeHint().width() <= 300
