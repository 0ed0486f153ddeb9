"""Seed (random or fixed) and the number of variations."""

from __future__ import annotations

import secrets

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QValidator, QWheelEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from fluxdesk.core.api.validation import MAX_SEED
from fluxdesk.core.prompt_state import MAX_VARIATIONS, SEED_RANGE
from fluxdesk.ui.prompt_panel.style import (
    OutlineFrame,
    dice_icon,
    icon_size,
    trailing_size,
    wrapped,
)


class SeedValidator(QValidator):
    """Digits only, 0..MAX_SEED; empty is fine (it means random)."""

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        stripped = text.strip()
        if not stripped:
            return QValidator.State.Acceptable, text, pos
        if not stripped.isdigit() or not stripped.isascii() or int(stripped) > MAX_SEED:
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Acceptable, text, pos


class _VariationsSpin(QSpinBox):
    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class RunControls(QWidget):
    """`changed()` on any edit of the seed or the variation count."""

    changed = Signal()

    def __init__(self, label_width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.seed_edit = QLineEdit()
        self.seed_edit.setObjectName("seedEdit")
        self.seed_edit.setValidator(SeedValidator(self.seed_edit))
        self.seed_edit.setPlaceholderText(self.tr("Random"))
        self.seed_edit.setClearButtonEnabled(True)
        self.seed_edit.setToolTip(
            self.tr(
                "Empty: a new random seed every run.\n"
                "A number: repeatable results; variations use the next seeds."
            )
        )
        self.seed_edit.textChanged.connect(self._on_seed_edit_text_changed)
        self.seed_frame = OutlineFrame(self.seed_edit)

        self.random_button = QToolButton()
        self.random_button.setObjectName("randomSeedButton")
        self.random_button.setCheckable(True)
        self.random_button.setChecked(True)
        self.random_button.setAutoRaise(True)
        self.random_button.setIcon(dice_icon(self.palette().windowText().color()))
        self.random_button.setIconSize(icon_size(self, 16))
        self.random_button.setFixedSize(trailing_size(self))
        self.random_button.toggled.connect(self._on_random_button_toggled)

        self.variations_spin = _VariationsSpin()
        self.variations_spin.setObjectName("variationsSpin")
        self.variations_spin.setRange(1, MAX_VARIATIONS)
        self.variations_spin.setValue(1)
        self.variations_spin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.variations_spin.setMinimumWidth(self.fontMetrics().horizontalAdvance("8") * 3 + 40)
        self.variations_spin.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.variations_spin.setToolTip(
            self.tr("Images per click, 1 to {count}; they run side by side.").format(
                count=MAX_VARIATIONS
            )
        )
        self.variations_spin.valueChanged.connect(self._on_variations_spin_value_changed)

        self.hint = wrapped()
        self.hint.setObjectName("seedHint")

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        grid.setColumnMinimumWidth(0, label_width)
        grid.setColumnStretch(1, 1)
        for row, (text, buddy) in enumerate(
            ((self.tr("Seed"), self.seed_edit), (self.tr("Variations"), self.variations_spin))
        ):
            label = QLabel(text)
            label.setBuddy(buddy)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, row, 0)
        grid.addWidget(self.seed_frame, 0, 1)
        grid.addWidget(self.random_button, 0, 2)
        variations = QHBoxLayout()
        variations.setContentsMargins(2, 2, 2, 2)
        variations.addWidget(self.variations_spin)
        variations.addStretch(1)
        grid.addLayout(variations, 1, 1)
        grid.addWidget(self.hint, 2, 1, 1, 2)
        self._sync()

    def seed(self) -> int | None:
        text = self.seed_edit.text().strip()
        return int(text) if text else None

    def set_seed(self, seed: int | None) -> None:
        if seed is not None and (isinstance(seed, bool) or not 0 <= seed <= MAX_SEED):
            raise ValueError(f"a seed is a whole number from 0 to {MAX_SEED}, not {seed!r}")
        self.seed_edit.setText("" if seed is None else str(seed))

    def variations(self) -> int:
        return self.variations_spin.value()

    def set_variations(self, count: int) -> None:
        self.variations_spin.setValue(count)

    def _sync(self) -> None:
        seed = self.seed()
        blocked = self.random_button.blockSignals(True)
        self.random_button.setChecked(seed is None)
        self.random_button.blockSignals(blocked)
        self.random_button.setToolTip(
            self.tr("Random seed each run (type a number to fix it)")
            if seed is None
            else self.tr("Use a random seed again")
        )
        count = self.variations()
        if seed is None:
            self.hint.setText(self.tr("A new random seed for every image."))
        elif count == 1:
            text = self.tr("Fixed seed {seed}: the same settings repeat the result.")
            self.hint.setText(text.format(seed=seed))
        else:
            text = self.tr("Fixed seeds {first} to {last}, one per variation.")
            self.hint.setText(text.format(first=seed, last=seed + count - 1))

    @Slot(str)
    def _on_seed_edit_text_changed(self, _text: str) -> None:
        self._sync()
        self.changed.emit()

    @Slot(bool)
    def _on_random_button_toggled(self, random: bool) -> None:
        # On: forget the fixed seed. Off: fix a fresh seed the artist can keep iterating with.
        self.set_seed(None if random else secrets.randbelow(SEED_RANGE))

    @Slot(int)
    def _on_variations_spin_value_changed(self, _value: int) -> None:
        self._sync()
        self.changed.emit()
