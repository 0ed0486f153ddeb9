"""The preflight findings as a list the artist can act on: severity icon, plain message; a
finding with a place on the page is clickable and shows it on the canvas."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.printing.preflight import Finding, Severity
from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.printing.widgets import ok_icon, severity_icon
from fluxdesk.ui.prompt_panel.style import muted

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
_ORDER = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}


class PreflightList(QWidget):
    finding_activated = Signal(object)  # Finding with a bbox

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        header = QHBoxLayout()
        self.status = muted(QLabel(self))
        self.status.setObjectName("preflightStatus")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("preflightProgress")
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.setMaximumWidth(90)
        self.progress.hide()
        header.addWidget(self.status, 1)
        header.addWidget(self.progress)
        layout.addLayout(header)

        self.list = QListWidget(self)
        self.list.setObjectName("preflightList")
        self.list.setWordWrap(True)
        self.list.setIconSize(QSize(16, 16))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSpacing(2)
        self.list.setMinimumHeight(120)
        self.list.itemClicked.connect(self._on_list_item_clicked)
        self.list.itemActivated.connect(self._on_list_item_clicked)
        layout.addWidget(self.list, 1)
        self.show_idle(self.tr("Preflight runs when a page is set up."))

    def findings(self) -> list[Finding]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [f for item in items if isinstance(f := item.data(FINDING_ROLE), Finding)]

    def show_idle(self, text: str) -> None:
        self.progress.hide()
        self.status.setText(text)
        self.list.clear()

    def show_running(self) -> None:
        self.status.setText(self.tr("Checking the page…"))
        self.progress.setValue(0)
        self.progress.show()

    def show_progress(self, fraction: float) -> None:
        self.progress.setValue(round(fraction * 100))

    def show_failed(self, message: str) -> None:
        self.progress.hide()
        self.status.setText(self.tr("Preflight failed: {message}").format(message=message))

    def show_findings(self, findings: tuple[Finding, ...] | list[Finding], dpi: int) -> None:
        self.progress.hide()
        self.list.clear()
        if not findings:
            item = QListWidgetItem(
                ok_icon(), self.tr("Ready to print at {dpi} dpi: nothing to fix.").format(dpi=dpi)
            )
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
            self.status.setText(self.tr("Preflight: no problems"))
            return
        for finding in sorted(findings, key=lambda f: _ORDER[f.severity]):
            item = QListWidgetItem(severity_icon(finding.severity), core_text(finding.message))
            item.setData(FINDING_ROLE, finding)
            if finding.bbox is not None:
                item.setToolTip(self.tr("Click to show it on the canvas"))
            else:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        errors = sum(f.severity is Severity.error for f in findings)
        warnings = sum(f.severity is Severity.warning for f in findings)
        parts = []
        if errors:
            parts.append(self.tr("{n} to fix").format(n=errors))
        if warnings:
            parts.append(self.tr("{n} to check").format(n=warnings))
        self.status.setText(self.tr("Preflight: ") + ", ".join(parts or [self.tr("notes")]))

    @Slot(QListWidgetItem)
    def _on_list_item_clicked(self, item: QListWidgetItem) -> None:
        finding = item.data(FINDING_ROLE)
        if isinstance(finding, Finding) and finding.bbox is not None:
            self.finding_activated.emit(finding)
