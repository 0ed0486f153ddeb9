"""The prompt editor: multi-line text with an example placeholder and a menu of recent prompts."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import (
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.ui.prompt_panel.style import OutlineFrame, SectionHeader, wrapped

PLACEHOLDER = QT_TRANSLATE_NOOP(
    "PromptEditor",
    "Describe the result, e.g.\n"
    "Ink these pencils with clean, confident lines; pure black on white, no grey",
)
MAX_RECENT = 20
_MENU_TEXT_WIDTH = 320


class PromptEditor(QWidget):
    """`text_changed()` on every edit. The recent menu lists session prompts, then stored ones."""

    text_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stored: list[str] = []
        self._session: list[str] = []
        self.recent_button = QToolButton()
        self.recent_button.setObjectName("recentPromptsButton")
        self.recent_button.setText(self.tr("Recent"))
        self.recent_button.setAutoRaise(True)
        self.recent_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.recent_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.recent_button.setToolTip(self.tr("Reuse a recent prompt"))
        self.recent_menu = QMenu(self.recent_button)
        self.recent_menu.setToolTipsVisible(True)
        self.recent_menu.triggered.connect(self._on_recent_menu_triggered)
        self.recent_button.setMenu(self.recent_menu)

        self.edit = QPlainTextEdit()
        self.edit.setObjectName("promptEdit")
        self.edit.setPlaceholderText(self.tr(PLACEHOLDER))
        self.edit.setTabChangesFocus(True)
        self.edit.setAccessibleName(self.tr("Prompt"))
        lines = self.edit.fontMetrics().lineSpacing()
        self.edit.setFixedHeight(lines * 5 + 12)
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self.frame = OutlineFrame(self.edit)
        self.message = wrapped(muted_text=False)
        self.message.setObjectName("promptProblem")
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(SectionHeader(self.tr("Prompt"), self.recent_button))
        layout.addWidget(self.frame)
        layout.addWidget(self.message)
        self._rebuild_menu()

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        if text != self.text():
            self.edit.setPlainText(text)

    def set_recent_prompts(self, prompts: list[str]) -> None:
        self._stored = [p for p in prompts if p.strip()]
        self._rebuild_menu()

    def remember(self, prompt: str) -> None:
        """A prompt that was just sent: first in the menu for the rest of the session."""
        if prompt.strip():
            self._session = [prompt] + [p for p in self._session if p != prompt]
            self._rebuild_menu()

    def recent_prompts(self) -> list[str]:
        seen: set[str] = set()
        merged = []
        for prompt in self._session + self._stored:
            if prompt not in seen:
                seen.add(prompt)
                merged.append(prompt)
        return merged[:MAX_RECENT]

    def apply_prompt(self, prompt: str) -> None:
        """Replaces the text as one undoable edit (Ctrl+Z brings the old prompt back)."""
        cursor = self.edit.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(prompt)
        cursor.endEditBlock()
        self.edit.setTextCursor(cursor)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _rebuild_menu(self) -> None:
        self.recent_menu.clear()
        prompts = self.recent_prompts()
        metrics = self.recent_menu.fontMetrics()
        for prompt in prompts:
            flat = " ".join(prompt.split())
            text = metrics.elidedText(flat, Qt.TextElideMode.ElideRight, _MENU_TEXT_WIDTH)
            action = QAction(text.replace("&", "&&"), self.recent_menu)
            action.setData(prompt)
            action.setToolTip(prompt)
            self.recent_menu.addAction(action)
        self.recent_button.setEnabled(bool(prompts))
        self.recent_button.setToolTip(
            self.tr("Reuse a recent prompt") if prompts else self.tr("Prompts you send appear here")
        )

    @Slot(QAction)
    def _on_recent_menu_triggered(self, action: QAction) -> None:
        prompt = action.data()
        if isinstance(prompt, str):
            self.apply_prompt(prompt)

    @Slot()
    def _on_edit_text_changed(self) -> None:
        self.text_changed.emit()
