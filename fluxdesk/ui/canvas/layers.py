"""What the canvas shows in each slot (the main image and the reference) while loads arrive.

Plain Python, GUI thread. Each slot tracks the request whose pixels are on screen and the latest
request (whose preview, then pyramid, replace them when they arrive).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from fluxdesk.ui.canvas.loader import LoadedImage, LoadedPreview
from fluxdesk.ui.canvas.pyramid import Pyramid


class CompareMode(StrEnum):
    off = "off"
    wipe = "wipe"  # reference left of a draggable divider, main image right of it
    side_by_side = "side_by_side"  # reference left pane, main image right pane
    flip = "flip"  # main image; the reference while F (or `) is held
    onion = "onion"  # both, registered, as two coloured inks (drawn by a CompareRenderer)
    changes = "changes"  # the registered result with a "what moved" heat map over it


@dataclass(slots=True)
class Layer:
    key: str | None = None  # what is on screen ("input", a job id...)
    pyramid: Pyramid | None = None
    shown_id: int = -1  # request whose pixels are on screen
    pending_id: int = -1  # latest request; only its results are accepted
    pending_key: str | None = None
    pending_name: str | None = None  # file being opened, for the status pill
    refining: bool = False  # a sharper pyramid for what is on screen is coming

    def request(self, request_id: int, key: str | None, name: str | None) -> None:
        self.pending_id = request_id
        self.pending_key = key
        self.pending_name = name

    def show(self, request_id: int, key: str | None, pyramid: Pyramid, refining: bool) -> bool:
        """Puts pixels on screen now. True if this is a new image (not a sharper copy)."""
        new = self.shown_id != request_id or self.pyramid is None
        self.request(request_id, key, None)
        self.shown_id = request_id
        self.key = key
        self.pyramid = pyramid
        self.refining = refining
        return new

    def accept_preview(self, preview: LoadedPreview) -> bool:
        """True if the preview went on screen (and is a new image)."""
        if preview.request_id != self.pending_id or preview.request_id == self.shown_id:
            return False
        pyramid = Pyramid.single(preview.qimage_preview, preview.full_size)
        return self.show(preview.request_id, self.pending_key, pyramid, refining=True)

    def accept_image(self, image: LoadedImage) -> tuple[bool, bool]:
        """(accepted, new image)."""
        if image.request_id != self.pending_id:
            return False, False
        new = self.show(image.request_id, self.pending_key, image.pyramid, refining=False)
        return True, new

    def accept_failure(self, request_id: int) -> bool:
        if request_id != self.pending_id:
            return False
        self.pending_name = None
        self.refining = False
        return True

    def is_loading(self) -> bool:
        return self.pending_name is not None or self.refining
