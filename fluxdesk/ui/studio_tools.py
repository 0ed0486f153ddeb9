"""Presets, scan clean-up and spending, built by ui/app.py and wired into the main window.

`build_studio_tools` makes the window-independent controllers (the preset library, the
spending ledger and budget guard); `ToolsWiring` adds what lives in the window (the clean-up
dock and its preview controller, the preset editor, the spending dialog) and connects them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget

from fluxdesk.core.imaging.cleanup import CleanupSettings
from fluxdesk.core.paths import AppPaths
from fluxdesk.core.presets import Preset, PresetLibrary
from fluxdesk.resources import resource_path
from fluxdesk.ui.cleanup.panel import CleanupPanel
from fluxdesk.ui.controllers.cleanup import CleanupController
from fluxdesk.ui.controllers.generation import GenerationController
from fluxdesk.ui.controllers.presets import PresetController
from fluxdesk.ui.controllers.spending import SpendingController
from fluxdesk.ui.ledger.dialog import LedgerDialog
from fluxdesk.ui.preferences_keeper import PreferencesKeeper
from fluxdesk.ui.presets.editor import PresetEditorDialog

if TYPE_CHECKING:  # the window imports this module
    from fluxdesk.ui.main_window import MainWindow, Parts


@dataclass(frozen=True)
class StudioTools:
    presets: PresetController
    spending: SpendingController

    def start(self) -> None:
        self.presets.load()
        self.spending.refresh()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        done = self.presets.shutdown(timeout_ms)
        return self.spending.shutdown(timeout_ms) and done


def build_studio_tools(
    paths: AppPaths, preferences: PreferencesKeeper, generation: GenerationController
) -> StudioTools:
    presets = PresetController(resource_path("presets"), paths.presets)
    spending = SpendingController(generation.store.db_path, preferences)
    generation.set_run_approver(spending.approve_run)  # the budget guard before every run
    return StudioTools(presets, spending)


class ToolsWiring(QObject):
    """Lives in the window (its parent) and connects the tools to its parts."""

    def __init__(self, window: MainWindow, tools: StudioTools, parts: Parts) -> None:
        super().__init__(window)
        self._window = window
        self._tools = tools
        self._parts = parts
        self.editor: PresetEditorDialog | None = None
        self.ledger: LedgerDialog | None = None
        panel = window.prompt_panel
        generation = parts.generation

        self.cleanup_panel = CleanupPanel()
        self.cleanup_dock = QDockWidget(self.tr("Clean Up Scan"), window)
        self.cleanup_dock.setObjectName("cleanupDock")
        self.cleanup_dock.setWidget(self.cleanup_panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.cleanup_dock)
        window.tabifyDockWidget(window.history_dock, self.cleanup_dock)
        window.history_dock.raise_()
        self.cleanup_dock.hide()
        self.cleanup_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.cleanup = CleanupController(
            window.canvas,
            window.canvas_control,
            generation,
            self,
        )
        self.cleanup_panel.settings_changed.connect(self.cleanup.set_settings)
        self.cleanup_panel.after_toggled.connect(self.cleanup.set_showing_after)
        self.cleanup.status_changed.connect(self.cleanup_panel.set_status)
        self.cleanup_dock.visibilityChanged.connect(self.cleanup.set_active)
        self.cleanup_dock.toggleViewAction().toggled.connect(self._on_cleanup_view_toggled)
        window.history_dock.reuse_settings_requested.connect(
            self._on_history_reuse_settings_requested
        )

        tools.presets.library_changed.connect(self._on_presets_library_changed)
        tools.presets.message.connect(self._on_message)
        panel.preset_edit_requested.connect(self.open_preset_editor)
        actions = window.actions_
        actions.presets.triggered.connect(self.open_preset_editor)
        actions.spending.triggered.connect(self.open_ledger)
        parts.account.balance_changed.connect(tools.spending.set_balance)
        parts.runner.job_finished.connect(tools.spending.schedule_refresh)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self.cleanup.shutdown(timeout_ms)

    # --- slots ----------------------------------------------------------------------------------

    @Slot(bool)
    def _on_cleanup_view_toggled(self, shown: bool) -> None:
        if shown:  # in front of the history tab it shares, once the dock is really shown
            QTimer.singleShot(0, self._raise_cleanup)

    @Slot()
    def _raise_cleanup(self) -> None:
        self.cleanup_dock.raise_()

    @Slot(object)
    def _on_history_reuse_settings_requested(self, job_id: object) -> None:
        """'Reuse settings' also reproduces the entry's scan clean-up (on or off)."""
        row = self._parts.history_model.row_for(job_id)
        if row is None or not row.request.inputs:
            return  # no input image: clean-up had nothing to do with it
        try:
            settings = CleanupSettings.from_data(dict(row.request.cleanup or {}))
        except (TypeError, ValueError):
            return
        settings = settings if row.request.cleanup is not None else None
        self.cleanup_panel.set_settings(settings)
        self.cleanup.set_settings(settings)

    @Slot(object)
    def _on_presets_library_changed(self, library: PresetLibrary) -> None:
        self._window.prompt_panel.set_presets(library.presets)

    @Slot(str)
    def _on_message(self, text: str) -> None:
        if text:
            self._window.status.show_message(text)

    @Slot()
    def open_preset_editor(self) -> None:
        panel = self._window.prompt_panel
        if self.editor is None:
            self.editor = PresetEditorDialog(self._tools.presets, panel.state(), self._window)
            self.editor.use_requested.connect(self._on_editor_use_requested)
        self.editor.set_current(panel.state())
        self.editor.select(panel.state().preset_id)
        self.editor.show()
        self.editor.raise_()
        self.editor.activateWindow()

    @Slot(object)
    def _on_editor_use_requested(self, preset: Preset) -> None:
        self._window.prompt_panel.apply_preset(preset)

    @Slot()
    def open_ledger(self) -> None:
        if self.ledger is None:
            self.ledger = LedgerDialog(self._tools.spending, self._window)
        self._tools.spending.refresh()
        self.ledger.show()
        self.ledger.raise_()
        self.ledger.activateWindow()
