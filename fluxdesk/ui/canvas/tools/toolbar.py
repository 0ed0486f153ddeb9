"""The tools bar: Navigate, Rectangle, Lasso, Mask brush and Expand, then the active tool's options.

Widgets and actions only (GUI thread); the tools controller decides what they do.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QPalette
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QToolBar, QWidget

from fluxdesk.ui.canvas.tools.options import (
    ExpandOptions,
    MaskOptions,
    NavigateOptions,
    SelectionOptions,
)
from fluxdesk.ui.canvas.tools.palette import TOOLS, ToolId, tool_icon
from fluxdesk.ui.i18n import translate


class ToolsBar(QToolBar):
    tool_requested = Signal(str)  # ToolId

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Tools"))
        self.setObjectName("toolsToolBar")
        self.setMovable(False)
        self.setIconSize(QSize(18, 18))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        color = self.palette().color(QPalette.ColorRole.WindowText)
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self.tool_actions: dict[ToolId, QAction] = {}
        for tool, info in TOOLS.items():
            action = QAction(tool_icon(tool, color), translate("ToolsBar", info.label), self)
            action.setObjectName(f"{tool}ToolAction")
            action.setShortcut(QKeySequence(info.shortcut))
            action.setToolTip(f"{translate('ToolsBar', info.tip)} ({info.shortcut})")
            action.setCheckable(True)
            action.setData(str(tool))
            self._group.addAction(action)
            self.addAction(action)
            self.tool_actions[tool] = action
        self.tool_actions[ToolId.navigate].setChecked(True)
        self.addSeparator()

        self.navigate_options = NavigateOptions()
        self.selection_options = SelectionOptions()
        self.mask_options = MaskOptions()
        self.expand_options = ExpandOptions()
        self.options = QStackedWidget()
        self.options.setObjectName("toolOptions")
        self._extra_options: dict[ToolId, QWidget] = {}
        for page in (
            self.navigate_options,
            self.selection_options,
            self.mask_options,
            self.expand_options,
        ):
            self.options.addWidget(page)
        self.addWidget(self.options)

        # Keyboard only, for the canvas (added there): in the History, Ctrl+D compares.
        self.deselect_action = QAction(self.tr("Deselect"), self)
        self.deselect_action.setShortcut(QKeySequence("Ctrl+D"))
        self.deselect_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._group.triggered.connect(self._on_group_triggered)

    def add_options(self, tool: ToolId, page: QWidget) -> None:
        """The options shown while `tool` (added by a feature of its own) is active."""
        self._extra_options[tool] = page
        self.options.addWidget(page)

    def options_page(self, tool: ToolId) -> QWidget:
        if tool in self._extra_options:
            return self._extra_options[tool]
        if tool in (ToolId.rectangle, ToolId.lasso):
            return self.selection_options
        if tool is ToolId.brush:
            return self.mask_options
        if tool is ToolId.expand:
            return self.expand_options
        return self.navigate_options

    def show_tool(self, tool: ToolId) -> None:
        self.tool_actions[tool].setChecked(True)
        self.options.setCurrentWidget(self.options_page(tool))

    @Slot(QAction)
    def _on_group_triggered(self, action: QAction) -> None:
        self.tool_requested.emit(str(action.data()))
