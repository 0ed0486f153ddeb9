"""A batch's pages from files: which files a folder holds, the price of running them, keeping
each scan in the history, and staging what is sent. Blocking (disk, decode); worker thread."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fluxdesk.core.api.catalog import Family, ModelSpec
from fluxdesk.core.api.models import InputImage
from fluxdesk.core.batch.model import BatchPage, BatchSettings
from fluxdesk.core.batch.records import PageSource
from fluxdesk.core.errors import CorruptImage, InputError
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.imaging.load import load_image, read_info
from fluxdesk.core.imaging.prepare import target_size
from fluxdesk.core.inputs import store_input
from fluxdesk.core.messages import Message
from fluxdesk.core.providers.base import Provider

PAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".bmp", ".psd")
_NUMBER = re.compile(r"(\d+)")


def _natural(path: Path) -> list[object]:
    """'page-2' before 'page-10'."""
    return [int(part) if part.isdigit() else part.lower() for part in _NUMBER.split(path.name)]


def page_files(folder: Path) -> list[Path]:
    """The images directly in `folder`, in page order (hidden files skipped)."""
    if not folder.is_dir():
        raise InputError(Message("'{folder}' is not a folder.", folder=str(folder)))
    files = [
        path
        for path in folder.iterdir()
        if path.is_file() and path.suffix.lower() in PAGE_SUFFIXES and not path.name.startswith(".")
    ]
    if not files:
        raise InputError(
            Message(
                "There are no page images (PNG, JPEG, TIFF…) in '{folder}'.", folder=folder.name
            )
        )
    return sorted(files, key=_natural)


def main_slot(spec: ModelSpec) -> str:
    """Where the page goes: the first input of an editing model (Kontext, FLUX.2, or a
    provider's stand-in for them); other models do not redraw a page."""
    if spec.family not in (Family.kontext, Family.flux2) or not spec.image_slots:
        raise InputError(
            Message(
                "{model} does not edit a page, so it can't run a chapter batch: choose an "
                "editing model such as FLUX.1 Kontext.",
                model=spec.label,
            )
        )
    return spec.image_slots[0]


@dataclass(frozen=True, slots=True)
class Estimate:
    pages: int
    jobs: int
    total: float  # credits (US cents)
    unknown: int  # jobs without a known price

    @property
    def per_job(self) -> float:
        return self.total / self.jobs if self.jobs else 0.0


def sized_input(spec: ModelSpec, size: tuple[int, int]) -> InputImage:
    """A stand-in for a page's staged input: pricing and checking need only its size."""
    return InputImage(main_slot(spec), "0" * 64, *target_size(*size, spec.max_input_pixels))


def estimate(
    provider: Provider, settings: BatchSettings, sizes: Sequence[tuple[int, int]]
) -> Estimate:
    """The sum of every job's price, from the pages' sizes (header reads, no decoding)."""
    spec = provider.model(settings.template.model)
    total, unknown = 0.0, 0
    for size in sizes:
        for request in settings.requests(0, sized_input(spec, size)):
            price = provider.price(request)
            if price is None:
                unknown += 1
            else:
                total += price
    jobs = len(sizes) * settings.variations
    return Estimate(len(sizes), jobs, round(total, 3), unknown)


def page_sizes(paths: Sequence[Path]) -> list[tuple[int, int]]:
    """Each file's upright size from its header; CorruptImage names the bad file."""
    sizes = []
    for path in paths:
        info = read_info(path)
        sizes.append((info.width, info.height))
    return sizes


def keep_source(store: HistoryStore, path: Path) -> PageSource:
    """Stores the file's bytes unchanged (by hash) after checking that it decodes."""
    info = read_info(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorruptImage(
            Message(
                "'{name}' could not be read ({reason}).",
                name=path.name,
                reason=exc.strerror or str(exc),
            )
        ) from exc
    image = store.add_image(data, (info.format or path.suffix[1:]).lower(), info.width, info.height)
    return PageSource(path.stem, path.name, image)


def stage(store: HistoryStore, spec: ModelSpec, page: BatchPage) -> InputImage:
    """The page's scan (from the history) downscaled to what the model takes, stored."""
    image = load_image(page.source.path)
    return store_input(store, spec, image, main_slot(spec))
