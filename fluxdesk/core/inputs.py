"""Turning files into a request's input images, stored in the history by hash.

Blocking (decodes and encodes images); call from a worker thread in the GUI.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image

from fluxdesk.core.api.catalog import ModelSpec
from fluxdesk.core.api.models import InputImage
from fluxdesk.core.errors import InputError, ValidationProblem
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.imaging.load import load_image
from fluxdesk.core.imaging.prepare import PreparedImage, prepare_image, prepare_mask
from fluxdesk.core.messages import Message


def _store(store: HistoryStore, prepared: PreparedImage, slot: str) -> InputImage:
    stored = store.add_image(prepared.data, "png", prepared.width, prepared.height)
    return InputImage(slot, stored.sha256, stored.width, stored.height)


def store_input(store: HistoryStore, spec: ModelSpec, image: Image.Image, slot: str) -> InputImage:
    """Downscales `image` (mode L or RGB) to what `spec` can use and stores the sent bytes."""
    return _store(store, prepare_image(image, spec.max_input_pixels), slot)


def store_mask(store: HistoryStore, mask: Image.Image, size: tuple[int, int]) -> InputImage:
    """A Fill mask (white = repaint) at exactly `size`, the size of the image it goes with."""
    return _store(store, prepare_mask(mask, size), "mask")


def inputs_from_files(
    store: HistoryStore,
    spec: ModelSpec,
    paths: Sequence[Path],
    mask_path: Path | None = None,
) -> tuple[InputImage, ...]:
    """Files in `--input` order: the main image first, then references."""
    if len(paths) > len(spec.image_slots):
        if not spec.image_slots:
            raise InputError(
                Message(
                    "{label} takes no input image.",
                    label=spec.label,
                )
            )
        raise InputError(
            Message(
                "{label} takes at most {count} input image(s).",
                label=spec.label,
                count=len(spec.image_slots),
            )
        )
    if mask_path is not None and not spec.takes_mask:
        raise InputError(
            Message(
                "{label} takes no mask (FLUX.1 Fill does).",
                label=spec.label,
            )
        )
    if mask_path is not None and not paths:
        raise InputError("A mask needs an --input image to apply to.")

    inputs: list[InputImage] = []
    main_size: tuple[int, int] | None = None
    main_prepared: PreparedImage | None = None
    for slot, path in zip(spec.image_slots, paths, strict=False):
        image = load_image(Path(path))
        prepared = prepare_image(image, spec.max_input_pixels)
        if main_prepared is None:
            main_size, main_prepared = image.size, prepared
        inputs.append(_store(store, prepared, slot))
    if mask_path is not None and main_prepared is not None:
        mask = load_image(Path(mask_path))
        if mask.size != main_size:
            width, height = main_size or (0, 0)
            raise ValidationProblem(
                [
                    (
                        "mask",
                        Message(
                            "is {mask_width}×{mask_height} but the image is {width}×{height}",
                            mask_width=mask.width,
                            mask_height=mask.height,
                            width=width,
                            height=height,
                        ),
                    )
                ]
            )
        prepared_mask = prepare_mask(mask, (main_prepared.width, main_prepared.height))
        inputs.append(_store(store, prepared_mask, "mask"))
    return tuple(inputs)
