"""The model picker: every catalog model, grouped by what it is for, with its summary."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel, QWheelEvent
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from fluxdesk.core.api.catalog import MODELS, Family, ModelSpec

DEFAULT_MODEL = "flux-kontext-pro"  # the inking model
MODEL_ID_ROLE = Qt.ItemDataRole.UserRole

# (group title, families, role shown after the model's name)
_GROUPS: tuple[tuple[str, tuple[Family, ...]], ...] = (
    ("Edit & ink an image", (Family.kontext,)),
    ("FLUX.2: generate & edit, references", (Family.flux2,)),
    ("Text to image", (Family.flux1, Family.ultra)),
    ("Repaint part of a page", (Family.fill, Family.expand)),
)
_ROLES = {
    Family.kontext: "Edit",
    Family.flux2: "Generate & edit",
    Family.flux1: "Text to image",
    Family.ultra: "Text to image, 4 MP",
    Family.fill: "Inpaint",
    Family.expand: "Outpaint",
}


def display_name(spec: ModelSpec) -> str:
    """'FLUX.1 Kontext [pro] — Edit'."""
    return f"{spec.label} — {_ROLES[spec.family]}"


def _price_hint(spec: ModelSpec) -> str:
    if spec.price.flat is not None:
        return f"{spec.price.flat:g} credits per image"
    return f"from {spec.price.first_mp:g} credits per image (per megapixel)"


class _IndentDelegate(QStyledItemDelegate):
    """Indents models under their group title in the open list only."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.data(MODEL_ID_ROLE):
            option.text = "   " + option.text


class ModelPicker(QComboBox):
    """`model_changed(model_id)` fires when the artist (or `set_model`) changes the model."""

    model_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelPicker")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The closed box fits a 320 px dock; the open list may be wider.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        model = QStandardItemModel(self)
        for title, families in _GROUPS:
            header = QStandardItem(title.upper())
            header.setFlags(Qt.ItemFlag.NoItemFlags)  # not selectable; keyboard skips it
            font = QFont(self.font())
            font.setBold(True)
            font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
            header.setFont(font)
            model.appendRow(header)
            for spec in MODELS:
                if spec.family in families:
                    item = QStandardItem(display_name(spec))
                    item.setData(spec.id, MODEL_ID_ROLE)
                    item.setToolTip(f"{spec.summary}\n{_price_hint(spec)}")
                    model.appendRow(item)
        self.setModel(model)
        self.view().setItemDelegate(_IndentDelegate(self.view()))
        self.view().setMinimumWidth(self.view().sizeHintForColumn(0) + 24)
        self._current = ""
        self.set_model(DEFAULT_MODEL)
        self.currentIndexChanged.connect(self._on_current_index_changed)

    def model_id(self) -> str:
        return self._current

    def set_model(self, model_id: str) -> None:
        index = self.findData(model_id, MODEL_ID_ROLE)
        if index < 0:
            raise ValueError(f"unknown model {model_id!r}")
        self.setCurrentIndex(index)  # emits model_changed via the slot when it differs
        self._sync(index)

    def model_ids(self) -> list[str]:
        ids = (self.itemData(i, MODEL_ID_ROLE) for i in range(self.count()))
        return [model_id for model_id in ids if model_id]

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()

    def _sync(self, index: int) -> None:
        model_id = self.itemData(index, MODEL_ID_ROLE)
        if model_id and model_id != self._current:
            self._current = model_id
            self.setToolTip(self.itemData(index, Qt.ItemDataRole.ToolTipRole))
            self.model_changed.emit(model_id)

    @Slot(int)
    def _on_current_index_changed(self, index: int) -> None:
        self._sync(index)
