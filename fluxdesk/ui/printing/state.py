"""What the Finish & Export panel edits, as one immutable value (so every change can be undone),
and where that puts the image on the page.

Plain Python, no Qt: safe on any thread. Geometry is in page-canvas pixels at the target dpi
(see ``core.printing.pages``); the canvas maps it onto its own page coordinates with
``frame_rect``: the rect on the printed page that the canvas's page (the pencils, or the image
when it has no pencils) occupies.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from fluxdesk.core.printing.finishing import ColorMode, FinishSettings
from fluxdesk.core.printing.fit import Alignment, Anchor, FitMode, PlacedRect, fit_rect
from fluxdesk.core.printing.fit import pencils_rect as placed_pencils_rect
from fluxdesk.core.printing.pages import PAGE_PRESETS, PageBox, PageGuides, PageSpec
from fluxdesk.core.printing.settings import ExportSettings

DPI_CHOICES = (350, 600, 1200)


class PlacementMode(StrEnum):
    register = "register"  # over its pencils: same geometry, no crop or shift
    fit = "fit"  # whole image inside the box
    fill = "fill"  # box covered; the overflow is cut


@dataclass(frozen=True, slots=True)
class Placement:
    mode: PlacementMode = PlacementMode.register
    box: PageBox = PageBox.trim  # fit/fill target
    anchor: Anchor = Anchor.center
    alignment: Alignment | None = None  # "align to pencils", measured for `aligned_key`
    aligned_key: str | None = None  # the subject the alignment belongs to

    def alignment_for(self, key: str) -> Alignment | None:
        return self.alignment if self.aligned_key == key else None


@dataclass(frozen=True, slots=True)
class PrintState:
    page: PageSpec = field(default_factory=lambda: PAGE_PRESETS["b5"])
    dpi: int = 600
    bleed: bool = False
    finish: FinishSettings = field(default_factory=FinishSettings)
    placement: Placement = field(default_factory=Placement)

    @property
    def mode(self) -> ColorMode:
        return self.finish.mode

    @property
    def guides(self) -> PageGuides:
        return self.page.guides_px(self.dpi, bleed=self.bleed)

    def export_settings(self, **extras: object) -> ExportSettings:
        return ExportSettings(
            self.page,
            self.dpi,
            self.finish,
            self.bleed,
            **extras,  # type: ignore[arg-type]
        )

    def with_finish(self, **changes: object) -> PrintState:
        return replace(self, finish=replace(self.finish, **changes))  # type: ignore[arg-type]

    def with_placement(self, **changes: object) -> PrintState:
        return replace(self, placement=replace(self.placement, **changes))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Layout:
    """Where things land on the page canvas: ``frame`` is the canvas page (pencils, or the
    image when there are none), ``image`` the image itself (``frame`` moved by an alignment)."""

    guides: PageGuides
    frame: PlacedRect
    image: PlacedRect

    @property
    def canvas_size(self) -> tuple[int, int]:
        return (self.guides.canvas.width, self.guides.canvas.height)


def layout_for(
    state: PrintState,
    key: str,
    image_size: tuple[int, int],
    pencils_size: tuple[int, int] | None,
    dpi: float | None = None,
) -> Layout:
    """The layout at ``dpi`` (default: the state's). Registering needs pencils; without them
    the image is fitted to the trim (a plain file or the pencils themselves)."""
    guides = state.page.guides_px(dpi or state.dpi, bleed=state.bleed)
    placement = state.placement
    if placement.mode is PlacementMode.register and pencils_size is not None:
        frame = placed_pencils_rect(pencils_size, guides)
        alignment = placement.alignment_for(key)
        image = alignment.apply(frame, pencils_size) if alignment is not None else frame
        return Layout(guides, frame, image)
    if placement.mode is PlacementMode.register:
        rect = fit_rect(image_size, guides.trim)
    else:
        box = guides.box(placement.box)
        rect = fit_rect(image_size, box, FitMode(placement.mode.value), placement.anchor)
    return Layout(guides, rect, rect)


def scaled_rect(rect: PlacedRect, factor: float) -> PlacedRect:
    return PlacedRect(
        rect.left * factor, rect.top * factor, rect.width * factor, rect.height * factor
    )


class ExportFormat(StrEnum):
    """What the export dialog offers: each format implies a colour mode and a suffix."""

    tiff_mono = "tiff_mono"
    png_mono = "png_mono"
    tiff_gray = "tiff_gray"
    png_gray = "png_gray"
    png_color = "png_color"
    jpeg_color = "jpeg_color"

    @property
    def mode(self) -> ColorMode:
        return ColorMode(self.value.split("_")[1])

    @property
    def suffix(self) -> str:
        return {"tiff": ".tif", "png": ".png", "jpeg": ".jpg"}[self.value.split("_")[0]]

    @classmethod
    def default_for(cls, mode: ColorMode) -> ExportFormat:
        return {
            ColorMode.mono: cls.tiff_mono,
            ColorMode.gray: cls.tiff_gray,
            ColorMode.color: cls.png_color,
        }[mode]


def default_dpi(mode: ColorMode) -> int:
    """Print facts: line art 600 dpi, greys 600 (350 at least), colour 350."""
    return 350 if mode is ColorMode.color else 600
