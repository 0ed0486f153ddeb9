"""The blocking steps behind the Finish & Export panel: load what the canvas shows, place it on
the page, preflight it, export it (one page or a chapter PDF).

No Qt here. Every function is blocking; the controller runs them on its worker pools with a
``progress`` callback and a ``cancel`` event (``core.printing.steps``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar, overload

from PIL import Image

from fluxdesk.core.errors import InputError
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.imaging.load import load_image, read_info
from fluxdesk.core.jobs import JobId
from fluxdesk.core.printing.align import align_to
from fluxdesk.core.printing.export import export_page
from fluxdesk.core.printing.fit import Alignment, render
from fluxdesk.core.printing.pdf import export_chapter_pdf
from fluxdesk.core.printing.preflight import Finding, preflight
from fluxdesk.core.printing.recipe import Recipe
from fluxdesk.core.printing.settings import ExportSettings
from fluxdesk.core.printing.steps import Progress, check_cancel, report, sub_progress
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.printing.state import Layout, PrintState, layout_for

T = TypeVar("T")

PREVIEW_SOURCE_SIDE = 4096  # the preview never needs more source pixels than this
PREFLIGHT_MAX_DPI = 600  # thin lines are measurable at 600 dpi; 1200 would only cost time
MIN_ALIGN_CONFIDENCE = 0.2  # below this the match is chance (same rule as `fluxdesk export`)


@dataclass(frozen=True, slots=True)
class Subject:
    """What the canvas shows: a result over its pencils, or an input on its own."""

    key: str  # "input" or a job id: alignments belong to one subject
    name: str  # for suggested file names
    path: Path | None = None  # the image (None for a pasted one, in `image`)
    image: Image.Image | None = None
    pencils: Path | None = None
    job_id: JobId | None = None

    @property
    def folder(self) -> Path | None:
        source = self.pencils or self.path
        return source.parent if source is not None else None


@dataclass(frozen=True, slots=True)
class LoadedSubject:
    subject: Subject
    full: Image.Image  # L or RGB, upright
    preview: Image.Image  # `full` reduced to at most PREVIEW_SOURCE_SIDE
    pencils_size: tuple[int, int] | None

    @property
    def key(self) -> str:
        return self.subject.key

    def layout(self, state: PrintState, dpi: float | None = None) -> Layout:
        return layout_for(state, self.key, self.full.size, self.pencils_size, dpi)

    def source_dpi(self, state: PrintState) -> float:
        """The real resolution of the artwork as placed (a 1 MP result on B5: ~170 dpi)."""
        return state.dpi * self.full.width / self.layout(state).image.width


def load_subject(subject: Subject) -> LoadedSubject:
    """Decodes the image and reads the pencils' size from their header. Blocking."""
    if subject.image is not None:
        full = subject.image if subject.image.mode in ("L", "RGB") else subject.image.convert("RGB")
    elif subject.path is not None:
        full = load_image(subject.path)
    else:
        raise InputError(
            translate("FinishPanel", "There is nothing on the canvas to put on a page.")
        )
    preview = full
    if max(full.size) > PREVIEW_SOURCE_SIDE:
        preview = full.copy()
        preview.thumbnail((PREVIEW_SOURCE_SIDE, PREVIEW_SOURCE_SIDE), Image.Resampling.LANCZOS)
    pencils_size = None
    if subject.pencils is not None:
        info = read_info(subject.pencils)
        pencils_size = (info.width, info.height)
    return LoadedSubject(subject, full, preview, pencils_size)


