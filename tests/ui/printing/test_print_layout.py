"""Where the page puts the image (pure geometry, no Qt)."""

from __future__ import annotations

import pytest

from fluxdesk.core.printing.fit import Alignment, Anchor
from fluxdesk.core.printing.pages import PAGE_PRESETS, PageBox
from fluxdesk.ui.printing.state import ExportFormat, PlacementMode, PrintState, layout_for

B5 = PAGE_PRESETS["b5"]


def test_registered_result_covers_its_pencils_frame() -> None:
    state = PrintState()
    # A 1024 × 1440 result of 4299 × 6071 pencils: stretched onto the pencils' frame.
    layout = layout_for(state, "job", (1024, 1440), (4299, 6071))
    assert (layout.frame.left, layout.frame.top) == (0, 0)
    assert (layout.frame.width, layout.frame.height) == (4299, 6071)
    assert layout.image == layout.frame


def test_alignment_applies_only_to_its_subject() -> None:
    alignment = Alignment(dx=12.0, dy=-4.0, scale=1.01, confidence=0.9)
    state = PrintState().with_placement(alignment=alignment, aligned_key="job")
    moved = layout_for(state, "job", (1024, 1440), (4299, 6071))
    other = layout_for(state, "another", (1024, 1440), (4299, 6071))
    assert moved.image != moved.frame and moved.frame == other.frame
    assert other.image == other.frame
    assert moved.image.width == pytest.approx(4299 * 1.01)


def test_without_pencils_registering_fits_the_trim() -> None:
    layout = layout_for(PrintState(), "input", (1000, 1000), None)
    trim = B5.guides_px(600).trim
    assert layout.image.width == trim.width and layout.image.top == pytest.approx(
        (trim.height - trim.width) / 2
    )


@pytest.mark.parametrize("anchor", [Anchor.top, Anchor.bottom])
def test_fill_the_bleed_anchors_the_overflow(anchor: Anchor) -> None:
    state = PrintState(bleed=True).with_placement(
        mode=PlacementMode.fill, box=PageBox.bleed, anchor=anchor
    )
    layout = layout_for(state, "input", (1000, 2000), None)  # taller than the page
    canvas = B5.guides_px(600, bleed=True).canvas
    assert layout.image.width == canvas.width
    if anchor is Anchor.top:
        assert layout.image.top == 0
    else:
        assert layout.image.top + layout.image.height == pytest.approx(canvas.height)


def test_export_formats_imply_mode_and_suffix() -> None:
    assert ExportFormat.tiff_mono.mode.value == "mono" and ExportFormat.tiff_mono.suffix == ".tif"
    assert ExportFormat.jpeg_color.suffix == ".jpg"
