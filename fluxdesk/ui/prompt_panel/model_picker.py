"""The model picker: every model of every connected provider, grouped by provider and, for BFL,
by what the model is for, each with its summary. With BFL alone it looks as it always did."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel, QWheelEvent
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from fluxdesk.core.api.catalog import Family, ModelSpec
from fluxdesk.core.providers.base import Billing, ProviderModels
from fluxdesk.core.providers.registry import bfl_models
from fluxdesk.ui.i18n import core_text, price_text, translate

DEFAULT_MODEL = "flux-kontext-pro"  # the inking model
DEFAULT_PROVIDER = "bfl"
MODEL_ID_ROLE = Qt.ItemDataRole.UserRole
PROVIDER_ROLE = Qt.ItemDataRole.UserRole + 1
DEPTH_ROLE = Qt.ItemDataRole.UserRole + 2
TAG_ROLE = Qt.ItemDataRole.UserRole + 3  # the provider suffix the closed box shows

BFL_ONLY = (bfl_models(),)

# (group title, families, role shown after the model's name)
_GROUPS: tuple[tuple[str, tuple[Family, ...]], ...] = (
    (QT_TRANSLATE_NOOP("ModelPicker", "Edit & ink an image"), (Family.kontext,)),
    (QT_TRANSLATE_NOOP("ModelPicker", "FLUX.2: generate & edit, references"), (Family.flux2,)),
    (QT_TRANSLATE_NOOP("ModelPicker", "Text to image"), (Family.flux1, Family.ultra)),
    (QT_TRANSLATE_NOOP("ModelPicker", "Repaint part of a page"), (Family.fill, Family.expand)),
)
_ROLES = {
    Family.kontext: QT_TRANSLATE_NOOP("ModelPicker", "Edit"),
    Family.flux2: QT_TRANSLATE_NOOP("ModelPicker", "Generate & edit"),
    Family.flux1: QT_TRANSLATE_NOOP("ModelPicker", "Text to image"),
    Family.ultra: QT_TRANSLATE_NOOP("ModelPicker", "Text to image, 4 MP"),
    Family.fill: QT_TRANSLATE_NOOP("ModelPicker", "Inpaint"),
    Family.expand: QT_TRANSLATE_NOOP("ModelPicker", "Outpaint"),
}


_PROVIDER_TITLES = {
    "bfl": "BFL",
    "fal": QT_TRANSLATE_NOOP("ModelPicker", "fal.ai — the same models, billed by fal"),
    "comfyui": QT_TRANSLATE_NOOP("ModelPicker", "ComfyUI — workflows on your server"),
}


def display_name(spec: ModelSpec) -> str:
    """'FLUX.1 Kontext [pro] — Edit'."""
    return f"{spec.label} — {translate('ModelPicker', _ROLES[spec.family])}"


def _price_hint(spec: ModelSpec, billing: Billing) -> str:
    if billing == Billing.none:
        return translate("ModelPicker", "Runs on your server: no charge per image")
    if spec.price.flat is not None:
        price = price_text(billing, spec.price.flat)
        return translate("ModelPicker", "{price} per image").format(price=price)
    first = price_text(billing, spec.price.first_mp)
    return translate("ModelPicker", "from {price} per image (per megapixel)").format(price=first)


class _IndentDelegate(QStyledItemDelegate):
    """Indents entries under their titles in the open list only, where the provider's title
    above them makes the closed box's provider suffix redundant."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        tag = index.data(TAG_ROLE)
        if tag:
            option.text = option.text.removesuffix(tag)
        depth = index.data(DEPTH_ROLE) or 0
        if depth:
            option.text = "   " * depth + option.text