def place_page(
    loaded: LoadedSubject,
    state: PrintState,
    dpi: float | None = None,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Image.Image:
    """The page canvas at ``dpi`` (default: the target) with the image placed. Blocking."""
    layout = loaded.layout(state, dpi)
    return render(loaded.full, layout.image, layout.canvas_size, progress=progress, cancel=cancel)


def align_subject(
    loaded: LoadedSubject,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Alignment:
    """How far the model moved the drawing against its pencils. Blocking (~0.5 s)."""
    if loaded.subject.pencils is None:
        raise InputError(
            translate(
                "FinishPanel", "Align to pencils needs a result made from pencils; this has none."
            )
        )
    check_cancel(cancel)
    pencils = load_image(loaded.subject.pencils)
    report(progress, 0.3)
    return align_to(pencils, loaded.full, progress=sub_progress(progress, 0.3, 1.0), cancel=cancel)


@dataclass(frozen=True, slots=True)
class PreflightReport:
    state: PrintState
    key: str
    findings: tuple[Finding, ...]
    checked_size: tuple[int, int]  # pixels of the page the boxes refer to


class LastResult(Generic[T]):
    """The last result of a costly step (a placed page), shared by the runs of one kind of work
    (thread-safe): moving the threshold re-checks or re-finishes the same page without placing
    it again."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entry: tuple[object, T] | None = None

    def get(self, key: object) -> T | None:
        with self._lock:
            return self._entry[1] if self._entry and self._entry[0] == key else None

    def put(self, key: object, value: T) -> None:
        with self._lock:
            self._entry = (key, value)

    def clear(self) -> None:
        with self._lock:
            self._entry = None


def run_preflight(
    loaded: LoadedSubject,
    state: PrintState,
    cache: LastResult[Image.Image],
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> PreflightReport:
    """Preflight of the page as placed (before finishing), at most 600 dpi. Blocking."""
    dpi = min(state.dpi, PREFLIGHT_MAX_DPI)
    layout = loaded.layout(state, dpi)
    key = (loaded.key, id(loaded.full), layout)
    page = cache.get(key)
    if page is None:
        page = place_page(
            loaded, state, dpi, progress=sub_progress(progress, 0.0, 0.5), cancel=cancel
        )
        cache.put(key, page)
    findings = preflight(
        page,
        state.export_settings(),
        source_dpi=loaded.source_dpi(state),
        progress=sub_progress(progress, 0.5, 1.0),
        cancel=cancel,
    )
    return PreflightReport(state, loaded.key, tuple(findings), page.size)


@dataclass(frozen=True, slots=True)
class ExportRequest:
    path: Path
    settings: ExportSettings
    overwrite: bool = False


def export_subject(
    loaded: LoadedSubject,
    state: PrintState,
    request: ExportRequest,
    store: HistoryStore | None,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Places and writes one page (see ``core.printing.export.export_page``). Blocking."""
    settings = request.settings
    wants_recipe = settings.embed_recipe or settings.sidecar
    recipe = None
    if wants_recipe and loaded.subject.job_id is not None and store is not None:
        record = store.get_job(loaded.subject.job_id)
        recipe = Recipe.from_job(record) if record is not None else None
    page = place_page(loaded, state, progress=sub_progress(progress, 0.0, 0.6), cancel=cancel)
    return export_page(
        page,
        request.path,
        settings,
        recipe=recipe,
        overwrite=request.overwrite,
        progress=sub_progress(progress, 0.6, 1.0),
        cancel=cancel,
    )


class _ChapterPages(Sequence[Image.Image]):
    """Pages placed one at a time as the PDF writer asks for them, so a long chapter of 52 MP
    pages never sits in memory at once."""

    def __init__(
        self,
        subjects: Sequence[Subject],
        state: PrintState,
        align: bool,
        progress: Progress | None,
        cancel: threading.Event | None,
    ) -> None:
        self._subjects = subjects
        self._state = state
        self._align = align
        self._progress = progress
        self._cancel = cancel

    def __len__(self) -> int:
        return len(self._subjects)

    @overload
    def __getitem__(self, index: int) -> Image.Image: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Image.Image]: ...
    def __getitem__(self, index: int | slice) -> Image.Image | Sequence[Image.Image]:
        if isinstance(index, slice):
            raise TypeError("chapter pages are placed one at a time")
        if not 0 <= index < len(self._subjects):
            raise IndexError(index)
        count = len(self._subjects)
        # Placing takes most of a page's time; the writer reports the page as done after it.
        page_progress = sub_progress(self._progress, index / count, (index + 0.8) / count)
        loaded = load_subject(self._subjects[index])
        state = self._state
        if self._align and loaded.pencils_size is not None:
            alignment = align_subject(loaded, cancel=self._cancel)
            if alignment.confidence >= MIN_ALIGN_CONFIDENCE:
                state = state.with_placement(alignment=alignment, aligned_key=loaded.key)
        return place_page(loaded, state, progress=page_progress, cancel=self._cancel)

    def __iter__(self) -> Iterator[Image.Image]:
        for index in range(len(self)):
            yield self[index]


def export_chapter(
    subjects: Sequence[Subject],
    state: PrintState,
    request: ExportRequest,
    *,
    align: bool = False,
    title: str | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """One PDF page per subject, in order, each placed like the current page. Blocking."""
    pages = _ChapterPages(subjects, state, align, progress, cancel)
    return export_chapter_pdf(
        pages,
        request.path,
        request.settings,
        title=title,
        overwrite=request.overwrite,
        progress=progress,
        cancel=cancel,
    )
