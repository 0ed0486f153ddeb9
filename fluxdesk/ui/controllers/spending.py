"""Spending: the ledger read off the GUI thread, the balance, and the budget guard that is
asked before every run (a question above the threshold or over the monthly budget)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from fluxdesk.core.budget import Budget, BudgetCheck, check_run
from fluxdesk.core.ledger import Ledger, read_ledger
from fluxdesk.ui.i18n import core_text, credits_text
from fluxdesk.ui.preferences_keeper import PreferencesKeeper
from fluxdesk.ui.text import count_text
from fluxdesk.ui.workers import TaskResult, TaskRunner


class SpendingController(QObject):
    ledger_changed = Signal(object)  # Ledger
    balance_changed = Signal(object)  # float | None, as the account reports it
    budget_changed = Signal(object)  # Budget

    def __init__(
        self, db_path: Path, preferences: PreferencesKeeper, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self._preferences = preferences
        self._tasks = TaskRunner(max_threads=1, parent=self)
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        self._ledger: Ledger | None = None
        self._balance: float | None = None
        # Estimates of runs sent since the ledger was last read (not in it yet).
        self._unrecorded = 0.0
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(800)
        self._refresh_timer.timeout.connect(self.refresh)

    # --- state ------------------------------------------------------------------------------

    def ledger(self) -> Ledger | None:
        return self._ledger

    def balance(self) -> float | None:
        return self._balance

    def budget(self) -> Budget:
        return self._preferences.value.budget

    def month_spent(self) -> float:
        recorded = self._ledger.month_charged if self._ledger else 0.0
        return round(recorded + self._unrecorded, 3)

    @Slot(object)
    def set_budget(self, budget: Budget) -> None:
        self._preferences.set_budget(budget)
        self.budget_changed.emit(budget)

    # --- the ledger -------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        counted = self._unrecorded  # runs sent so far: the ledger read from now includes them
        self._tasks.run("ledger", lambda: (read_ledger(self._db_path), counted))

    @Slot()
    def schedule_refresh(self) -> None:
        """After a job ends (a burst of them reads the ledger once)."""
        self._refresh_timer.start()

    @Slot(object)
    def set_balance(self, balance: object) -> None:
        self._balance = float(balance) if isinstance(balance, int | float) else None
        self.balance_changed.emit(self._balance)

    # --- the guard --------------------------------------------------------------------------

    def check(self, estimate: float) -> BudgetCheck:
        """What the budget says about spending `estimate` now (a chapter batch shows it in its
        own confirmation, which is always asked)."""
        return check_run(self.budget(), estimate, self.month_spent())

    def note_sent(self, estimate: float) -> None:
        """A run was approved: counted against the month until the ledger includes it."""
        self._unrecorded = round(self._unrecorded + estimate, 3)

    def approve_run(self, estimate: float, count: int) -> bool:
        """Asked on the GUI thread before a run is sent. True: send it."""
        check = self.check(estimate)
        if check.needs_confirmation:
            jobs = count_text(count, self.tr("1 image"), self.tr("{n} images"))
            text = "\n\n".join(
                [
                    *map(core_text, check.reasons),
                    self.tr("Send {jobs} for {price}?").format(
                        jobs=jobs, price=credits_text(estimate)
                    ),
                ]
            )
            answer = QMessageBox.question(
                QApplication.activeWindow(),
                self.tr("Confirm spending"),
                text,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.note_sent(estimate)
        return True

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        self._refresh_timer.stop()
        return self._tasks.shutdown(timeout_ms)

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if not result.ok:
            return  # the ledger is a view: it will be read again after the next job
        ledger, counted = result.value
        self._unrecorded = max(0.0, round(self._unrecorded - counted, 3))
        self._ledger = ledger
        self.ledger_changed.emit(ledger)
