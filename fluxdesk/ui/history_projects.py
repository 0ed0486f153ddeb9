"""The project picker in the history dock's header: book › chapter › page. New jobs belong to
the page chosen here; "This page" in the filters shows only its entries."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMenu,
    QPushButton,
    QWidget,
)

from fluxdesk.core.history.projects import ProjectTree


class ProjectPicker(QPushButton):
    page_chosen = Signal(object)  # int | None
    new_page_requested = Signal(str, str, str)  # book, chapter, page

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectPicker")
        self.setToolTip(self.tr("The project page new generations belong to"))
        self._tree = ProjectTree()
        self._current: int | None = None
        self.setMenu(QMenu(self))
        self.set_tree(ProjectTree(), None)

    def current_page(self) -> int | None:
        return self._current

    def set_tree(self, tree: ProjectTree, current: int | None) -> None:
        self._tree = tree
        self._current = current if tree.page(current) else None
        label = tree.label(self._current)
        self.setText(label or self.tr("No project page"))
        menu = self.menu()
        menu.clear()
        none = menu.addAction(self.tr("No page (loose entries)"))
        none.setCheckable(True)
        none.setChecked(self._current is None)
        none.setData(None)
        none.triggered.connect(self._on_page_action_triggered)
        for book in tree.books:
            book_menu = menu.addMenu(book.name)
            for chapter in tree.chapters_of(book.id):
                chapter_menu = book_menu.addMenu(chapter.name)
                for page in tree.pages_of(chapter.id):
                    action = chapter_menu.addAction(page.name)
                    action.setCheckable(True)
                    action.setChecked(page.id == self._current)
                    action.setData(page.id)
                    action.triggered.connect(self._on_page_action_triggered)
        menu.addSeparator()
        new = menu.addAction(self.tr("New Page…"))
        new.triggered.connect(self._on_new_triggered)

    @Slot()
    def _on_page_action_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.page_chosen.emit(action.data())

    @Slot()
    def _on_new_triggered(self) -> None:
        dialog = NewPageDialog(self._tree, self._current, self.window())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.new_page_requested.emit(*dialog.names())


class NewPageDialog(QDialog):
    """Three names; existing books and chapters are offered, new ones are created."""

    def __init__(self, tree: ProjectTree, current: int | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Page"))
        self._tree = tree
        path = tree.path_of(current)
        self.book = self._editable("projectBookEdit", [b.name for b in tree.books])
        self.chapter = self._editable("projectChapterEdit", [])
        self.page = self._editable("projectPageEdit", [])
        self.book.setCurrentText(path[0].name if path else self.tr("My Book"))
        self.book.currentTextChanged.connect(self._on_book_changed)
        self._on_book_changed(self.book.currentText())
        self.chapter.setCurrentText(path[1].name if path else self.tr("Chapter 1"))
        count = len(tree.pages_of(path[1].id)) if path else 0
        self.page.setCurrentText(self.tr("Page {n}").format(n=count + 1))
        form = QFormLayout(self)
        form.addRow(self.tr("Book"), self.book)
        form.addRow(self.tr("Chapter"), self.chapter)
        form.addRow(self.tr("Page"), self.page)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.page.setFocus()

    def _editable(self, name: str, items: list[str]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setEditable(True)
        combo.addItems(items)
        combo.setMinimumWidth(260)
        return combo

    @Slot(str)
    def _on_book_changed(self, name: str) -> None:
        book = next((b for b in self._tree.books if b.name == name.strip()), None)
        current = self.chapter.currentText()
        self.chapter.clear()
        if book is not None:
            self.chapter.addItems([c.name for c in self._tree.chapters_of(book.id)])
        self.chapter.setCurrentText(current)

    def names(self) -> tuple[str, str, str]:
        return self.book.currentText(), self.chapter.currentText(), self.page.currentText()

    def accept(self) -> None:
        if all(" ".join(name.split()) for name in self.names()):
            super().accept()
