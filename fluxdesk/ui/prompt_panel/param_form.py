"""The parameter form: exactly the fields one model takes, rebuilt when the model changes.

Only values that differ from the default go into the request, so the API's own defaults apply
and requests stay minimal. The exceptions are FluxDesk's own defaults (`PANEL_DEFAULTS`), which
are always sent. Values the artist set are remembered across model switches where the new
model has the same field and accepts the value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.api.catalog import FieldKind, FieldSpec, ModelSpec
from fluxdesk.core.api.validation import check_field
from fluxdesk.ui.i18n import core_text, translate
from fluxdesk.ui.prompt_panel.fields import AUTO_TEXT, FORMAT_NAMES, make_editor
from fluxdesk.ui.prompt_panel.style import (
    OutlineFrame,
    error_color,
    icon_size,
    reset_icon,
    trailing_size,
)

# Line art should stay lossless, whatever the model's API default is.
PANEL_DEFAULTS: Mapping[str, Any] = {"output_format": "png"}


def default_text(spec: FieldSpec, baseline: Any) -> str:
    if baseline is None:
        if spec.kind is FieldKind.aspect_ratio:
            return translate("ParamForm", "match input")
        return translate("ParamForm", AUTO_TEXT)
    if spec.kind is FieldKind.boolean:
        return translate("ParamForm", "on") if baseline else translate("ParamForm", "off")
    if spec.name == "output_format":
        return translate("ParamForm", FORMAT_NAMES.get(str(baseline), str(baseline))).split()[0]
    return f"{baseline:g}" if isinstance(baseline, float) else str(baseline)


@dataclass(slots=True)
class _Row:
    spec: FieldSpec
    baseline: Any
    always_send: bool
    label: QLabel
    frame: OutlineFrame
    editor: Any  # one of fields.*Editor
    reset: QToolButton

    def value(self) -> Any:
        return self.editor.field_value()

    def changed(self) -> bool:
        value = self.value()
        return value is not None and value != self.baseline


class ParamForm(QWidget):
    """Emits `edited` on every change the artist makes; read `params()` for the values."""

    edited = Signal()

    def __init__(self, label_width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label_width = label_width
        self._rows: dict[str, _Row] = {}
        self._remembered: dict[str, Any] = dict(PANEL_DEFAULTS)
        self._spec: ModelSpec | None = None
        self._body: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.advanced_toggle = QToolButton()
        self.advanced_toggle.setObjectName("advancedToggle")
        # Not checkable: a checked tool button looks pressed, a disclosure arrow should not.
        self.advanced_toggle.setAutoRaise(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.clicked.connect(self._on_advanced_toggle_clicked)
        self._advanced_open = False
        self.problem_label = QLabel()
        self.problem_label.setObjectName("formProblems")
        self.problem_label.setWordWrap(True)
        self.problem_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.problem_label.hide()
        self._layout.addWidget(self.problem_label)

    # --- building -------------------------------------------------------------------------------

    def set_spec(self, spec: ModelSpec) -> None:
        if spec == self._spec and self._body is not None:
            return  # the same model again (its catalog was published anew): nothing to rebuild
        self._spec = spec
        if self._body is not None:
            # Hidden and deleted as a child: unparented it would flash up as a window of its
            # own and take the focus (and the keyboard shortcuts) from the main window.
            self._body.hide()
            self._layout.removeWidget(self._body)
            self._body.deleteLater()
        self._rows.clear()
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        grid.setColumnMinimumWidth(0, self._label_width)
        grid.setColumnStretch(1, 1)
        basic = [f for f in spec.fields if not f.advanced]
        advanced = [f for f in spec.fields if f.advanced]
        row = 0
        for field in basic:
            self._add_row(grid, row, field)
            row += 1
        self.advanced_toggle.hide()
        self.advanced_toggle.setParent(self)  # out of the old body before it is deleted
        if advanced:
            grid.addWidget(self.advanced_toggle, row, 0, 1, 3)
            self.advanced_toggle.show()
            row += 1
            for field in advanced:
                self._add_row(grid, row, field)
                row += 1
        self._body = body
        self._layout.insertWidget(0, body)
        body.show()  # a layout would only show it on the next event loop turn
        self._show_advanced(self._advanced_open)
        self._refresh_looks()

    def _add_row(self, grid: QGridLayout, row: int, spec: FieldSpec) -> None:
        baseline = PANEL_DEFAULTS.get(spec.name, spec.default)
        editor = make_editor(spec)
        label = QLabel(core_text(spec.label))
        label.setWordWrap(True)
        label.setBuddy(editor)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label.setMaximumWidth(self._label_width)
        frame = OutlineFrame(editor)
        reset = QToolButton()
        reset.setObjectName(f"reset_{spec.name}")
        reset.setAutoRaise(True)
        reset.setIcon(reset_icon(self.palette().windowText().color()))
        reset.setIconSize(icon_size(self, 13))
        # The column keeps the button's width while it is hidden, so editors never jump.
        reset.setFixedSize(trailing_size(self))
        grid.setColumnMinimumWidth(2, reset.width())
        reset.clicked.connect(self._on_reset_clicked)
        default = default_text(spec, baseline)
        tip = core_text(spec.help) + "\n" + self.tr("Default: {value}").format(value=default)
        tip = tip.strip()
        for widget in (label, editor):
            widget.setToolTip(tip)
        reset.setToolTip(
            self.tr("Reset {name} to the default ({value})").format(
                name=core_text(spec.label), value=default
            )
        )
        editor.edited.connect(self._on_editor_edited)
        grid.addWidget(label, row, 0)
        grid.addWidget(frame, row, 1)
        grid.addWidget(reset, row, 2)
        entry = _Row(spec, baseline, spec.name in PANEL_DEFAULTS, label, frame, editor, reset)
        self._rows[spec.name] = entry
        remembered = self._remembered.get(spec.name)
        if remembered is not None and check_field(spec, remembered) is None:
            editor.set_field_value(remembered)
        else:
            editor.set_field_value(baseline)

    # --- values ---------------------------------------------------------------------------------

    def params(self) -> dict[str, Any]:
        return {
            name: row.value()
            for name, row in self._rows.items()
            if row.value() is not None and (row.always_send or row.changed())
        }

    def set_values(self, params: Mapping[str, Any]) -> None:
        """Every field to `params[name]`, or to its default when absent (no `edited`)."""
        self._remembered = {**PANEL_DEFAULTS, **dict(params)}
        for name, row in self._rows.items():
            row.editor.set_field_value(self._remembered.get(name, row.baseline))
        self._refresh_looks()

    def field_names(self) -> list[str]:
        return list(self._rows)

    def editor(self, name: str) -> QWidget | None:
        row = self._rows.get(name)
        return row.editor if row else None

    def reset_button(self, name: str) -> QToolButton | None:
        row = self._rows.get(name)
        return row.reset if row else None

    def frame(self, name: str) -> OutlineFrame | None:
        row = self._rows.get(name)
        return row.frame if row else None

    def is_default(self, name: str) -> bool:
        return not self._rows[name].changed()

    def reset_field(self, name: str) -> None:
        row = self._rows[name]
        row.editor.set_field_value(row.baseline)
        self._remember(row)
        self._refresh_looks()
        self.edited.emit()

    # --- problems -------------------------------------------------------------------------------

    def set_problems(self, messages: Iterable[str], outlined: set[str]) -> None:
        for name, row in self._rows.items():
            row.frame.set_error(name in outlined)
            if name in outlined and row.spec.advanced and not self._advanced_open:
                self.set_advanced_open(True)
        text = "\n".join(messages)
        self.problem_label.setText(text)
        self.problem_label.setStyleSheet(f"color: {error_color(self.palette()).name()};")
        self.problem_label.setVisible(bool(text))

    def advanced_open(self) -> bool:
        return self._advanced_open

    def set_advanced_open(self, shown: bool) -> None:
        self._advanced_open = shown
        self._show_advanced(shown)
        self._refresh_looks()

    def focus_field(self, name: str) -> bool:
        row = self._rows.get(name)
        if row is None:
            return False
        row.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # --- internals ------------------------------------------------------------------------------

    def _remember(self, row: _Row) -> None:
        if row.changed() or (row.always_send and row.value() is not None):
            self._remembered[row.spec.name] = row.value()
        else:
            self._remembered.pop(row.spec.name, None)

    def _refresh_looks(self) -> None:
        changed_advanced = 0
        for row in self._rows.values():
            changed = row.changed()
            font = QFont(row.label.font())
            font.setBold(changed)
            row.label.setFont(font)
            shown = not row.spec.advanced or self._advanced_open
            row.reset.setVisible(changed and shown)
            changed_advanced += changed and row.spec.advanced
        text = self.tr("Advanced")
        if changed_advanced and not self._advanced_open:
            text += "  ·  " + self.tr("{count} changed").format(count=changed_advanced)
        self.advanced_toggle.setText(text)

    def _show_advanced(self, shown: bool) -> None:
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.advanced_toggle.setArrowType(arrow)
        for row in self._rows.values():
            if row.spec.advanced:
                for widget in (row.label, row.frame):
                    widget.setVisible(shown)

    @Slot()
    def _on_editor_edited(self) -> None:
        editor = self.sender()
        for row in self._rows.values():
            if row.editor is editor:
                self._remember(row)
        self._refresh_looks()
        self.edited.emit()

    @Slot()
    def _on_reset_clicked(self) -> None:
        button = self.sender()
        for name, row in self._rows.items():
            if row.reset is button:
                self.reset_field(name)
                return

    @Slot()
    def _on_advanced_toggle_clicked(self) -> None:
        self.set_advanced_open(not self._advanced_open)
