"""What the chapter batch controller runs off the GUI thread, and the values it passes around:
pricing a new batch, staging a page's scan for the model, and tile thumbnails."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from fluxdesk.core import batch as batches
from fluxdesk.core.api.catalog import ModelSpec
from fluxdesk.core.api.models import InputImage
from fluxdesk.core.batch import Batch, BatchPage, BatchSettings, Estimate, SeedPolicy
from fluxdesk.core.errors import FluxError, InputError, ValidationProblem
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.imaging.thumbnails import ensure_thumbnail
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.core.providers.base import Provider
from fluxdesk.ui.i18n import translate

log = logging.getLogger(__name__)

THUMBNAIL_PX = 200


@dataclass(frozen=True, slots=True)
class NewBatch:
    """What the New Batch dialog asks for."""

    files: tuple[Path, ...]
    state: PromptState  # model, prompt, params, variations, preset and provider
    seed_policy: SeedPolicy
    base_seed: int | None
    book: str
    chapter: str
    label: str = ""  # the task's name, as the artist chose it


@dataclass(frozen=True, slots=True)
class BatchProposal:
    """A priced batch waiting for the artist's yes."""

    request: NewBatch
    settings: BatchSettings
    estimate: Estimate
    model_label: str
    billing: str
    concurrency: int
    budget_reasons: tuple[str, ...] = ()
    balance: float | None = None


def price_batch(request: NewBatch, provider: Provider) -> tuple[NewBatch, BatchSettings, Estimate]:
    """Worker: the batch's settings, checked, and every job's price added up."""
    if not request.files:
        raise InputError(
            translate("BatchController", "Add the pages first: a folder, or some image files.")
        )
    state = request.state
    template = state.requests(())[0]
    settings = BatchSettings(template, state.variations, request.seed_policy, request.base_seed)
    sizes = batches.page_sizes(request.files)
    spec = provider.model(template.model)
    sample = settings.requests(0, batches.sized_input(spec, sizes[0]))[0]
    if problems := provider.validate(sample):
        raise ValidationProblem(problems)
    return request, settings, batches.estimate(provider, settings, sizes)


def staged_page(
    store: HistoryStore, spec: ModelSpec, batch: Batch, page: BatchPage
) -> tuple[Batch, BatchPage, InputImage | None, FluxError | None]:
    """Worker: the page's input for the model, or why it could not be made."""
    try:
        return batch, page, batches.stage(store, spec, page), None
    except FluxError as error:
        return batch, page, None, error.with_traceback(None)


def thumbnail_image(source: Path, folder: Path, sha256: str) -> QImage | None:
    """A QImage (safe off the GUI thread) of the cached thumbnail; None if unreadable."""
    try:
        path = ensure_thumbnail(source, folder, sha256)
    except Exception as exc:  # a missing or damaged file: the tile shows no picture
        log.warning("no thumbnail for %s: %s", sha256[:12], exc)
        return None
    image = QImage(str(path))
    if max(image.width(), image.height()) > THUMBNAIL_PX:
        image = image.scaled(
            THUMBNAIL_PX,
            THUMBNAIL_PX,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image