class ModelPicker(QComboBox):
    """`model_changed(model_id)` fires when the artist (or `set_model`) changes the model or
    its provider; `provider_id()` says which provider runs it."""

    model_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelPicker")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The closed box fits a 320 px dock; the open list may be wider.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self.setModel(QStandardItemModel(self))
        self.view().setItemDelegate(_IndentDelegate(self.view()))
        self._current: tuple[str, str] = ("", "")
        self._catalogs: tuple[ProviderModels, ...] = ()
        self.set_catalogs(BFL_ONLY)
        self.currentIndexChanged.connect(self._on_current_index_changed)

    # --- content ------------------------------------------------------------------------------

    def _header(self, text: str, *, provider: bool) -> QStandardItem:
        header = QStandardItem(text)
        header.setFlags(Qt.ItemFlag.NoItemFlags)  # not selectable; keyboard skips it
        font = QFont(self.font())
        font.setBold(True)
        if not provider:
            font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
        header.setFont(font)
        return header

    def _item(
        self, spec: ModelSpec, catalog: ProviderModels, depth: int, tag: bool
    ) -> QStandardItem:
        name = display_name(spec) + (f"  · {catalog.label}" if tag else "")
        item = QStandardItem(name)
        item.setData(spec.id, MODEL_ID_ROLE)
        item.setData(catalog.id, PROVIDER_ROLE)
        item.setData(depth, DEPTH_ROLE)
        item.setToolTip(f"{core_text(spec.summary)}\n{_price_hint(spec, catalog.billing)}")
        return item

    def set_catalogs(self, catalogs: Sequence[ProviderModels]) -> None:
        """Lists these providers' models, keeping the current choice where it still exists."""
        catalogs = tuple(catalogs) or BFL_ONLY
        previous = self._current
        self._catalogs = catalogs
        several = len(catalogs) > 1
        model: QStandardItemModel = self.model()  # type: ignore[assignment]
        blocked = self.blockSignals(True)
        model.clear()
        for number, catalog in enumerate(catalogs):
            depth = 1 if several else 0
            if several:
                if number:
                    self.insertSeparator(model.rowCount())
                title = translate("ModelPicker", _PROVIDER_TITLES.get(catalog.id, catalog.label))
                model.appendRow(self._header(title, provider=True))
            if catalog.id == DEFAULT_PROVIDER:
                for title, families in _GROUPS:
                    specs = [s for s in catalog.models if s.family in families]
                    if not specs:
                        continue
                    text = translate("ModelPicker", title).upper()
                    header = self._header(("   " * depth) + text, provider=False)
                    model.appendRow(header)
                    for spec in specs:
                        model.appendRow(
                            self._item(spec, catalog, depth + 1 if several else 1, False)
                        )
            else:
                for spec in catalog.models:
                    model.appendRow(self._item(spec, catalog, depth, several))
        self.view().setMinimumWidth(self.view().sizeHintForColumn(0) + 24)
        self.blockSignals(blocked)
        self._current = ("", "")
        index = self._find(*previous) if previous[1] else -1
        if index < 0:
            index = self._find(DEFAULT_MODEL, DEFAULT_PROVIDER)
        if index < 0:
            index = next((i for i in range(self.count()) if self.itemData(i, MODEL_ID_ROLE)), 0)
        blocked = self.blockSignals(True)
        self.setCurrentIndex(index)
        self.blockSignals(blocked)
        self._sync(index)

    def catalogs(self) -> tuple[ProviderModels, ...]:
        return self._catalogs

    def catalog(self, provider_id: str | None = None) -> ProviderModels | None:
        wanted = provider_id or self._current[0]
        return next((c for c in self._catalogs if c.id == wanted), None)

    def spec(self) -> ModelSpec | None:
        """The chosen model's description (from its provider)."""
        catalog = self.catalog()
        return catalog.find(self._current[1]) if catalog else None

    # --- choosing -----------------------------------------------------------------------------

    def model_id(self) -> str:
        return self._current[1]

    def provider_id(self) -> str:
        return self._current[0]

    def _find(self, model_id: str, provider_id: str | None) -> int:
        for i in range(self.count()):
            if self.itemData(i, MODEL_ID_ROLE) == model_id and provider_id in (
                None,
                self.itemData(i, PROVIDER_ROLE),
            ):
                return i
        return -1

    def set_model(self, model_id: str, provider_id: str | None = None) -> None:
        """Chooses `model_id` of `provider_id` (default: the current provider if it has that
        model, else the first that does)."""
        index = self._find(model_id, provider_id or self._current[0] or None)
        if index < 0 and provider_id is None:
            index = self._find(model_id, None)
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
        choice = (self.itemData(index, PROVIDER_ROLE), model_id)
        if model_id and choice != self._current:
            self._current = choice
            self.setToolTip(self.itemData(index, Qt.ItemDataRole.ToolTipRole))
            self.model_changed.emit(model_id)

    @Slot(int)
    def _on_current_index_changed(self, index: int) -> None:
        self._sync(index)
