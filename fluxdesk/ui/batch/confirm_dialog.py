"""The question before a chapter batch is sent: what will run, what each job costs, the total
(the sum of every job's price), the balance after it, and what the budget guard says."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.batch import SeedPolicy
from fluxdesk.ui.controllers.batch_work import BatchProposal
from fluxdesk.ui.i18n import core_text, price_text
from fluxdesk.ui.text import count_text

_POLICY = {  # (with a first seed, with a random one)
    SeedPolicy.consecutive: (
        QT_TRANSLATE_NOOP("ConfirmBatchDialog", "consecutive, from {seed}"),
        QT_TRANSLATE_NOOP("ConfirmBatchDialog", "consecutive, from a random start"),
    ),
    SeedPolicy.fixed: (
        QT_TRANSLATE_NOOP("ConfirmBatchDialog", "{seed} on every page"),
        QT_TRANSLATE_NOOP("ConfirmBatchDialog", "one random seed on every page"),
    ),
    SeedPolicy.random: (
        QT_TRANSLATE_NOOP("ConfirmBatchDialog", "a new random seed per page"),
        QT_TRANSLATE_NOOP("ConfirmBatchDialog", "a new random seed per page"),
    ),
}


class ConfirmBatchDialog(QDialog):
    def __init__(self, proposal: BatchProposal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmBatchDialog")
        self.setWindowTitle(self.tr("Run Chapter Batch?"))
        self.proposal = proposal
        request, cost, settings = proposal.request, proposal.estimate, proposal.settings
        price = price_text(proposal.billing, cost.per_job)
        total_text = price_text(proposal.billing, cost.total)

        title = QLabel(self.tr("Run “{chapter}”?").format(chapter=request.chapter), self)
        heading = QFont(title.font())
        heading.setPointSizeF(heading.pointSizeF() * 1.3)
        heading.setBold(True)
        title.setFont(heading)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("Pages:"), QLabel(str(cost.pages), self))
        form.addRow(
            self.tr("Task:"),
            self._wrapped(f"{request.label or request.state.preset_id} · {proposal.model_label}"),
        )
        results = count_text(
            settings.variations, self.tr("1 result per page"), self.tr("{n} results per page")
        )
        jobs = count_text(cost.jobs, self.tr("1 job"), self.tr("{n} jobs"))
        at_once = self.tr("up to {n} at a time").format(n=min(proposal.concurrency, cost.jobs))
        jobs_text = self.tr("{results}: {jobs}, {at_once}").format(
            results=results, jobs=jobs, at_once=at_once
        )
        form.addRow(self.tr("Jobs:"), QLabel(jobs_text, self))
        given, random = _POLICY[settings.seed_policy]
        seeds = given if settings.base_seed is not None else random
        form.addRow(self.tr("Seeds:"), QLabel(self.tr(seeds).format(seed=settings.base_seed), self))
        form.addRow(self.tr("Each job:"), QLabel(price, self))
        self.total = QLabel(total_text, self)
        self.total.setObjectName("batchTotal")
        big = QFont(self.total.font())
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.2)
        self.total.setFont(big)
        form.addRow(self.tr("Total:"), self.total)
        if proposal.balance is not None:
            after = proposal.balance - cost.total
            balance = self.tr("{now} now, {after} after this batch").format(
                now=price_text(proposal.billing, proposal.balance),
                after=price_text(proposal.billing, max(0.0, after)),
            )
            label = self._wrapped(balance)
            if after < 0:
                label.setStyleSheet("color: #d9534f;")
                label.setText(balance + self.tr(" — not enough credits for every page"))
            form.addRow(self.tr("Balance:"), label)
        if cost.unknown:
            form.addRow("", self._wrapped(self.tr("The price of some jobs is not known.")))

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        for reason in proposal.budget_reasons:
            warning = self._wrapped("⚠ " + core_text(reason))
            warning.setObjectName("batchBudgetWarning")
            warning.setStyleSheet("color: #d08a1a;")
            layout.addWidget(warning)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        note = self._wrapped(
            self.tr(
                "Results are saved as they arrive. If FluxDesk closes mid-batch, the next start "
                "fetches what was sent and sends the rest; nothing is sent twice."
            )
        )
        note.setEnabled(False)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.run_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.run_button.setText(
            self.tr("Run {jobs} for {total}").format(jobs=jobs, total=total_text)
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def _wrapped(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        return label
