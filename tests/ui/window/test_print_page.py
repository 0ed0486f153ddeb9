"""Finish & Export in the window: manuscript guides at the right page pixels, the live
finishing preview, preflight findings on the canvas, align to pencils with undo."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from print_helpers import generate_results, ink_page, open_on_page, page, show_result, wait_settled
from PySide6.QtCore import QPointF, QRectF, QSizeF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QListWidget, QSlider
from pytestqt.qtbot import QtBot

from fluxdesk.core.printing.pages import PAGE_PRESETS, PageBox
from fluxdesk.core.printing.preflight import Check
from fluxdesk.ui.app import Built
from fluxdesk.ui.printing.overlays import TRIM_COLOR
from fluxdesk.ui.printing.preview import GREY_HIGHLIGHT
from fluxdesk.ui.printing.undo import StateChange

B5_TRIM_600 = (4299, 6071)


def rect(box: tuple[int, int, int, int]) -> QRectF:
    left, top, right, bottom = box
    return QRectF(left, top, right - left, bottom - top)


def test_guides_sit_on_the_page_pixels_of_guides_px(
    qtbot: QtBot, quick_studio: Built, tmp_path: Path
) -> None:
    # A scan exactly the B5 trim at 600 dpi: canvas pixels are page pixels.
    open_on_page(qtbot, quick_studio, ink_page(tmp_path / "b5.png", B5_TRIM_600))
    controller = page(quick_studio)
    canvas = quick_studio.window.canvas
    assert canvas.page_size() == QSizeF(*B5_TRIM_600)
    b5 = PAGE_PRESETS["b5"]

    guides = b5.guides_px(600)
    rects = controller.guides.page_rects(canvas.page_size())
    for box in PageBox:
        assert rects[box] == rect(guides.box(box).as_box()), box
    assert rects[PageBox.bleed] == QRectF(-71, -71, 4441, 6213)

    # With bleed the file grows by 3 mm a side; the trim stays on the same scan pixels.
    state = controller.state()
    controller.request_change(StateChange(replace(state, bleed=True), "bleed"))
    bleed_guides = b5.guides_px(600, bleed=True)
    rects = controller.guides.page_rects(canvas.page_size())
    offset = bleed_guides.trim.left
    for box in PageBox:
        expected = rect(bleed_guides.box(box).as_box()).translated(-offset, -offset)
        assert rects[box] == expected, box
    assert rects[PageBox.trim] == QRectF(0, 0, *B5_TRIM_600)

    # On screen: the trim's left edge is a cyan line where the canvas maps that page pixel.
    wait_settled(qtbot, quick_studio)
    shot = canvas.grab().toImage()
    ratio = shot.devicePixelRatio()
    edge = canvas.map_to_widget(QPointF(0, B5_TRIM_600[1] / 2))
    row = round(edge.y() * ratio)
    around = [QColor(shot.pixel(round(edge.x() * ratio) + dx, row)) for dx in (-1, 0, 1)]
    assert TRIM_COLOR in around


def test_a_smaller_scan_maps_the_guides_by_its_scale(
    qtbot: QtBot, quick_studio: Built, tmp_path: Path
) -> None:
    # A4 scanned at 150 dpi (1240 × 1754): the page is fitted, guides scale down by 1/4.
    open_on_page(qtbot, quick_studio, ink_page(tmp_path / "a4.png", (1240, 1754)))
    controller = page(quick_studio)
    state = controller.state()
    controller.request_change(StateChange(replace(state, page=PAGE_PRESETS["a4"]), "a4"))
    rects = controller.guides.page_rects(quick_studio.window.canvas.page_size())
    trim = rects[PageBox.trim]
    guides = PAGE_PRESETS["a4"].guides_px(600)
    assert trim.height() == 1754  # the scan's height fills the trim
    scale = 1754 / guides.trim.height
    assert abs(trim.width() - guides.trim.width * scale) < 1e-6
    assert abs(rects[PageBox.bleed].left() - (guides.bleed.left - trim.left()) * scale) < 1.0


def test_the_preview_follows_the_threshold_slider_and_highlights_grey(
    qtbot: QtBot, quick_studio: Built, tmp_path: Path
) -> None:
    open_on_page(qtbot, quick_studio, ink_page(tmp_path / "grey.png", (1200, 1700), grey=150))
    controller = page(quick_studio)
    window = quick_studio.window
    slider = window.findChild(QSlider, "thresholdSlider")

    def lightness_at_grey(threshold: int) -> float:
        with qtbot.waitSignal(
            controller.preview_shown,
            timeout=10_000,
            check_params_cb=lambda frame: frame.state.finish.threshold == threshold,
        ) as shown:
            slider.setValue(threshold)
        image = shown.args[0].image
        probe = image.pixelColor(image.width() * 3 // 10, image.height() * 6 // 10)
        return probe.lightness()

    assert lightness_at_grey(200) == 0  # grey 150 is darker than 200: black
    assert lightness_at_grey(100) == 255  # and lighter than 100: white
    assert controller.state().finish.threshold == 100

    with qtbot.waitSignal(controller.preview_shown, timeout=10_000) as shown:
        window.findChild(QCheckBox, "greyHighlightCheck").setChecked(True)
    grey = shown.args[0].grey
    assert grey is not None
    spot = grey.pixelColor(grey.width() * 3 // 10, grey.height() * 6 // 10)
    assert (spot.red(), spot.green(), spot.blue()) == GREY_HIGHLIGHT[:3]


def test_preflight_lists_grey_and_zooms_to_it(
    qtbot: QtBot, quick_studio: Built, tmp_path: Path
) -> None:
    open_on_page(qtbot, quick_studio, ink_page(tmp_path / "grey.png", (1200, 1700), grey=150))
    panel = quick_studio.window.finish.panel
    qtbot.waitUntil(lambda: bool(panel.preflight.findings()), timeout=10_000)
    findings = {finding.check: finding for finding in panel.preflight.findings()}
    assert Check.grey in findings and Check.resolution in findings
    listing = quick_studio.window.findChild(QListWidget, "preflightList")
    texts = [listing.item(row).text() for row in range(listing.count())]
    assert any("Grey areas" in text for text in texts)

    canvas = quick_studio.window.canvas
    zoom_before = canvas.zoom()
    row = next(r for r in range(listing.count()) if "Grey areas" in listing.item(r).text())
    listing.itemClicked.emit(listing.item(row))
    highlight = page(quick_studio).highlight.page_rect(canvas.page_size())
    assert highlight is not None
    # The grey block is at x 240-600, y 850-1190 of the 1200 × 1700 scan.
    assert abs(highlight.left() - 240) < 8 and abs(highlight.bottom() - 1190) < 8
    assert canvas.zoom() > zoom_before
    assert highlight.contains(canvas.view_center())


def test_align_to_pencils_applies_and_undoes(
    qtbot: QtBot, quick_studio: Built, pencils_file: Path
) -> None:
    [job] = generate_results(qtbot, quick_studio, pencils_file, 1)
    show_result(qtbot, quick_studio, job)
    controller = page(quick_studio)
    assert controller.state().placement.alignment is None
    with qtbot.waitSignal(controller.align_finished, timeout=10_000) as aligned:
        quick_studio.window.finish.panel.placement.align.click()
    alignment = aligned.args[0]
    assert alignment is not None and alignment.confidence >= 0.2
    assert controller.state().placement.alignment_for(str(job)) == alignment
    status = quick_studio.window.finish.panel.placement.status.text()
    assert "match" in status

    # Ctrl+Z while working in the Finish & Export dock takes the alignment back.
    quick_studio.window.finish.panel.placement.align.setFocus()
    assert quick_studio.window.undo.active() is controller.undo_stack
    quick_studio.window.undo.undo_action.trigger()
    assert controller.state().placement.alignment is None
    quick_studio.window.undo.redo_action.trigger()
    assert controller.state().placement.alignment == alignment


def test_a_slider_drag_is_one_undo_step(qtbot: QtBot, quick_studio: Built, tmp_path: Path) -> None:
    open_on_page(qtbot, quick_studio, ink_page(tmp_path / "p.png", (600, 850)))
    controller = page(quick_studio)
    slider = quick_studio.window.findChild(QSlider, "thresholdSlider")
    for value in (90, 100, 110, 120):
        slider.setValue(value)
    assert controller.state().finish.threshold == 120
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert controller.state().finish.threshold is None  # back to Auto
