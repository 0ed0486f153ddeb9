"""Page setup widget: presets, custom sizes in mm or inches, mode and dpi follow print facts."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from fluxdesk.core.printing.finishing import ColorMode
from fluxdesk.core.printing.pages import Unit
from fluxdesk.ui.printing.page_section import CUSTOM, PageSection
from fluxdesk.ui.printing.state import PrintState
from fluxdesk.ui.printing.undo import StateChange


def section(qtbot: QtBot) -> tuple[PageSection, list[StateChange]]:
    widget = PageSection()
    qtbot.addWidget(widget)
    changes: list[StateChange] = []

    def apply(change: StateChange) -> None:  # what the controller does, minus the undo stack
        changes.append(change)
        widget.show_state(change.state)

    widget.change_requested.connect(apply)
    widget.show_state(PrintState())
    return widget, changes


def choose(combo: QComboBox, data: str) -> None:
    index = combo.findData(data)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_custom_size_in_mm_then_inches(qtbot: QtBot) -> None:
    widget, changes = section(qtbot)
    choose(widget.preset, CUSTOM)
    page = changes[-1].state.page
    assert page.key == CUSTOM and (page.trim_width, page.trim_height) == (182, 257)
    assert widget.form.isRowVisible(widget.custom)
    widget.custom_width.setValue(200)
    assert changes[-1].state.page.trim_width == 200
    choose(widget.custom_unit, Unit.inch.value)  # the same page, now in inches
    page = changes[-1].state.page
    assert page.unit is Unit.inch and abs(page.trim_width - 200 / 25.4) < 1e-3
    assert page.bleed == 0.125


def test_a_too_small_custom_page_is_refused_with_a_message(qtbot: QtBot) -> None:
    widget, changes = section(qtbot)
    choose(widget.preset, CUSTOM)
    count = len(changes)
    widget.custom_width.setValue(8)  # smaller than its two 5 mm safe margins
    assert len(changes) == count
    assert widget.custom_error.isVisibleTo(widget) and "safe" in widget.custom_error.text()


def test_colour_follows_the_print_facts_for_dpi(qtbot: QtBot) -> None:
    widget, changes = section(qtbot)
    widget.mode.buttons()[2].click()  # Colour: 600 dpi (line art) becomes 350
    assert changes[-1].state.mode is ColorMode.color and changes[-1].state.dpi == 350
    widget.dpi.buttons()[1].click()  # the artist insists on 600
    widget.mode.buttons()[1].click()  # Grey keeps a chosen dpi that isn't colour's default
    assert changes[-1].state.mode is ColorMode.gray and changes[-1].state.dpi == 600
    assert "4299 × 6071 px" in widget.summary.text()
