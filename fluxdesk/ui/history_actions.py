"""The history dock's actions (context menu and keyboard), enabled for what is selected."""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from fluxdesk.core.jobs import JobState
from fluxdesk.ui.history_rows import JobRow
from fluxdesk.ui.i18n import translate


@dataclass(frozen=True)
class HistoryActions:
    show: QAction
    use_input: QAction
    reuse_settings: QAction
    reuse_seed: QAction
    copy_prompt: QAction
    open_folder: QAction
    star: QAction
    reject: QAction
    compare: QAction
    to_page: QAction
    resume: QAction
    cancel: QAction
    delete: QAction
    restore: QAction
    purge: QAction
    refresh: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, item.name) for item in fields(self)]


def build_history_actions(owner: QWidget) -> HistoryActions:
    def action(text: str, shortcut: QKeySequence | str | None = None) -> QAction:
        made = QAction(translate("HistoryActions", text), owner)
        if shortcut is not None:
            made.setShortcut(QKeySequence(shortcut))
        made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return made

    return HistoryActions(
        show=action(QT_TRANSLATE_NOOP("HistoryActions", "Show on canvas")),
        use_input=action(QT_TRANSLATE_NOOP("HistoryActions", "Use as input"), "Ctrl+I"),
        reuse_settings=action(QT_TRANSLATE_NOOP("HistoryActions", "Reuse settings"), "Ctrl+R"),
        reuse_seed=action(QT_TRANSLATE_NOOP("HistoryActions", "Reuse seed")),
        copy_prompt=action(QT_TRANSLATE_NOOP("HistoryActions", "Copy prompt"), "Ctrl+Shift+C"),
        open_folder=action(QT_TRANSLATE_NOOP("HistoryActions", "Open containing folder")),
        star=action(QT_TRANSLATE_NOOP("HistoryActions", "Star"), "S"),
        reject=action(QT_TRANSLATE_NOOP("HistoryActions", "Reject"), "X"),
        compare=action(QT_TRANSLATE_NOOP("HistoryActions", "Compare the two…"), "Ctrl+D"),
        to_page=action(QT_TRANSLATE_NOOP("HistoryActions", "Move to the current page")),
        resume=action(QT_TRANSLATE_NOOP("HistoryActions", "Resume (fetch the result)")),
        cancel=action(QT_TRANSLATE_NOOP("HistoryActions", "Cancel job")),
        delete=action(
            QT_TRANSLATE_NOOP("HistoryActions", "Delete"), QKeySequence.StandardKey.Delete
        ),
        restore=action(QT_TRANSLATE_NOOP("HistoryActions", "Restore from the Trash")),
        purge=action(QT_TRANSLATE_NOOP("HistoryActions", "Delete for good…"), "Shift+Del"),
        refresh=action(
            QT_TRANSLATE_NOOP("HistoryActions", "Refresh"), QKeySequence.StandardKey.Refresh
        ),
    )


def enable_for(actions: HistoryActions, rows: list[JobRow], has_page: bool) -> None:
    """Enables what makes sense for the selection (the first row is the one acted on)."""
    first = rows[0] if rows else None
    done = first is not None and first.state is JobState.succeeded
    finished = [row for row in rows if row.state.is_terminal]
    in_trash = bool(rows) and all(row.in_trash for row in rows)
    for item, on in (
        (actions.show, done),
        (actions.use_input, done),
        (actions.open_folder, done),
        (actions.reuse_settings, first is not None),
        (actions.reuse_seed, first is not None and first.seed is not None),
        (actions.copy_prompt, first is not None),
        (actions.star, bool(finished)),
        (actions.reject, bool(finished)),
        (actions.compare, len(rows) == 2),
        (actions.to_page, has_page and bool(rows) and not in_trash),
        (actions.resume, any(row.paused for row in rows)),
        (actions.cancel, any(not row.state.is_terminal for row in rows)),
        (actions.delete, bool(rows) and not in_trash),
        (actions.restore, in_trash),
        (actions.purge, in_trash),
    ):
        item.setEnabled(on)
    all_starred = bool(finished) and all(row.starred for row in finished)
    all_rejected = bool(finished) and all(row.rejected for row in finished)
    owner = actions.star.parent()
    assert isinstance(owner, QWidget)
    remove_star = QT_TRANSLATE_NOOP("HistoryActions", "Remove star")
    un_reject = QT_TRANSLATE_NOOP("HistoryActions", "Un-reject")
    star = remove_star if all_starred else QT_TRANSLATE_NOOP("HistoryActions", "Star")
    reject = un_reject if all_rejected else QT_TRANSLATE_NOOP("HistoryActions", "Reject")
    actions.star.setText(translate("HistoryActions", star))
    actions.reject.setText(translate("HistoryActions", reject))


def context_menu(actions: HistoryActions, rows: list[JobRow], parent: QWidget) -> QMenu:
    menu = QMenu(parent)
    in_trash = bool(rows) and all(row.in_trash for row in rows)
    groups = (
        [actions.restore, actions.purge, None, actions.copy_prompt, actions.open_folder]
        if in_trash
        else [
            actions.show,
            actions.use_input,
            None,
            actions.reuse_settings,
            actions.reuse_seed,
            actions.copy_prompt,
            None,
            actions.star,
            actions.reject,
            actions.compare,
            actions.to_page,
            None,
            actions.open_folder,
            actions.resume,
            actions.cancel,
            actions.delete,
        ]
    )
    for item in groups:
        if item is None:
            menu.addSeparator()
        elif item.isEnabled() or item in (actions.star, actions.delete):
            menu.addAction(item)
    return menu
