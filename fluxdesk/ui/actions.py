"""The window's actions and menus, with their shortcuts, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolButton

from fluxdesk.ui.canvas import CompareMode
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.icons import themed_icon

_COMPARE_LABELS = {
    CompareMode.off: QT_TRANSLATE_NOOP("WindowActions", "Result only"),
    CompareMode.wipe: QT_TRANSLATE_NOOP("WindowActions", "Wipe (slider)"),
    CompareMode.side_by_side: QT_TRANSLATE_NOOP("WindowActions", "Side by side"),
    CompareMode.flip: QT_TRANSLATE_NOOP("WindowActions", "Flip (hold F)"),
    CompareMode.onion: QT_TRANSLATE_NOOP("WindowActions", "Onion skin (registered)"),
    CompareMode.changes: QT_TRANSLATE_NOOP("WindowActions", "What moved (heat map)"),
}


@dataclass(frozen=True)
class WindowActions:
    open: QAction
    paste: QAction
    quit: QAction
    settings: QAction
    export_page: QAction
    export_chapter: QAction
    export_psd: QAction
    chapter_batch: QAction
    presets: QAction
    spending: QAction
    generate: QAction
    cancel_all: QAction
    show_input: QAction
    zoom_in: QAction
    zoom_out: QAction
    fit: QAction
    actual_size: QAction
    compare: dict[CompareMode, QAction]
    compare_group: QActionGroup
    shortcuts: QAction
    about: QAction


def _action(window: QMainWindow, text: str, shortcut: QKeySequence | str | None = None) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    return action


def build_actions(window: QMainWindow, generate: QAction) -> WindowActions:
    compare_group = QActionGroup(window)
    compare: dict[CompareMode, QAction] = {}
    for number, (mode, label) in enumerate(_COMPARE_LABELS.items(), start=1):
        action = _action(window, translate("WindowActions", label), f"Alt+{number}")
        action.setCheckable(True)
        action.setData(mode.value)
        compare_group.addAction(action)
        compare[mode] = action
    compare[CompareMode.off].setChecked(True)
    return WindowActions(
        open=_action(
            window, translate("WindowActions", "&Open Pencils…"), QKeySequence.StandardKey.Open
        ),
        paste=_action(
            window, translate("WindowActions", "&Paste Image"), QKeySequence.StandardKey.Paste
        ),
        quit=_action(window, translate("WindowActions", "&Quit"), QKeySequence.StandardKey.Quit),
        settings=_action(window, translate("WindowActions", "&Settings…"), "Ctrl+,"),
        export_page=_action(window, translate("WindowActions", "&Export Page…"), "Ctrl+E"),
        export_chapter=_action(
            window, translate("WindowActions", "Export &Chapter PDF…"), "Ctrl+Shift+E"
        ),
        export_psd=_action(
            window, translate("WindowActions", "Export &Layered PSD…"), "Ctrl+Alt+E"
        ),
        chapter_batch=_action(
            window, translate("WindowActions", "Chapter &Batch…"), "Ctrl+Shift+B"
        ),
        presets=_action(window, translate("WindowActions", "Task &Presets…"), "Ctrl+Shift+P"),
        spending=_action(window, translate("WindowActions", "S&pending…"), "Ctrl+Shift+L"),
        generate=generate,
        cancel_all=_action(window, translate("WindowActions", "Cancel &All Jobs"), "Ctrl+Shift+."),
        show_input=_action(window, translate("WindowActions", "Show &Input"), "Ctrl+Shift+I"),
        zoom_in=_action(
            window, translate("WindowActions", "Zoom &In"), QKeySequence.StandardKey.ZoomIn
        ),
        zoom_out=_action(
            window, translate("WindowActions", "Zoom &Out"), QKeySequence.StandardKey.ZoomOut
        ),
        fit=_action(window, translate("WindowActions", "&Fit to Window"), "Ctrl+0"),
        actual_size=_action(window, translate("WindowActions", "&Actual Pixels (100%)"), "Ctrl+1"),
        compare=compare,
        compare_group=compare_group,
        shortcuts=_action(window, translate("WindowActions", "&Keyboard Shortcuts"), "F1"),
        about=_action(window, translate("WindowActions", "&About FluxDesk")),
    )


def apply_icons(actions: WindowActions, compare: QToolButton) -> None:
    """(Re)draws the toolbar icons in the current palette's colours."""
    for action, name in (
        (actions.open, "open"),
        (actions.paste, "paste"),
        (actions.show_input, "input"),
        (actions.fit, "fit"),
        (actions.actual_size, "actual"),
        (actions.settings, "settings"),
        (actions.generate, "generate"),
    ):
        action.setIcon(themed_icon(name))
    compare.setIcon(themed_icon("compare"))


def build_menus(window: QMainWindow, actions: WindowActions, docks: list[QAction]) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu(translate("WindowActions", "&File"))
    file_menu.addAction(actions.open)
    file_menu.addAction(actions.paste)
    file_menu.addSeparator()
    file_menu.addAction(actions.export_page)
    file_menu.addAction(actions.export_chapter)
    file_menu.addAction(actions.export_psd)
    file_menu.addSeparator()
    file_menu.addAction(actions.presets)
    file_menu.addAction(actions.settings)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)

    generate_menu = bar.addMenu(translate("WindowActions", "&Generate"))
    generate_menu.addAction(actions.generate)
    generate_menu.addAction(actions.cancel_all)

    view = bar.addMenu(translate("WindowActions", "&View"))
    view.addAction(actions.show_input)
    view.addSeparator()
    for action in (actions.zoom_in, actions.zoom_out, actions.fit, actions.actual_size):
        view.addAction(action)
    view.addSeparator()
    compare_menu = view.addMenu(translate("WindowActions", "&Compare"))
    for action in actions.compare.values():
        compare_menu.addAction(action)
    view.addSeparator()
    for action in docks:
        view.addAction(action)
    view.addSeparator()
    view.addAction(actions.chapter_batch)
    view.addAction(actions.spending)

    help_menu = bar.addMenu(translate("WindowActions", "&Help"))
    help_menu.addAction(actions.shortcuts)
    help_menu.addAction(actions.about)


def compare_button(window: QMainWindow, actions: WindowActions) -> QToolButton:
    """The toolbar's compare control: click toggles wipe, the arrow picks any mode."""
    button = QToolButton(window)
    button.setObjectName("compareModeButton")
    button.setText(translate("WindowActions", "Compare"))
    button.setToolTip(
        translate("WindowActions", "Compare the result with the pencils (Alt+1…6; hold F to flip)")
    )
    button.setCheckable(True)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    menu = QMenu(button)
    for action in actions.compare.values():
        menu.addAction(action)
    button.setMenu(menu)
    return button
