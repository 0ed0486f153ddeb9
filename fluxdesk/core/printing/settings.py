"""What a print export aims at: page, resolution, colour mode and finishing, extras.

Pure values; safe on any thread (``finished_page`` is blocking, like ``finishing.finish``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image

from fluxdesk.core.errors import InputError
from fluxdesk.core.messages import Message
from fluxdesk.core.printing.finishing import ColorMode, FinishSettings, finish
from fluxdesk.core.printing.pages import PageGuides, PageSpec


@dataclass(frozen=True, slots=True)
class ExportSettings:
    """Everything about the print target: page, resolution, colour handling, extras."""

    page: PageSpec
    dpi: int = 600
    finish: FinishSettings = field(default_factory=FinishSettings)
    bleed: bool = False  # the file covers the bleed box instead of the trim
    embed_recipe: bool = False
    sidecar: bool = False
    jpeg_quality: int = 95
    min_line_mm: float = 0.1  # thinner lines are reported by preflight

    def __post_init__(self) -> None:
        if not 72 <= self.dpi <= 2400:
            raise ValueError("dpi must be between 72 and 2400")

    @property
    def mode(self) -> ColorMode:
        return self.finish.mode

    @property
    def guides(self) -> PageGuides:
        return self.page.guides_px(self.dpi, bleed=self.bleed)

    @property
    def size_px(self) -> tuple[int, int]:
        return self.page.size_px(self.dpi, bleed=self.bleed)

    def check_page(self, image: Image.Image, what: str = Message("The page")) -> None:
        """InputError unless ``image`` has exactly this page's pixel size."""
        if image.size != self.size_px:
            width, height = self.size_px
            box = Message("with bleed") if self.bleed else Message("trim")
            raise InputError(
                Message(
                    "{what} is {width}×{height} px, but {page_name} ({box}) at {dpi} dpi is "
                    "{page_width}×{page_height} px; place it on the page first.",
                    what=what,
                    width=image.width,
                    height=image.height,
                    page_name=self.page.name,
                    box=box,
                    dpi=self.dpi,
                    page_width=width,
                    page_height=height,
                )
            )


def finished_page(image: Image.Image, settings: ExportSettings) -> Image.Image:
    """The page in its print mode; an image already in mode 1 is kept bit for bit."""
    if settings.mode is ColorMode.mono and image.mode == "1":
        return image
    return finish(image, settings.finish)
