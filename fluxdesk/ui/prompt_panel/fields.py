"""One editor widget per parameter kind, built from the core's `FieldSpec`.

Every editor offers the same small protocol: `field_value()`, `set_field_value(value)` (silent)
and an `edited` signal that fires only for the artist's own changes. Ranges come from the spec
and are enforced by the widget; integer steps snap to the spec's multiple.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from fluxdesk.core.api.catalog import FieldKind, FieldSpec
from fluxdesk.ui.i18n import translate

AUTO_TEXT = QT_TRANSLATE_NOOP("ParamForm", "Auto")
MATCH_INPUT_TEXT = QT_TRANSLATE_NOOP("ParamForm", "Match input")
PIXEL_FIELDS = frozenset({"width", "height", "top", "bottom", "left", "right"})
# (shown text, value sent). The page ratio is written with whole numbers for the API.
ASPECT_RATIOS: tuple[tuple[str, str], ...] = (
    ("1:1", "1:1"),
    ("3:4", "3:4"),
    ("4:3", "4:3"),
    ("2:3", "2:3"),
    ("3:2", "3:2"),
    ("9:16", "9:16"),
    ("16:9", "16:9"),
    ("21:9", "21:9"),
    ("9:21", "9:21"),
    (QT_TRANSLATE_NOOP("ParamForm", "1:1.414  B/A page"), "1000:1414"),
)
FORMAT_NAMES = {
    "png": QT_TRANSLATE_NOOP("ParamForm", "PNG  (lossless)"),
    "jpeg": "JPEG",
    "webp": "WebP",
}
_RATIO_TEXT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[:x×/]\s*(\d+(?:\.\d+)?)")


class FieldEditor(Protocol):
    spec: FieldSpec

    def field_value(self) -> Any: ...
    def set_field_value(self, value: Any) -> None: ...


class _WheelGuard:
    """Scrolling the panel must not change a value the pointer happens to pass over."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():  # type: ignore[attr-defined]
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()


def normalize_ratio(text: str) -> str | None:
    """'3:4', '3 x 4', '1:1.414 page' -> whole-number 'w:h'; None when it isn't a ratio."""
    match = _RATIO_TEXT.match(text)
    if not match:
        return None
    left, right = match.group(1), match.group(2)
    decimals = max(len(part.partition(".")[2]) for part in (left, right))
    scale = 10**decimals
    return f"{round(float(left) * scale)}:{round(float(right) * scale)}"


