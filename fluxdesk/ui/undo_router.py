"""One Undo and one Redo for the whole window (Edit menu, Ctrl+Z / Ctrl+Shift+Z).

Several parts keep their own undo history: the mask and the panels (while their tool is the
active one), the Finish & Export page, the History's Trash. Each registered its own Ctrl+Z
before, and Qt ignores a shortcut two actions share. Here they are stacks of one QUndoGroup
whose active stack follows where the artist is working: the dock that has the keyboard focus,
else the canvas tool's history, else the page's finishing changes. The menu names what the
next Undo takes back ("Undo Paint", "Undo Move to Trash")."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QWidget


class UndoRouter(QObject):
    def __init__(self, window: QMainWindow, default: QUndoStack) -> None:
        super().__init__(window)
        self.group = QUndoGroup(self)
        self._default = default
        self._scopes: list[tuple[QWidget, QUndoStack]] = []
        self._tool_stack: QUndoStack | None = None
        self.group.addStack(default)
        self.undo_action = self.group.createUndoAction(window, self.tr("&Undo"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.group.createRedoAction(window, self.tr("&Redo"))
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        window.addAction(self.undo_action)  # the keys work with the menu bar hidden too
        window.addAction(self.redo_action)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus_changed)
        self._choose()

    def install_menu(self, window: QMainWindow) -> None:
        """Edit → Undo / Redo, after the File menu."""
        menu = QMenu(self.tr("&Edit"), window)
        menu.setObjectName("editMenu")
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menus = window.menuBar().actions()
        window.menuBar().insertMenu(menus[1] if len(menus) > 1 else None, menu)

    def add_scope(self, widget: QWidget, stack: QUndoStack) -> None:
        """While the focus is in `widget` (a dock), Undo acts on `stack`."""
        self._scopes.append((widget, stack))
        self.group.addStack(stack)
        self._choose()

    @Slot(object)
    def set_tool_stack(self, stack: QUndoStack | None) -> None:
        """The active canvas tool's own history (None: the tool has none)."""
        if stack is not None and stack not in self.group.stacks():
            self.group.addStack(stack)
        self._tool_stack = stack
        self._choose()

    def active(self) -> QUndoStack:
        stack = self.group.activeStack()
        assert stack is not None
        return stack

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, old: QWidget | None, now: QWidget | None) -> None:
        self._choose()

    def _choose(self) -> None:
        focus = QApplication.focusWidget()
        for widget, stack in self._scopes:
            if focus is not None and (focus is widget or widget.isAncestorOf(focus)):
                self.group.setActiveStack(stack)
                return
        self.group.setActiveStack(self._tool_stack or self._default)
