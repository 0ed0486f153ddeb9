"""Two entries side by side: the prompt's word changes, then every setting that differs,
cost and time. Opened from the history dock with two entries selected."""

from __future__ import annotations

import html
import time
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Slot
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.errors import FluxError
from fluxdesk.core.history.diff import Change, EntryDiff
from fluxdesk.core.jobs import JobState
from fluxdesk.ui.history_delegate import STATE_TEXT, state_label
from fluxdesk.ui.history_rows import JobRow
from fluxdesk.ui.i18n import core_text, translate

PREVIEW = 220


def prompt_html(diff: EntryDiff) -> str:
    """The prompt with removed words struck through in red and added ones in green."""
    styles = {
        Change.same: "{}",
        Change.removed: '<span style="background:rgba(217,83,79,0.28);'
        'text-decoration:line-through">{}</span>',
        Change.added: '<span style="background:rgba(63,166,106,0.32)">{}</span>',
    }
    parts = []
    for previous, op in zip((None, *diff.prompt), diff.prompt, strict=False):
        if previous is not None and previous.change is Change.removed and op.change is Change.added:
            parts.append(" ")  # "thin" struck out, then "bold": not "thinbold"
        parts.append(styles[op.change].format(html.escape(op.text)))
    body = "".join(parts)
    return f"<p style='line-height:140%'>{body or '—'}</p>"


class EntryDiffDialog(QDialog):
    def __init__(
        self,
        diff: EntryDiff,
        previews: tuple[QPixmap | None, QPixmap | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("entryDiffDialog")
        self.setWindowTitle(self.tr("Compare entries"))
        self._diff = diff
        layout = QVBoxLayout(self)

        heads = QGridLayout()
        for column, (record, pixmap, which) in enumerate(
            (
                (diff.before, previews[0], self.tr("Before")),
                (diff.after, previews[1], self.tr("After")),
            )
        ):
            image = QLabel(self)
            image.setFixedSize(PREVIEW, PREVIEW)
            image.setAlignment(Qt.AlignmentFlag.AlignCenter)
            image.setStyleSheet("background: rgba(0,0,0,0.08); border-radius: 4px;")
            if pixmap is not None and not pixmap.isNull():
                image.setPixmap(
                    pixmap.scaled(
                        PREVIEW,
                        PREVIEW,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
            else:
                image.setText(self.tr("no image"))
            # Its state and reason in the UI language ("paused" only when the job waits).
            row = replace(JobRow.from_record(record), paused=record.status == "paused")
            caption = QLabel(self._caption(which, row), self)
            caption.setTextFormat(Qt.TextFormat.RichText)
            heads.addWidget(image, 0, column, Qt.AlignmentFlag.AlignHCenter)
            heads.addWidget(caption, 1, column, Qt.AlignmentFlag.AlignHCenter)
            if (row.state is JobState.failed or row.paused) and row.error_message:
                reason = QLabel(row.error_message, self)  # why it failed, as the dock says it
                reason.setObjectName("diffReason")
                reason.setWordWrap(True)
                reason.setFixedWidth(PREVIEW)
                reason.setAlignment(Qt.AlignmentFlag.AlignHCenter)
                reason.setToolTip(row.error_message)
                top = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter
                heads.addWidget(reason, 2, column, top)
        layout.addLayout(heads)

        title = QLabel(self.tr("Prompt"), self)
        bold = QFont(title.font())
        bold.setBold(True)
        title.setFont(bold)
        layout.addWidget(title)
        self.prompt = QTextBrowser(self)
        self.prompt.setObjectName("diffPrompt")
        self.prompt.setHtml(prompt_html(diff))
        self.prompt.setMaximumHeight(110)
        layout.addWidget(self.prompt)

        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("diffFields")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Setting"), self.tr("Before"), self.tr("After")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        self.show_all = QCheckBox(self.tr("Show settings that did not change"), self)
        self.show_all.toggled.connect(self._on_show_all_toggled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        footer = QGridLayout()
        footer.addWidget(self.show_all, 0, 0)
        footer.addWidget(buttons, 0, 1)
        layout.addLayout(footer)
        self._fill(show_all=False)
        self.resize(560, 640)

    def _caption(self, which: str, row: JobRow) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(row.created_at))
        return f"<b>{html.escape(which)}</b> · {when} · {html.escape(state_label(row))}"

    def _fill(self, *, show_all: bool) -> None:
        always = ("cost", "time")  # what each step cost is worth seeing even when equal
        rows = [
            item for item in self._diff.fields if show_all or item.changed or item.name in always
        ]
        self.table.setRowCount(len(rows))
        for number, change in enumerate(rows):
            name = _field_name(change.name, self._diff.after.model)
            values = (
                _field_value(change.name, change.before),
                _field_value(change.name, change.after),
            )
            for column, text in enumerate((name, *values)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if change.changed:
                    font = item.font()
                    font.setBold(column > 0)
                    item.setFont(font)
                self.table.setItem(number, column, item)

    @Slot(bool)
    def _on_show_all_toggled(self, on: bool) -> None:
        self._fill(show_all=on)


_FIELD_NAMES = {
    "model": QT_TRANSLATE_NOOP("EntryDiffDialog", "Model"),
    "seed": QT_TRANSLATE_NOOP("EntryDiffDialog", "Seed"),
    "inputs": QT_TRANSLATE_NOOP("EntryDiffDialog", "Inputs"),
    "state": QT_TRANSLATE_NOOP("EntryDiffDialog", "State"),
    "cost": QT_TRANSLATE_NOOP("EntryDiffDialog", "Cost"),
    "time": QT_TRANSLATE_NOOP("EntryDiffDialog", "Time"),
}


def _field_name(name: str, model: str) -> str:
    """The row's name in the UI language: a parameter by its label in the model's catalog."""
    if name in _FIELD_NAMES:
        return translate("EntryDiffDialog", _FIELD_NAMES[name])
    try:
        spec = get_model(model).field(name)
    except FluxError:  # a model of another provider, or one this version no longer knows
        spec = None
    return core_text(spec.label) if spec is not None else name


def _field_value(name: str, value: str) -> str:
    if name == "state" and value in {state.value for state in JobState}:
        return translate("HistoryDelegate", STATE_TEXT[JobState(value)])
    return core_text(value)
