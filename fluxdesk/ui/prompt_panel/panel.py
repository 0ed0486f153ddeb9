"""The prompt panel: model, prompt, references, parameters, seed and variations, price, Generate.

It only presents and emits intent (`generate_requested(PromptState)`); it never calls the API,
the store or threads other than its own thumbnail loader. Every edit re-checks the would-be
requests with the core's validation and pricing, so problems are explained in place instead of
by a failed (and possibly paid) request.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.api.catalog import ModelSpec, get_model
from fluxdesk.core.errors import InputError
from fluxdesk.core.presets import Preset, placeholder_names
from fluxdesk.core.prompt_state import MAX_VARIATIONS, PromptState
from fluxdesk.core.providers.base import Billing, ProviderModels
from fluxdesk.core.regions.page_edit import EditKind, region_params
from fluxdesk.ui.i18n import core_text, translate
from fluxdesk.ui.prompt_panel import checks
from fluxdesk.ui.prompt_panel.checks import RunCheck, check_run, reference_limit_text
from fluxdesk.ui.prompt_panel.edit_target import EditScope, EditTarget, describe
from fluxdesk.ui.prompt_panel.model_picker import ModelPicker
from fluxdesk.ui.prompt_panel.param_form import ParamForm
from fluxdesk.ui.prompt_panel.preset_bar import PresetBar
from fluxdesk.ui.prompt_panel.prompt_editor import PromptEditor
from fluxdesk.ui.prompt_panel.references import ReferenceStrip
from fluxdesk.ui.prompt_panel.run_controls import RunControls
from fluxdesk.ui.prompt_panel.style import (
    FitLabel,
    SectionHeader,
    accent_color,
    error_color,
    generate_button_style,
    muted,
    wrapped,
)

log = logging.getLogger(__name__)

GENERATE_SHORTCUTS = (QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter"))


def generate_text(count: int) -> str:
    if count == 1:
        return translate("PromptPanel", "Generate")
    return translate("PromptPanel", "Generate {count} variations").format(count=count)


class PromptPanel(QWidget):
    """Everything about the next run. Emits `generate_requested(PromptState)` only when valid.

    `generate_action` (Ctrl+Enter / Ctrl+Return, shortcut context: this panel and its children)
    may also be put in a window menu."""

    generate_requested = Signal(object)  # PromptState
    state_changed = Signal(object)  # PromptState, on any edit
    preset_edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptPanel")
        self._input_size: tuple[int, int] | None = None
        self._target: EditTarget | None = None
        self._scope: EditScope | None = None
        self._preset_id: str | None = None
        self._external_enabled = True
        self._external_reason = ""
        self._attempted = False  # once the artist tried to generate, missing things turn red
        self._updating = False
        self._last_state: PromptState | None = None
        self._check: RunCheck | None = None
        self._rendered: str | None = None  # the prompt as the applied preset last filled it

        metrics = self.fontMetrics()
        label_width = max(
            metrics.horizontalAdvance(text)
            for text in (core_text("Prompt upsampling"), self.tr("Variations"))
        )
        self.preset_bar = PresetBar()
        self.model_picker = ModelPicker()
        self.model_summary = wrapped()
        self.model_summary.setObjectName("modelSummary")
        self.prompt_editor = PromptEditor()
        self.references = ReferenceStrip()
        self.form = ParamForm(label_width)
        self.run_controls = RunControls(label_width)
        self.scope_label = wrapped(muted_text=False)
        self.scope_label.setObjectName("editScopeLabel")
        self.price_label = FitLabel()
        self.price_label.setObjectName("priceLabel")
        self.price_label.setWordWrap(True)
        price_font = QFont(self.price_label.font())
        price_font.setWeight(QFont.Weight.DemiBold)
        self.price_label.setFont(price_font)
        self.size_label = muted(QLabel())
        self.size_label.setObjectName("outputSizeLabel")
        self.size_label.setWordWrap(True)
        self.notes_label = wrapped()
        self.notes_label.setObjectName("panelNotes")
        self.problem_summary = wrapped(muted_text=False)
        self.problem_summary.setObjectName("problemSummary")
        self.generate_button = QPushButton(self.tr("Generate"))
        self.generate_button.setObjectName("generateButton")
        self.generate_button.setMinimumHeight(round(metrics.height() * 2.3))
        self.generate_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.generate_action = QAction(self.tr("Generate"), self)
        self.generate_action.setObjectName("generateAction")
        self.generate_action.setShortcuts(list(GENERATE_SHORTCUTS))
        self.generate_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.generate_action)
        self._build_layout()

        self.preset_bar.preset_chosen.connect(self._on_preset_bar_preset_chosen)
        self.preset_bar.values_changed.connect(self._on_preset_bar_values_changed)
        self.preset_bar.reapply_requested.connect(self._on_preset_bar_reapply_requested)
        self.preset_bar.edit_requested.connect(self.preset_edit_requested)
        self.model_picker.model_changed.connect(self._on_model_picker_model_changed)
        self.prompt_editor.text_changed.connect(self._on_edited)
        self.references.changed.connect(self._on_edited)
        self.form.edited.connect(self._on_edited)
        self.run_controls.changed.connect(self._on_edited)
        self.generate_button.clicked.connect(self._on_generate_button_clicked)
        self.generate_action.triggered.connect(self._on_generate_action_triggered)
        self._restyle()
        self._apply_model(self.model_picker.model_id())

    def _build_layout(self) -> None:
        body = QWidget()
        body.setObjectName("promptPanelBody")
        column = QVBoxLayout(body)
        column.setContentsMargins(10, 8, 10, 8)
        column.setSpacing(4)
        column.addWidget(self.preset_bar)
        column.addSpacing(8)
        column.addWidget(SectionHeader(self.tr("Model")))
        column.addWidget(self.model_picker)
        column.addWidget(self.model_summary)
        column.addSpacing(8)
        column.addWidget(self.prompt_editor)
        column.addSpacing(8)
        column.addWidget(self.references)
        column.addSpacing(8)
        column.addWidget(SectionHeader(self.tr("Settings")))
        column.addWidget(self.form)
        column.addSpacing(8)
        column.addWidget(SectionHeader(self.tr("Run")))
        column.addWidget(self.run_controls)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("promptPanelScroll")
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body.setBackgroundRole(self.backgroundRole())
        scroll.viewport().setBackgroundRole(self.backgroundRole())

        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        footer = QVBoxLayout()
        footer.setContentsMargins(10, 6, 10, 10)
        footer.setSpacing(3)
        for widget in (
            self.scope_label,
            self.price_label,
            self.size_label,
            self.notes_label,
            self.problem_summary,
        ):
            footer.addWidget(widget)
        footer.addSpacing(4)
        footer.addWidget(self.generate_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(scroll, 1)
        outer.addWidget(rule)
        outer.addLayout(footer)

    # --- public API -----------------------------------------------------------------------------

    def state(self) -> PromptState:
        return PromptState(
            model=self.model_picker.model_id(),
            prompt=self.prompt_editor.text(),
            params=self.form.params(),
            seed=self.run_controls.seed(),
            variations=self.run_controls.variations(),
            references=self.references.used_paths(),
            preset_id=self._preset_id,
            provider=self.model_picker.provider_id(),
        )

    @Slot(object)
    def set_catalogs(self, catalogs: Sequence[ProviderModels]) -> None:
        """The providers (and their models) to choose from; the current choice is kept where
        it still exists."""
        self.model_picker.set_catalogs(catalogs)
        self._apply_model(self.model_picker.model_id())

    def _resolve(self, state: PromptState) -> ModelSpec:
        catalog = self.model_picker.catalog(state.provider)
        spec = catalog.resolve(state.model) if catalog else None
        if spec is None and state.provider == "bfl":
            spec = get_model(state.model)
        if spec is None:
            raise InputError(
                self.tr("{provider} has no model '{model}' connected.").format(
                    provider=state.provider, model=state.model
                )
            )
        return spec

    def set_state(self, state: PromptState) -> None:
        """'Reuse settings': model, prompt, params, seed; also variations, references and
        preset when given. Parameters absent from `state.params` go back to their defaults.
        A model its provider runs under another name (a ComfyUI stand-in) is chosen as such."""
        spec = self._resolve(state)  # unknown models fail here, before anything changes
        if unknown := sorted(set(state.params) - {f.name for f in spec.fields}):
            log.info("ignoring settings %s that %s does not take", unknown, spec.label)
        self._updating = True
        try:
            self.model_picker.set_model(spec.id, state.provider)
            self._apply_model(spec.id)
            self.form.set_values(state.params)
            self.prompt_editor.set_text(state.prompt)
            self.run_controls.set_seed(state.seed)
            self.run_controls.set_variations(max(1, min(MAX_VARIATIONS, state.variations)))
            self.references.set_paths(list(state.references))
            self._preset_id = state.preset_id
            self.preset_bar.select(state.preset_id)
            shown = self.preset_bar.shown_preset()
            if shown is None or shown.id != state.preset_id:
                self.preset_bar.show_fields(None)
                self._rendered = None
        finally:
            self._updating = False
        self._refresh()

    def set_presets(self, presets: tuple[Preset, ...] | list[Preset]) -> None:
        """The presets the picker offers (built-ins first)."""
        self.preset_bar.set_presets(presets)

    def apply_preset(self, preset: Preset | None, values: dict[str, str] | None = None) -> None:
        """Model, parameters, variations and the filled-in prompt from `preset`; the seed and
        references stay. None forgets the preset and keeps everything else."""
        if preset is None:
            self.preset_bar.show_fields(None)
            self.preset_bar.select(None)
            self._preset_id, self._rendered = None, None
            self._refresh()
            return
        self.preset_bar.show_fields(preset, values)
        state = preset.prompt_state(self.preset_bar.values(), seed=self.run_controls.seed())
        self._rendered = state.prompt
        self.set_state(dataclasses.replace(state, references=tuple(self.references.paths())))

    def set_seed(self, seed: int | None) -> None:
        """'Reuse seed': a fixed seed; None goes back to random."""
        self.run_controls.set_seed(seed)

    def set_input(self, size: tuple[int, int] | None) -> None:
        self._input_size = (int(size[0]), int(size[1])) if size else None
        self._refresh()

    def set_edit_target(self, target: EditTarget | None) -> None:
        """What the canvas tools have marked on the input (a region, a mask, grown edges)."""
        if target != self._target:
            self._target = target
            self._refresh()

    def edit_scope(self) -> EditScope | None:
        """What the next run does with the marks: None or a scope of kind None means the whole
        page as usual."""
        self._refresh()
        return self._scope

    def set_model(self, model_id: str) -> None:
        self.model_picker.set_model(model_id)

    def set_params(self, values: Mapping[str, Any]) -> None:
        """Sets some parameters of the current model, keeping the others."""
        self.form.set_values({**self.form.params(), **dict(values)})
        self._refresh()

    def set_recent_prompts(self, prompts: list[str]) -> None:
        self.prompt_editor.set_recent_prompts(list(prompts))

    def recent_prompts(self) -> list[str]:
        return self.prompt_editor.recent_prompts()

    def set_generate_enabled(self, enabled: bool, reason: str = "") -> None:
        self._external_enabled = enabled
        self._external_reason = "" if enabled else reason
        self.generate_action.setEnabled(enabled)
        self._refresh()

    def focus_prompt(self) -> None:
        self.prompt_editor.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.prompt_editor.edit.moveCursor(QTextCursor.MoveOperation.End)

    def add_references(self, paths: list[Path]) -> int:
        """Adds reference images up to the model's limit; returns how many were added."""
        return self.references.add_references(list(paths))

    def check(self) -> RunCheck:
        """The current problems, price and expected output size."""
        self._refresh()
        assert self._check is not None
        return self._check

    def generate(self) -> bool:
        """What Generate and Ctrl+Enter do: emit when valid, else show why. True if emitted."""
        check = self.check()
        if not self._external_enabled:
            return False
        if not check.ok:
            self._attempted = True
            self._refresh()
            self._focus_problem(check)
            return False
        state = self.state()
        self.prompt_editor.remember(state.prompt)
        self._attempted = False
        self._refresh()
        self.generate_requested.emit(state)
        return True

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stops the thumbnail loader; True when no thread is left running."""
        return self.references.shutdown(timeout_ms)

    # --- internals ------------------------------------------------------------------------------

    def _spec(self, model_id: str) -> ModelSpec:
        spec = self.model_picker.spec()
        return spec if spec is not None and spec.id == model_id else get_model(model_id)

    def _apply_model(self, model_id: str) -> None:
        spec = self._spec(model_id)
        self.model_summary.setText(core_text(spec.summary))
        self.form.set_spec(spec)
        limit = len(spec.reference_slots)
        self.references.set_limit(limit, reference_limit_text(spec))
        self.references.setVisible(limit > 0)
        self._refresh()

    def _refresh(self) -> None:
        if self._updating:
            return
        state = self.state()
        shown = self.preset_bar.shown_preset()
        ours = {p.name for p in shown.placeholders} if shown else set()
        spec = self._spec(state.model)
        scope = describe(spec, self._target, state.params) if self._target else None
        self._scope = scope
        checked = state
        if scope is not None and scope.kind in (EditKind.region, EditKind.fill):
            checked = replace(state, params=region_params(state.params))
        check = check_run(
            checked,
            scope.input_size if scope is not None and scope.input_size else self._input_size,
            self.references.sizes(state.references),
            unused_references=self.references.unused_count(),
            unreadable_references=self.references.unreadable(),
            spec=spec,
            billing=catalog.billing
            if (catalog := self.model_picker.catalog())
            else Billing.credits,
            unfilled=[name for name in placeholder_names(state.prompt) if name in ours],
            scope=scope,
        )
        self.preset_bar.set_diverged(self._rendered is not None and state.prompt != self._rendered)
        self._check = check
        self.scope_label.setText(scope.headline if scope is not None else "")
        self.scope_label.setVisible(bool(scope is not None and scope.headline))
        self._show_problems(check)
        self.price_label.setText(check.price_text)
        self.price_label.setToolTip(check.price_detail)
        self.size_label.setText(check.size_text)
        self.notes_label.setText("\n".join(check.notes))
        self.notes_label.setVisible(bool(check.notes))
        text = generate_text(state.variations)
        self.generate_button.setText(text)
        self.generate_action.setText(text)
        can_generate = self._external_enabled and check.ok
        self.generate_button.setEnabled(can_generate)
        shortcut = GENERATE_SHORTCUTS[0].toString(QKeySequence.SequenceFormat.NativeText)
        if not self._external_enabled:
            tip = self._external_reason or self.tr("Generating is not available right now.")
        elif not check.ok:
            tip = self.tr("Can't generate yet:") + "\n"
            tip += "\n".join(f"• {p.message}" for p in check.problems)
        else:
            price = check.price_text.split("= ")[-1]
            tip = self.tr("{action} for {price}  ({shortcut})").format(
                action=text, price=price, shortcut=shortcut
            )
        self.generate_button.setToolTip(tip)
        if state != self._last_state:
            self._last_state = state
            self.state_changed.emit(state)

    def _show_problems(self, check: RunCheck) -> None:
        outlined = check.targets(include_missing=self._attempted)
        fields = set(self.form.field_names())
        form_messages = [
            p.message for p in check.problems if set(p.targets) & fields and not p.missing
        ]
        self.form.set_problems(form_messages, outlined & fields)
        prompt_problems = [
            p.message
            for p in check.problems
            if checks.PROMPT in p.targets and (self._attempted or not p.missing)
        ]
        self.prompt_editor.frame.set_error(checks.PROMPT in outlined)
        self.prompt_editor.message.setText("\n".join(prompt_problems))
        self.prompt_editor.message.setVisible(bool(prompt_problems))
        self.run_controls.seed_frame.set_error(checks.SEED in outlined)
        self.references.frame.set_error(checks.REFERENCES in outlined)

        red = error_color(self.palette()).name()
        if not self._external_enabled:
            lines, alarming = [self._external_reason or self.tr("Generating is paused.")], False
        else:
            lines = [p.message for p in check.problems]
            if len(lines) > 1:
                lines = [f"• {line}" for line in lines]
            alarming = self._attempted or any(not p.missing for p in check.problems)
        self.problem_summary.setText("\n".join(lines))
        self.problem_summary.setVisible(bool(lines and lines[0]))
        self.problem_summary.setStyleSheet(f"color: {red};" if alarming else "")
        self.problem_summary.setForegroundRole(
            QPalette.ColorRole.WindowText if alarming else QPalette.ColorRole.PlaceholderText
        )
        self.prompt_editor.message.setStyleSheet(f"color: {red};")

    def _focus_problem(self, check: RunCheck) -> None:
        for problem in check.problems:
            for target in problem.targets:
                if target == checks.PROMPT:
                    self.focus_prompt()
                    return
                if target == checks.SEED:
                    self.run_controls.seed_edit.setFocus(Qt.FocusReason.OtherFocusReason)
                    return
                if target == checks.REFERENCES:
                    self.references.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
                    return
                if self.form.focus_field(target):
                    return

    def _restyle(self) -> None:
        self.generate_button.setStyleSheet(generate_button_style(self.palette()))
        accent = accent_color(self.palette()).name()
        self.scope_label.setStyleSheet(f"color: {accent}; font-weight: 600;")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
            self._refresh()

    @Slot(str)
    def _on_preset_bar_preset_chosen(self, preset_id: str) -> None:
        self.apply_preset(self.preset_bar.preset(preset_id))

    @Slot()
    def _on_preset_bar_values_changed(self) -> None:
        shown = self.preset_bar.shown_preset()
        if shown is not None and self._rendered == self.prompt_editor.text():
            self._rendered = shown.render(self.preset_bar.values()).text
            self.prompt_editor.set_text(self._rendered)  # emits text_changed -> refresh

    @Slot()
    def _on_preset_bar_reapply_requested(self) -> None:
        shown = self.preset_bar.shown_preset()
        if shown is not None:
            self._rendered = shown.render(self.preset_bar.values()).text
            self.prompt_editor.apply_prompt(self._rendered)  # one undoable edit

    @Slot(str)
    def _on_model_picker_model_changed(self, model_id: str) -> None:
        if not self._updating:
            self._apply_model(model_id)

    @Slot()
    def _on_edited(self) -> None:
        self._refresh()

    @Slot()
    def _on_generate_button_clicked(self) -> None:
        self.generate()

    @Slot()
    def _on_generate_action_triggered(self) -> None:
        self.generate()
