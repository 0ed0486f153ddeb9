"""The Panels tool's options bar: find the panels, the edit modes, reading order, and running
the current preset panel by panel. Widgets only; the panels feature connects them. GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QButtonGroup, QFrame, QSizePolicy, QToolButton, QWidget

from fluxdesk.core.panels import ReadingDirection
from fluxdesk.ui.canvas.tools.options import _button, _muted, _row
from fluxdesk.ui.panels.tool import PanelMode
from fluxdesk.ui.text import count_text


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class PanelOptions(QWidget):
    detect_requested = Signal()
    mode_changed = Signal(str)  # PanelMode
    merge_requested = Signal()
    delete_requested = Signal()
    direction_changed = Signal(str)  # ReadingDirection
    run_all_requested = Signal()
    run_selected_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detect_button = _button(
            self.tr("Detect"),
            "detectPanelsButton",
            self.tr("Find the panels on this page (Ctrl+Shift+D); replaces the ones shown"),
        )
        self.modes: dict[PanelMode, QToolButton] = {
            PanelMode.edit: _button(
                self.tr("Select"),
                "panelEditMode",
                self.tr(
                    "Click to select (Shift adds, Ctrl toggles); drag corners, edges or "
                    "a selected panel to move them"
                ),
                checkable=True,
            ),
            PanelMode.split: _button(
                self.tr("Split"),
                "panelSplitMode",
                self.tr("Drag a line across a panel to cut it in two"),
                checkable=True,
            ),
            PanelMode.draw: _button(
                self.tr("Draw"),
                "panelDrawMode",
                self.tr(
                    "Click the corners of a new panel (Enter or the first corner closes "
                    "it), or drag a rectangle"
                ),
                checkable=True,
            ),
        }
        self._mode_group = QButtonGroup(self)
        for mode, button in self.modes.items():
            self._mode_group.addButton(button)
            button.setProperty("mode", str(mode))
        self.modes[PanelMode.edit].setChecked(True)
        self.merge_button = _button(
            self.tr("Merge"), "mergePanelsButton", self.tr("Join the selected panels (Ctrl+G)")
        )
        self.delete_button = _button(
            self.tr("Delete"), "deletePanelsButton", self.tr("Remove the selected panels (Del)")
        )
        self.direction_button = _button("", "readingOrderButton")
        self.direction_button.setAutoRaise(True)
        self.run_all_button = _button(
            self.tr("Run all"),
            "runOnAllPanelsButton",
            self.tr(
                "Send every panel on its own, with the prompt and model of the prompt "
                "panel, and compose the page (Ctrl+Shift+Enter)"
            ),
        )
        self.run_selected_button = _button(
            self.tr("Redo panel"),
            "runOnSelectedPanelsButton",
            self.tr(
                "Send the selected panels again (Ctrl+Shift+R) and paste them into the "
                "composed page on screen: redo a panel, leave the others as they are"
            ),
        )
        self.count_label = _muted()
        self.count_label.setObjectName("panelCountLabel")
        # Shown when there is room: it must not push the buttons off a narrow window.
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        layout = _row(self)
        layout.addWidget(self.detect_button)
        layout.addWidget(_separator())
        for button in self.modes.values():
            layout.addWidget(button)
        layout.addWidget(self.merge_button)
        layout.addWidget(self.delete_button)
        layout.addWidget(_separator())
        layout.addWidget(self.direction_button)
        layout.addWidget(_separator())
        layout.addWidget(self.run_all_button)
        layout.addWidget(self.run_selected_button)
        layout.addSpacing(8)
        layout.addWidget(self.count_label, 1)

        self.detect_button.clicked.connect(self.detect_requested)
        self.merge_button.clicked.connect(self.merge_requested)
        self.delete_button.clicked.connect(self.delete_requested)
        self.run_all_button.clicked.connect(self.run_all_requested)
        self.run_selected_button.clicked.connect(self.run_selected_requested)
        self._mode_group.buttonClicked.connect(self._on_mode_clicked)
        self.direction_button.clicked.connect(self._on_direction_button_clicked)
        self._direction = ReadingDirection.right_to_left
        self.show_state(0, 0, ReadingDirection.right_to_left, detecting=False)

    def show_mode(self, mode: PanelMode) -> None:
        self.modes[mode].setChecked(True)

    def show_state(
        self, count: int, selected: int, direction: ReadingDirection, *, detecting: bool
    ) -> None:
        self._direction = direction
        manga = direction is ReadingDirection.right_to_left
        self.direction_button.setText(
            self.tr("Right to left") if manga else self.tr("Left to right")
        )
        self.direction_button.setToolTip(
            self.tr("Manga: panels are numbered from the top right. Click for comics.")
            if manga
            else self.tr("Comics: panels are numbered from the top left. Click for manga.")
        )
        self.detect_button.setEnabled(not detecting)
        self.detect_button.setText(self.tr("Detecting…") if detecting else self.tr("Detect"))
        self.merge_button.setEnabled(selected >= 2)
        self.delete_button.setEnabled(selected >= 1)
        self.run_all_button.setEnabled(count >= 1)
        self.run_selected_button.setEnabled(selected >= 1)
        if count == 0:
            text = self.tr("No panels yet")
        else:
            text = count_text(count, self.tr("1 panel"), self.tr("{n} panels"))
            if selected:
                text += self.tr(", {n} selected").format(n=selected)
        self.count_label.setText(text)

    @Slot(QToolButton)
    def _on_mode_clicked(self, button: QToolButton) -> None:
        self.mode_changed.emit(str(button.property("mode")))

    @Slot()
    def _on_direction_button_clicked(self) -> None:
        flipped = (
            ReadingDirection.left_to_right
            if self._direction is ReadingDirection.right_to_left
            else ReadingDirection.right_to_left
        )
        self.direction_changed.emit(str(flipped))
