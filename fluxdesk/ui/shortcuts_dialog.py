"""Help → Keyboard Shortcuts: every shortcut of the window in one table."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

_SHORTCUTS = (
    ("Generate", "Ctrl+Enter"),
    ("Open pencils", "Ctrl+O"),
    ("Paste an image", "Ctrl+V"),
    ("Show the input", "Ctrl+Shift+I"),
    ("Zoom in / out", "Ctrl+= / Ctrl+-  (or the mouse wheel)"),
    ("Fit / 100%", "Ctrl+0 / Ctrl+1  (double-click toggles)"),
    ("Pan", "Drag, middle-drag or Space+drag; arrow keys"),
    ("Compare: result, wipe, side by side, flip", "Alt+1 … Alt+4"),
    ("Compare: onion skin, what moved (heat map)", "Alt+5 / Alt+6"),
    ("Flip to the pencils", "Hold F"),
    ("Tools: navigate, rectangle, lasso, mask, expand, panels", "V / M / L / B / E / P"),
    ("Detect panels / run on all panels", "Ctrl+Shift+D / Ctrl+Shift+Enter"),
    ("Redo the selected panels", "Ctrl+Shift+R"),
    ("Merge panels / delete panels", "Ctrl+G / Delete (Panels tool)"),
    ("Square selection / deselect", "Shift while dragging / Ctrl+D or Esc"),
    ("Brush smaller / bigger; paint or erase", "[ / ]; X"),
    ("Undo / redo a mask stroke", "Ctrl+Z / Ctrl+Shift+Z"),
    ("Use the selected result as input", "Ctrl+I"),
    ("Reuse the selected entry's settings", "Ctrl+R"),
    ("Cancel the selected job / all jobs", "Delete / Ctrl+Shift+."),
    ("Export the page / a chapter PDF", "Ctrl+E / Ctrl+Shift+E"),
    ("Export the page as a layered PSD", "Ctrl+Alt+E"),
    ("Chapter batch (contact sheet)", "Ctrl+Shift+B"),
    ("In the contact sheet: accept, redo, branch, compare", "A / R / B / C"),
    ("In the contact sheet: the page's other results", "[ / ]"),
    ("Undo / redo a page or finishing change", "Ctrl+Z / Ctrl+Shift+Z"),
    ("Task presets", "Ctrl+Shift+P"),
    ("Clean up the scan (panel)", "Ctrl+Shift+K"),
    ("Spending", "Ctrl+Shift+L"),
    ("Settings", "Ctrl+,"),
)


def show_shortcuts(parent: QWidget) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(dialog.tr("Keyboard Shortcuts"))
    layout = QVBoxLayout(dialog)
    rows = "".join(
        f"<tr><td style='padding:3px 18px 3px 0'>{dialog.tr(what)}</td><td><b>{keys}</b></td></tr>"
        for what, keys in _SHORTCUTS
    )
    layout.addWidget(QLabel(f"<table>{rows}</table>", dialog))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.exec()