class IntEditor(_WheelGuard, QSpinBox):
    """Whole numbers in [minimum, maximum], stepping and snapping to `multiple_of`.

    With no default (FLUX.2 width/height) one extra step below the minimum reads "Auto" and
    means None: the API then matches the input."""

    edited = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.optional = spec.default is None
        low, high = int(spec.minimum or 0), int(spec.maximum or 2**31 - 1)
        span = high - low
        self._step = spec.multiple_of or (32 if span >= 1000 else 1)
        self.setRange(low - self._step if self.optional else low, high)
        self.setSingleStep(self._step)
        if self.optional:
            self.setSpecialValueText(translate("ParamForm", AUTO_TEXT))
        if spec.name in PIXEL_FIELDS:
            self.setSuffix(" px")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.set_field_value(spec.default)
        self.valueChanged.connect(self._on_value_changed)
        self.editingFinished.connect(self._on_editing_finished)

    def field_value(self) -> int | None:
        if self.optional and self.value() == self.minimum():
            return None
        return self.value()

    def set_field_value(self, value: Any) -> None:
        blocked = self.blockSignals(True)
        self.setValue(self.minimum() if value is None else int(value))
        self.blockSignals(blocked)

    def stepBy(self, steps: int) -> None:
        if self.optional and self.field_value() is None and steps > 0:
            self.setValue(max(int(self.spec.minimum or 0), 1024))  # leave Auto at a common size
            return
        super().stepBy(steps)

    def _on_value_changed(self, _value: int) -> None:
        self.edited.emit()

    def _on_editing_finished(self) -> None:
        multiple = self.spec.multiple_of
        value = self.field_value()
        if not multiple or value is None or value % multiple == 0:
            return
        low, high = int(self.spec.minimum or 0), self.maximum()
        snapped = round(value / multiple) * multiple
        if snapped < low:
            snapped += multiple * -(-(low - snapped) // multiple)
        if snapped > high:
            snapped -= multiple * -(-(snapped - high) // multiple)
        self.setValue(snapped)  # emits edited


class NumberEditor(_WheelGuard, QDoubleSpinBox):
    edited = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        low, high = float(spec.minimum or 0.0), float(spec.maximum or 1e9)
        span = high - low
        self.setDecimals(2 if span <= 10 else 1)
        self.setSingleStep(0.05 if span <= 1 else 0.1 if span <= 10 else 0.5)
        self.setRange(low, high)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.set_field_value(spec.default)
        self.valueChanged.connect(self._on_value_changed)

    def field_value(self) -> float:
        return round(self.value(), self.decimals())

    def set_field_value(self, value: Any) -> None:
        blocked = self.blockSignals(True)
        self.setValue(self.minimum() if value is None else float(value))
        self.blockSignals(blocked)

    def _on_value_changed(self, _value: float) -> None:
        self.edited.emit()


class BoolEditor(QCheckBox):
    edited = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.set_field_value(spec.default)
        self.clicked.connect(self._on_clicked)

    def field_value(self) -> bool:
        return self.isChecked()

    def set_field_value(self, value: Any) -> None:
        blocked = self.blockSignals(True)
        self.setChecked(bool(value))
        self.blockSignals(blocked)

    def _on_clicked(self, _checked: bool) -> None:
        self.edited.emit()


class ChoiceEditor(_WheelGuard, QComboBox):
    edited = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if any(len(choice) > 16 for choice in spec.choices):
            # Long choices (a server's LoRA file names) must not widen the panel; the open
            # list still shows them whole.
            self.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            self.setMinimumContentsLength(10)
        if spec.default is None:
            self.addItem(translate("ParamForm", "Default"), None)
        for choice in spec.choices:
            name = (
                FORMAT_NAMES.get(choice, choice)
                if choice
                else QT_TRANSLATE_NOOP("ParamForm", "None")
            )
            self.addItem(translate("ParamForm", name), choice)
        self.set_field_value(spec.default)
        self.activated.connect(self._on_activated)

    def field_value(self) -> str | None:
        return self.currentData()

    def set_field_value(self, value: Any) -> None:
        blocked = self.blockSignals(True)
        self.setCurrentIndex(max(0, self.findData(value)))
        self.blockSignals(blocked)

    def _on_activated(self, _index: int) -> None:
        self.edited.emit()


class AspectEditor(_WheelGuard, QComboBox):
    """Common ratios to pick from, or any 'w:h' typed in (checked in place by the panel)."""

    edited = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setCompleter(None)  # inline completion would turn "3" into "3:4" mid-typing
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if spec.default is None:
            self.addItem(translate("ParamForm", MATCH_INPUT_TEXT), None)
        for text, value in ASPECT_RATIOS:
            self.addItem(translate("ParamForm", text), value)
        if spec.default is not None and self.findData(spec.default) < 0:
            self.addItem(str(spec.default), spec.default)
        self.lineEdit().setPlaceholderText(translate("ParamForm", "w:h, e.g. 3:4"))
        self.set_field_value(spec.default)
        self.activated.connect(self._on_activated)
        self.lineEdit().textEdited.connect(self._on_text_edited)

    def field_value(self) -> str | None:
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return self.itemData(index)
        if not text:
            return None
        return normalize_ratio(text) or text  # unparseable text is kept so it can be explained

    def set_field_value(self, value: Any) -> None:
        blocked = self.blockSignals(True)
        index = self.findData(value)
        if index < 0 and value is not None:
            index = self.findData(normalize_ratio(str(value)))
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText("" if value is None else str(value))
        self.blockSignals(blocked)

    def _on_activated(self, _index: int) -> None:
        self.edited.emit()

    def _on_text_edited(self, _text: str) -> None:
        self.edited.emit()


class TextEditor(QLineEdit):
    edited = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.set_field_value(spec.default)
        self.textEdited.connect(self._on_text_edited)

    def field_value(self) -> str | None:
        return self.text() or None

    def set_field_value(self, value: Any) -> None:
        self.setText("" if value is None else str(value))

    def _on_text_edited(self, _text: str) -> None:
        self.edited.emit()


def make_editor(spec: FieldSpec) -> QWidget:
    if spec.kind is FieldKind.integer:
        editor: QWidget = IntEditor(spec)
    elif spec.kind is FieldKind.number:
        editor = NumberEditor(spec)
    elif spec.kind is FieldKind.boolean:
        editor = BoolEditor(spec)
    elif spec.kind is FieldKind.aspect_ratio:
        editor = AspectEditor(spec)
    elif spec.kind is FieldKind.choice:
        editor = ChoiceEditor(spec)
    else:
        editor = TextEditor(spec)
    editor.setObjectName(f"field_{spec.name}")
    return editor
