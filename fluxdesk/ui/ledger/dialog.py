"""Spending: balance, this month against the budget, spend per day (chart and table), per
model and per project when the history has projects, the price table, and the budget."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.api.catalog import MODELS, get_model
from fluxdesk.core.budget import MAX_CREDITS, Budget
from fluxdesk.core.errors import InputError
from fluxdesk.core.ledger import Ledger, SpendRow
from fluxdesk.ui.controllers.spending import SpendingController
from fluxdesk.ui.i18n import core_text, credits_text, translate
from fluxdesk.ui.ledger.chart import DayBarChart
from fluxdesk.ui.prompt_panel.style import wrapped


def _model_label(model_id: str) -> str:
    try:
        return get_model(model_id).label
    except InputError:
        return model_id


def _day_label(key: str) -> str:
    try:
        return dt.date.fromisoformat(key).strftime("%a %d %b %Y")
    except ValueError:
        return key


def price_rule_text(model_id: str) -> str:
    rule = get_model(model_id).price
    if rule.flat is not None:
        return translate("LedgerDialog", "{price} per image").format(price=credits_text(rule.flat))
    return translate(
        "LedgerDialog",
        "{first} credits for the first megapixel out, {extra} for each further megapixel out "
        "and per megapixel of every input image",
    ).format(first=f"{rule.first_mp:g}", extra=f"{rule.extra_mp:g}")


class _Stat(QFrame):
    """A small card: a title, a big number, a line under it."""

    def __init__(self, title: str, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(title.upper())
        font = QFont(self.title.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
        font.setBold(True)
        self.title.setFont(font)
        self.title.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.value = QLabel("–")
        big = QFont(self.value.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setWeight(QFont.Weight.DemiBold)
        self.value.setFont(big)
        self.detail = wrapped()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def show_credits(self, credits: float | None, detail: str = "") -> None:
        if credits is None:
            self.value.setText("–")
        else:
            self.value.setText(f"{credits:,.2f}".rstrip("0").rstrip("."))
        self.detail.setText(detail)


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table


def _cell(text: str, *, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class LedgerDialog(QDialog):
    def __init__(self, spending: SpendingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ledgerDialog")
        self.setWindowTitle(self.tr("Spending"))
        self._spending = spending
        self._loading = False

        self.balance = _Stat(self.tr("Balance"), "ledgerBalance")
        self.month = _Stat(self.tr("This month"), "ledgerMonth")
        self.left = _Stat(self.tr("Budget left"), "ledgerBudgetLeft")
        self.total = _Stat(self.tr("All time"), "ledgerTotal")
        cards = QHBoxLayout()
        for card in (self.balance, self.month, self.left, self.total):
            cards.addWidget(card, 1)

        headers = [self.tr("Day"), self.tr("Jobs"), self.tr("Estimated"), self.tr("Charged")]
        headers.append(self.tr("Refunded"))
        self.chart = DayBarChart()
        self.day_table = _table(headers, "ledgerByDay")
        by_day = QWidget()
        day_layout = QVBoxLayout(by_day)
        day_layout.addWidget(self.chart)
        day_layout.addWidget(
            wrapped(self.tr("Bars: charged (refunds taken off). Ticks: FluxDesk's estimate."))
        )
        day_layout.addWidget(self.day_table, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("ledgerTabs")
        self.tabs.addTab(by_day, self.tr("By day"))
        self.group_tables: dict[str, QTableWidget] = {}
        self.price_table = _table([self.tr("Model"), self.tr("Price")], "ledgerPrices")
        self.price_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.price_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.price_table.setWordWrap(True)
        for spec in MODELS:
            row = self.price_table.rowCount()
            self.price_table.insertRow(row)
            self.price_table.setItem(row, 0, _cell(spec.label))
            self.price_table.setItem(row, 1, _cell(price_rule_text(spec.id)))
        self.price_table.resizeRowsToContents()

        self.cap_spin = self._credits_spin("budgetMonthlyCap", self.tr("No budget"))
        self.confirm_spin = self._credits_spin("budgetConfirmAbove", self.tr("Never ask"))
        budget_box = QGroupBox(self.tr("Budget"))
        form = QFormLayout(budget_box)
        form.addRow(self.tr("Monthly budget"), self.cap_spin)
        form.addRow(self.tr("Ask before a run costing more than"), self.confirm_spin)
        form.addRow(
            wrapped(
                self.tr(
                    "FluxDesk asks before sending a run above the threshold, or one that would "
                    "go over this month's budget. 1 credit = $0.01."
                )
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.refresh_button = buttons.addButton(
            self.tr("Refresh"), QDialogButtonBox.ButtonRole.ActionRole
        )
        buttons.rejected.connect(self.reject)
        self.refresh_button.clicked.connect(spending.refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(cards)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(budget_box)
        layout.addWidget(buttons)

        self.cap_spin.valueChanged.connect(self._on_budget_edited)
        self.confirm_spin.valueChanged.connect(self._on_budget_edited)
        spending.ledger_changed.connect(self.show_ledger)
        spending.balance_changed.connect(self.show_balance)
        spending.budget_changed.connect(self._on_spending_budget_changed)
        self.resize(QSize(820, 760))
        self._show_budget(spending.budget())
        self.show_balance(spending.balance())
        if spending.ledger() is not None:
            self.show_ledger(spending.ledger())

    def _credits_spin(self, name: str, off_text: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(0, MAX_CREDITS)
        spin.setDecimals(0)
        spin.setSingleStep(10)
        spin.setSuffix(self.tr(" credits"))
        spin.setSpecialValueText(off_text)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        spin.setMaximumWidth(
            spin.fontMetrics().horizontalAdvance("10000000" + self.tr(" credits")) + 40
        )
        return spin

    # --- showing ----------------------------------------------------------------------------

    @Slot(object)
    def show_ledger(self, ledger: Ledger) -> None:
        self.month.show_credits(ledger.month_charged, self._dollars(ledger.month_charged))
        total = ledger.total
        refunds = self.tr("{n} refunded").format(n=total.refunded) if total.refunded else ""
        self.total.show_credits(
            total.charged,
            " · ".join(p for p in (self.tr("{n} jobs").format(n=total.jobs), refunds) if p),
        )
        self._show_left()
        self.chart.set_rows(ledger.rows("day"))
        self._fill(self.day_table, ledger.rows("day"), _day_label)
        for grouping in ledger.groupings:
            if grouping.name == "day":
                continue
            table = self.group_tables.get(grouping.name)
            if table is None:
                headers = [core_text(grouping.label), self.tr("Jobs"), self.tr("Estimated")]
                headers += [self.tr("Charged"), self.tr("Refunded")]
                table = _table(headers, f"ledgerBy{grouping.name.capitalize()}")
                self.group_tables[grouping.name] = table
                self.tabs.insertTab(
                    self.tabs.count(),
                    table,
                    self.tr("By {what}").format(what=core_text(grouping.label).lower()),
                )
            label = _model_label if grouping.name == "model" else (lambda key: key or "—")
            self._fill(table, ledger.rows(grouping.name), label)
        if self.tabs.indexOf(self.price_table) < 0:
            self.tabs.addTab(self.price_table, self.tr("Prices"))
        else:  # keep Prices last when a grouping appears
            self.tabs.removeTab(self.tabs.indexOf(self.price_table))
            self.tabs.addTab(self.price_table, self.tr("Prices"))

    @Slot(object)
    def show_balance(self, balance: float | None) -> None:
        self.balance.show_credits(
            balance, self._dollars(balance) if balance is not None else self.tr("not known yet")
        )

    def _fill(self, table: QTableWidget, rows: tuple[SpendRow, ...], label) -> None:  # type: ignore[no-untyped-def]
        table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            values = (
                _cell(label(row.key)),
                _cell(str(row.jobs), number=True),
                _cell(f"{row.estimated:g}", number=True),
                _cell(f"{row.charged:g}", number=True),
                _cell(str(row.refunded) if row.refunded else "", number=True),
            )
            for column, item in enumerate(values):
                table.setItem(index, column, item)

    def _show_left(self) -> None:
        budget = self._spending.budget()
        if not budget.monthly_cap:
            self.left.show_credits(None, self.tr("no monthly budget set"))
            return
        left = max(0.0, budget.monthly_cap - self._spending.month_spent())
        self.left.show_credits(
            left, self.tr("of {cap:g} this month").format(cap=budget.monthly_cap)
        )

    @staticmethod
    def _dollars(credits: float) -> str:
        return f"${credits / 100:,.2f}"

    def _show_budget(self, budget: Budget) -> None:
        self._loading = True
        self.cap_spin.setValue(budget.monthly_cap)
        self.confirm_spin.setValue(budget.confirm_above)
        self._loading = False
        self._show_left()

    # --- slots ------------------------------------------------------------------------------

    @Slot()
    def _on_budget_edited(self) -> None:
        if not self._loading:
            self._spending.set_budget(Budget(self.cap_spin.value(), self.confirm_spin.value()))

    @Slot(object)
    def _on_spending_budget_changed(self, budget: Budget) -> None:
        self._show_left()
