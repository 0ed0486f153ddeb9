"""Help → Keyboard Shortcuts: every shortcut of the window in one table."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from fluxdesk.ui.i18n import translate

_SHORTCUTS = (
    (QT_TRANSLATE_NOOP("Shortcuts", "Generate"), "Ctrl+Enter"),
    (QT_TRANSLATE_NOOP("Shortcuts", "Open pencils"), "Ctrl+O"),
    (QT_TRANSLATE_NOOP("Shortcuts", "Paste an image"), "Ctrl+V"),
    (QT_TRANSLATE_NOOP("Shortcuts", "Show the input"), "Ctrl+Shift+I"),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Zoom in / out"),
        QT_TRANSLATE_NOOP("Shortcuts", "Ctrl+= / Ctrl+-  (or the mouse wheel)"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Fit / 100%"),
        QT_TRANSLATE_NOOP("Shortcuts", "Ctrl+0 / Ctrl+1  (double-click toggles)"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Pan"),
        QT_TRANSLATE_NOOP("Shortcuts", "Drag, middle-drag or Space+drag; arrow keys"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Compare: result, wipe, side by side, flip"),
        "Alt+1 \u2026 Alt+4",
    ),
    (QT_TRANSLATE_NOOP("Shortcuts", "Compare: onion skin, what moved (heat map)"), "Alt+5 / Alt+6"),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Flip to the pencils"),
        QT_TRANSLATE_NOOP("Shortcuts", "Hold F"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Tools: navigate, rectangle, lasso, mask, expand, panels"),
        "V / M / L / B / E / P",
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Detect panels / run on all panels"),
        "Ctrl+Shift+D / Ctrl+Shift+Enter",
    ),
    (QT_TRANSLATE_NOOP("Shortcuts", "Redo the selected panels"), "Ctrl+Shift+R"),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Merge panels / delete panels"),
        QT_TRANSLATE_NOOP("Shortcuts", "Ctrl+G / Delete (Panels tool)"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Square selection / deselect"),
        QT_TRANSLATE_NOOP("Shortcuts", "Shift while dragging / Ctrl+D or Esc"),
    ),
    (QT_TRANSLATE_NOOP("Shortcuts", "Brush smaller / bigger; paint or erase"), "[ / ]; X"),
    (
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Undo / redo where you work: mask, panels, History (a delete), Finish & Export",
        ),
        "Ctrl+Z / Ctrl+Shift+Z",
    ),
    (QT_TRANSLATE_NOOP("Shortcuts", "Use the selected result as input"), "Ctrl+I"),
    (QT_TRANSLATE_NOOP("Shortcuts", "Reuse the selected entry's settings"), "Ctrl+R"),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Cancel the selected job / all jobs"),
        QT_TRANSLATE_NOOP("Shortcuts", "Delete / Ctrl+Shift+."),
    ),
    (QT_TRANSLATE_NOOP("Shortcuts", "Export the page / a chapter PDF"), "Ctrl+E / Ctrl+Shift+E"),
    (QT_TRANSLATE_NOOP("Shortcuts", "Export the page as a layered PSD"), "Ctrl+Alt+E"),
    (QT_TRANSLATE_NOOP("Shortcuts", "Chapter batch (contact sheet)"), "Ctrl+Shift+B"),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "In the contact sheet: accept, redo, branch, compare"),
        "A / R / B / C",
    ),
    (QT_TRANSLATE_NOOP("Shortcuts", "In the contact sheet: the page's other results"), "[ / ]"),
    (QT_TRANSLATE_NOOP("Shortcuts", "Task presets"), "Ctrl+Shift+P"),
    (QT_TRANSLATE_NOOP("Shortcuts", "Clean up the scan (panel)"), "Ctrl+Shift+K"),
    (QT_TRANSLATE_NOOP("Shortcuts", "Spending"), "Ctrl+Shift+L"),
    (QT_TRANSLATE_NOOP("Shortcuts", "Settings"), "Ctrl+,"),
)


def show_shortcuts(parent: QWidget) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("Shortcuts", "Keyboard Shortcuts"))
    layout = QVBoxLayout(dialog)
    rows = "".join(
        f"<tr><td style='padding:3px 18px 3px 0'>{translate('Shortcuts', what)}</td>"
        f"<td><b>{translate('Shortcuts', keys)}</b></td></tr>"
        for what, keys in _SHORTCUTS
    )
    layout.addWidget(QLabel(f"<table>{rows}</table>", dialog))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.exec()
