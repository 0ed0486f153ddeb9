"""The studio window: canvas in the middle, prompt panel and history in docks. Wiring only:
every decision lives in a controller or in the core."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSize, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QWidget,
)

from fluxdesk import __version__
from fluxdesk.core.jobs import JobId
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.ui.actions import apply_icons, build_actions, build_menus, compare_button
from fluxdesk.ui.canvas import CanvasView, CompareMode
from fluxdesk.ui.changes.feature import ChangesFeature
from fluxdesk.ui.controllers.account import AccountController
from fluxdesk.ui.controllers.backup import BackupController
from fluxdesk.ui.controllers.canvas import CanvasController
from fluxdesk.ui.controllers.generation import GenerationController
from fluxdesk.ui.controllers.history import HistoryController
from fluxdesk.ui.controllers.history_edits import HistoryEditsController
from fluxdesk.ui.controllers.providers import ProvidersController
from fluxdesk.ui.controllers.recovery import RecoveryController
from fluxdesk.ui.edit_tools import EditTools
from fluxdesk.ui.history_dock import HistoryDock
from fluxdesk.ui.history_model import HistoryModel
from fluxdesk.ui.history_wiring import HistoryWiring
from fluxdesk.ui.panels.feature import PanelsFeature
from fluxdesk.ui.preferences_keeper import PreferencesKeeper
from fluxdesk.ui.printing.finish_export import FinishExport
from fluxdesk.ui.prompt_panel import PromptPanel
from fluxdesk.ui.settings_flow import open_settings
from fluxdesk.ui.shortcuts_dialog import show_shortcuts
from fluxdesk.ui.status_line import StatusLine
from fluxdesk.ui.studio_tools import StudioTools, ToolsWiring
from fluxdesk.ui.text import count_text
from fluxdesk.ui.undo_router import UndoRouter
from fluxdesk.ui.window_state import WindowState
from fluxdesk.ui.workers import JobRunner

IMAGE_FILTER = QT_TRANSLATE_NOOP(
    "MainWindow", "Images (*.png *.jpg *.jpeg *.tif *.tiff *.webp *.bmp *.psd);;All files (*)"
)


@dataclass(frozen=True)
class Parts:
    """Everything ui/app.py builds before the window."""

    runner: JobRunner
    history_model: HistoryModel
    account: AccountController
    generation: GenerationController
    history: HistoryController
    preferences: PreferencesKeeper
    window_state: WindowState
    providers: ProvidersController
    tools: StudioTools
    history_edits: HistoryEditsController
    recovery: RecoveryController
    backup: BackupController


class MainWindow(QMainWindow):
    def __init__(self, parts: Parts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("FluxDesk")
        self.setDocumentMode(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
        )
        self._parts = parts
        self._quitting = False

        self.canvas = CanvasView(self)
        self.setCentralWidget(self.canvas)
        self.prompt_panel = PromptPanel(self)
        self.prompt_dock = QDockWidget(self.tr("Prompt"), self)
        self.prompt_dock.setObjectName("promptDock")
        self.prompt_dock.setWidget(self.prompt_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.prompt_dock)
        self.history_dock = HistoryDock(parts.history_model, parts.history.lineage, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.canvas_control = CanvasController(
            self.canvas, parts.history_model, parts.generation, parts.generation.store, self
        )

        self.finish = FinishExport(
            self,
            self.canvas,
            self.canvas_control,
            parts.generation,
            parts.history_model,
            self.history_dock,
            beside=self.prompt_dock,
        )

        self.actions_ = build_actions(self, self.prompt_panel.generate_action)
        self.tools = ToolsWiring(self, parts.tools, parts)  # presets, clean-up, spending
        build_menus(
            self,
            self.actions_,
            [
                self.prompt_dock.toggleViewAction(),
                self.finish.dock.toggleViewAction(),
                self.history_dock.toggleViewAction(),
                self.tools.cleanup_dock.toggleViewAction(),
            ],
        )
        self.undo = UndoRouter(self, default=self.finish.page.undo_stack)
        self.undo.install_menu(self)
        parts.backup.install(self, before=self.actions_.settings)
        self._build_toolbar()
        self.edit_tools = EditTools(
            self,
            self.canvas,
            self.prompt_panel,
            parts.generation,
            parts.runner,
            self.canvas_control,
        )
        self.panels = PanelsFeature(
            self, self.canvas, self.canvas_control, self.edit_tools, self.prompt_panel, parts
        )
        self.changes = ChangesFeature(
            self, self.canvas, self.canvas_control, beside=self.history_dock
        )
        self.undo.add_scope(self.finish.dock, self.finish.page.undo_stack)
        self.undo.add_scope(self.history_dock, parts.history_edits.undo_stack)
        self.edit_tools.tools.undo_stack_changed.connect(self.undo.set_tool_stack)
        self.status = StatusLine(self, self.canvas, parts.account)
        self._wire()
        self.prompt_panel.set_recent_prompts(list(parts.preferences.value.recent_prompts))
        self.resize(QSize(1440, 900))
        self.resizeDocks(
            [self.prompt_dock, self.history_dock], [340, 320], Qt.Orientation.Horizontal
        )
        parts.window_state.restore(self)

    # --- layout -----------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"), self)
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(QSize(20, 20))
        actions = self.actions_
        for action in (actions.open, actions.paste, actions.show_input):
            bar.addAction(action)
        bar.addSeparator()
        for action in (actions.fit, actions.actual_size):
            bar.addAction(action)
        bar.addSeparator()
        self.compare_button = compare_button(self, actions)
        self.compare_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addWidget(self.compare_button)
        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addAction(actions.settings)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        apply_icons(actions, self.compare_button)

    def _wire(self) -> None:
        parts, actions = self._parts, self.actions_
        actions.open.triggered.connect(self._on_open_triggered)
        actions.paste.triggered.connect(self._on_paste_triggered)
        actions.quit.triggered.connect(self.close)
        actions.settings.triggered.connect(self._on_settings_triggered)
        actions.export_page.triggered.connect(self.finish.export_page)
        actions.export_chapter.triggered.connect(self.finish.export_chapter)
        actions.cancel_all.triggered.connect(parts.generation.cancel_all)
        actions.show_input.triggered.connect(self.canvas_control.show_input)
        actions.zoom_in.triggered.connect(self.canvas.zoom_in)
        actions.zoom_out.triggered.connect(self.canvas.zoom_out)
        actions.fit.triggered.connect(self.canvas.fit)
        actions.actual_size.triggered.connect(self.canvas.actual_size)
        actions.compare_group.triggered.connect(self._on_compare_triggered)
        actions.shortcuts.triggered.connect(self._on_shortcuts_triggered)
        actions.about.triggered.connect(self._on_about_triggered)
        self.compare_button.clicked.connect(self._on_compare_button_clicked)
        self.canvas.compare_mode_changed.connect(self._on_canvas_compare_mode_changed)

        self.prompt_panel.generate_requested.connect(self._on_prompt_generate_requested)
        parts.generation.input_staged.connect(self._on_generation_input_staged)

        dock = self.history_dock
        dock.show_requested.connect(self.canvas_control.show_job)
        dock.use_as_input_requested.connect(self.canvas_control.use_as_input)
        dock.copy_prompt_requested.connect(parts.history.copy_prompt)
        dock.open_folder_requested.connect(parts.history.open_folder)
        dock.cancel_requested.connect(parts.generation.cancel)
        dock.cancel_all_requested.connect(parts.generation.cancel_all)
        parts.generation.jobs_started.connect(self._on_generation_jobs_started)

        self.history_wiring = HistoryWiring(self, dock, parts, self.prompt_panel)
        self.history_wiring.brief.connect(self.status.show_brief)
        sources = (parts.generation, parts.history, parts.account, parts.providers)
        for source in (*sources, parts.history_edits, parts.recovery, parts.backup):
            source.message.connect(self.status.show_message)
        for source in (self.canvas_control, self.finish, self.edit_tools):
            source.message.connect(self.status.show_message)
        for source in (self.panels, self.changes):
            source.message.connect(self.status.show_message)
        parts.providers.catalogs_changed.connect(self.prompt_panel.set_catalogs)

    # --- slots ------------------------------------------------------------------------------

    @Slot()
    def _on_open_triggered(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Open pencils"), "", self.tr(IMAGE_FILTER)
        )
        if files:
            self.canvas_control.open_paths([Path(name) for name in files])

    @Slot()
    def _on_paste_triggered(self) -> None:
        self.canvas_control.paste(QGuiApplication.clipboard().image())

    @Slot(object)
    def _on_prompt_generate_requested(self, state: PromptState) -> None:
        self._parts.preferences.remember_prompt(state)
        self.prompt_panel.set_recent_prompts(list(self._parts.preferences.value.recent_prompts))
        self.edit_tools.generate(state)  # a region, mask or grown page; else as usual

    @Slot(object)
    def _on_generation_input_staged(self, staged: object) -> None:
        size = (staged.width, staged.height) if staged is not None else None  # type: ignore[attr-defined]
        self.prompt_panel.set_input(size)

    @Slot(list)
    def _on_generation_jobs_started(self, job_ids: list[JobId]) -> None:
        self.history_dock.view.scrollToTop()
        text = count_text(len(job_ids), self.tr("Started 1 job."), self.tr("Started {n} jobs."))
        self.status.show_brief(text)

    @Slot(QAction)
    def _on_compare_triggered(self, action: QAction) -> None:
        self.canvas.set_compare_mode(CompareMode(action.data()))

    @Slot(bool)
    def _on_compare_button_clicked(self, checked: bool) -> None:
        self.canvas.set_compare_mode(CompareMode.wipe if checked else CompareMode.off)

    @Slot(str)
    def _on_canvas_compare_mode_changed(self, mode: str) -> None:
        compare = CompareMode(mode)
        self.actions_.compare[compare].setChecked(True)
        self.compare_button.setChecked(compare is not CompareMode.off)

    @Slot()
    def _on_settings_triggered(self) -> None:
        open_settings(self, self._parts)

    @Slot()
    def _on_shortcuts_triggered(self) -> None:
        show_shortcuts(self)

    @Slot()
    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About FluxDesk"),
            self.tr(
                "<b>FluxDesk {version}</b><br>A studio for comic and manga artists on the "
                "Black Forest Labs FLUX API. Everything you make stays on this computer."
            ).format(version=__version__),
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # light/dark switch: redraw the icons
            apply_icons(self.actions_, self.compare_button)
        super().changeEvent(event)

    # --- closing ----------------------------------------------------------------------------

    def skip_close_question(self) -> None:
        """Close without asking about running jobs (they resume on the next start)."""
        self._quitting = True

    def closeEvent(self, event: QCloseEvent) -> None:
        running = self._parts.runner.active_count()
        if running and not self._quitting:
            answer = QMessageBox.question(
                self,
                self.tr("Jobs are still running"),
                count_text(
                    running,
                    self.tr(
                        "1 job is still running. Jobs already sent are paid for: FluxDesk keeps "
                        "them and fetches their results the next time it starts (while BFL keeps "
                        "them, about 10 minutes). Quit now?"
                    ),
                    self.tr(
                        "{n} jobs are still running. Jobs already sent are paid for: FluxDesk "
                        "keeps them and fetches their results the next time it starts (while BFL "
                        "keeps them, about 10 minutes). Quit now?"
                    ),
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self._quitting = True
        self._parts.window_state.save(self)
        self._parts.preferences.save_now()
        self.prompt_panel.shutdown(3000)
        self.finish.shutdown(3000)
        self.edit_tools.shutdown(3000)
        self.panels.shutdown(3000)
        self.changes.shutdown(3000)
        self.canvas.shutdown(3000)
        event.accept()
