"""The Finish & Export panel: page setup, placement, finishing, preflight and the export
buttons, in one scrollable column. Emits requests; renders what the controller tells it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.ui.printing.finish_sections import FinishingSection, PlacementSection
from fluxdesk.ui.printing.page_section import PageSection
from fluxdesk.ui.printing.preflight_list import PreflightList
from fluxdesk.ui.printing.state import PrintState
from fluxdesk.ui.printing.widgets import align_form_labels
from fluxdesk.ui.printing.work import LoadedSubject
from fluxdesk.ui.prompt_panel.style import SectionHeader, wrapped


class FinishPanel(QWidget):
    change_requested = Signal(object)  # StateChange
    align_requested = Signal()
    preview_toggled = Signal(bool)
    highlight_grey_toggled = Signal(bool)
    finding_activated = Signal(object)  # Finding
    export_page_requested = Signal()
    export_chapter_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finishPanel")
        self._state = PrintState()
        self._loaded: LoadedSubject | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(scroll)
        column = QVBoxLayout(body)
        column.setContentsMargins(12, 10, 12, 10)
        column.setSpacing(8)

        self.hint = wrapped()
        self.hint.setObjectName("finishHint")
        column.addWidget(self.hint)

        self.page = PageSection(body)
        self.placement = PlacementSection(body)
        self.finishing = FinishingSection(body)
        self.preflight = PreflightList(body)
        self._sections = (self.page, self.placement, self.finishing)
        for title, section in (
            (self.tr("Page"), self.page),
            (self.tr("Placement"), self.placement),
            (self.tr("Black and white"), self.finishing),
            (self.tr("Preflight"), self.preflight),
        ):
            column.addSpacing(4)
            column.addWidget(SectionHeader(title))
            column.addWidget(section)
        column.addStretch(1)
        align_form_labels([self.page.form, self.placement.form, self.finishing.form])
        scroll.setWidget(body)
        # No horizontal scroll bar: the dock must be at least as wide as the sections need.
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(body.minimumSizeHint().width() + bar)
        outer.addWidget(scroll, 1)

        footer = QHBoxLayout()
        footer.setContentsMargins(12, 8, 12, 10)
        self.export_page = QPushButton(self.tr("Export Page…"), self)
        self.export_page.setObjectName("exportPageButton")
        self.export_page.setDefault(True)
        self.export_chapter = QPushButton(self.tr("Chapter PDF…"), self)
        self.export_chapter.setObjectName("exportChapterButton")
        footer.addWidget(self.export_page, 1)
        footer.addWidget(self.export_chapter)
        outer.addLayout(footer)

        for section in self._sections:
            section.change_requested.connect(self.change_requested)
        self.placement.align_requested.connect(self.align_requested)
        self.finishing.preview_toggled.connect(self.preview_toggled)
        self.finishing.highlight_grey_toggled.connect(self.highlight_grey_toggled)
        self.preflight.finding_activated.connect(self.finding_activated)
        self.export_page.clicked.connect(self.export_page_requested)
        self.export_chapter.clicked.connect(self.export_chapter_requested)
        self.show_subject(None, loading=False)

    def show_state(self, state: PrintState) -> None:
        self._state = state
        self.page.show_state(state)
        loaded = self._loaded
        key = loaded.key if loaded is not None else None
        has_pencils = loaded is not None and loaded.pencils_size is not None
        self.placement.show_state(state, key, has_pencils)
        self.finishing.show_state(state)
        if loaded is not None:
            self.hint.setText(
                self.tr("{name}: {width} × {height} px, about {dpi:.0f} dpi on this page.").format(
                    name=loaded.subject.name,
                    width=loaded.full.width,
                    height=loaded.full.height,
                    dpi=loaded.source_dpi(state),
                )
            )

    def show_subject(self, loaded: LoadedSubject | None, *, loading: bool) -> None:
        self._loaded = loaded
        for widget in (self.placement, self.finishing, self.export_page):
            widget.setEnabled(loaded is not None)
        if loading:
            self.hint.setText(self.tr("Opening the image…"))
            self.preflight.show_idle("")
        elif loaded is None:
            self.hint.setText(
                self.tr("Open pencils or pick a result in History to set it on a page.")
            )
            self.preflight.show_idle(self.tr("Preflight runs when a page is set up."))
        self.show_state(self._state)
