"""The layered hand-off of one page: which images become layers (the pencils, each kept
result, the flats), each registered onto the pencils' frame at full page resolution, written
as a PSD and verified by reading the file back.

A result is made from the pencils (downscaled to about 1 MP) and covers their whole frame, so
it is stretched onto exactly the pencils' pixel grid with the print pipeline's line-art
upscaler (``printing.fit.render``): no crop, no shift, no aspect change. A grown page (FLUX
Expand) no longer shares the pencils' frame and is left out, with a note.

Blocking (decodes, resamples and writes hundreds of MB for a 600 dpi page); worker thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from fluxdesk.core.errors import InputError, StorageError
from fluxdesk.core.history.records import JOB_SELECT, JobRecord, record_from_row
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.imaging.load import load_image, read_info
from fluxdesk.core.layers.psd import BlendMode, Layer, write_psd
from fluxdesk.core.messages import Message
from fluxdesk.core.printing.fit import PlacedRect, render
from fluxdesk.core.printing.steps import Progress, check_cancel, report, sub_progress

_FLATS_WORDS = ("flats", "flat colour", "flat color", "flat colours", "flat colors")


class LayerRole(StrEnum):
    pencils = "pencils"
    ink = "ink"  # a kept result: line art, multiplied over what is below
    flats = "flats"  # base colours under the ink


@dataclass(frozen=True, slots=True)
class LayerSource:
    name: str
    path: Path
    role: LayerRole
    visible: bool = True
    job_id: str | None = None
    size: tuple[int, int] = (0, 0)  # the image's own size (the layer is the page's)


@dataclass(frozen=True, slots=True)
class HandoffPlan:
    """What the export dialog shows: the page, its layers (pencils first), and notes."""

    page_name: str
    folder: Path | None  # where the pencils came from, to suggest a place for the file
    page_size: tuple[int, int]
    dpi: float | None
    layers: tuple[LayerSource, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PsdSummary:
    path: Path
    size: tuple[int, int]
    layers: tuple[str, ...]
    bytes: int
    seconds: float


def is_flats(job: JobRecord) -> bool:
    """A flats job: made with a flats preset, or asking for flat colours."""
    preset = (job.request.preset_id or "").lower()
    prompt = job.prompt.lower()
    return "flats" in preset or any(word in prompt for word in _FLATS_WORDS)


def _results(store: HistoryStore, page_id: int | None, input_sha: str | None) -> list[JobRecord]:
    """Finished results of the project page, else those made from the input; newest first."""
    if page_id is not None:
        where, value = "jobs.page_id = ?", page_id
    elif input_sha is not None:
        where = "jobs.id IN (SELECT job_id FROM job_inputs WHERE sha256 = ?)"
        value = input_sha
    else:
        return []
    with store.read() as db:
        rows = db.execute(
            f"{JOB_SELECT} WHERE {where} AND jobs.result_sha256 IS NOT NULL "
            "AND jobs.deleted_at IS NULL ORDER BY jobs.created_at DESC",
            (value,),
        ).fetchall()
    return [record_from_row(row, store.images_dir) for row in rows]


def _label(job: JobRecord, role: LayerRole) -> str:
    """The layer's name; the GUI shows (and writes) it in its own language."""
    seed = job.effective_seed
    if role is LayerRole.flats:
        return Message("Flats") if seed is None else Message("Flats (seed {seed})", seed=seed)
    return Message("Ink") if seed is None else Message("Ink (seed {seed})", seed=seed)


def plan_handoff(
    store: HistoryStore,
    pencils: Path,
    *,
    page_name: str,
    page_id: int | None = None,
    input_sha: str | None = None,
    shown_job: str | None = None,
    folder: Path | None = None,
) -> HandoffPlan:
    """The layers for a page whose full-resolution pencils are `pencils`: every starred
    (or batch-accepted, which stars) result of project page `page_id` (else of the results
    made from the input `input_sha`), the result on the canvas, and the newest flats."""
    info = read_info(pencils)
    size = (info.width, info.height)
    found = _results(store, page_id, input_sha)
    kept = [job for job in found if job.starred or job.id == shown_job]
    flats = [job for job in found if is_flats(job)]
    flats_pick = next((job for job in flats if job.starred), flats[0] if flats else None)
    chosen = kept + ([flats_pick] if flats_pick and flats_pick not in kept else [])
    notes = [
        Message(
            "A grown page (seed {seed}) was left out: its frame is larger than the pencils'.",
            seed=job.effective_seed,
        )
        for job in chosen
        if job.edit_kind == "expand"
    ]
    chosen = [job for job in chosen if job.edit_kind != "expand"]
    inks = [job for job in chosen if not is_flats(job)]
    # One ink shows (the one on the canvas, else the newest) and sits on top of the others.
    on_top = next((job for job in inks if job.id == shown_job), inks[0] if inks else None)
    ordered = [job for job in reversed(chosen) if job is not on_top] + ([on_top] if on_top else [])
    layers = [LayerSource(Message("Pencils"), pencils, LayerRole.pencils, True, None, size)]
    for job in ordered:
        assert job.result is not None
        role = LayerRole.flats if is_flats(job) else LayerRole.ink
        result = job.result
        layers.append(
            LayerSource(
                _label(job, role),
                result.path,
                role,
                role is LayerRole.flats or job is on_top,
                job.id,
                (result.width, result.height),
            )
        )
    if len(layers) > 1:  # the finished page is what a viewer shows; the pencils stay below
        layers[0] = replace(layers[0], visible=False)
    else:
        notes.append(Message("No starred result for this page yet: star the results to hand off."))
    return HandoffPlan(
        page_name, folder, size, info.dpi[0] if info.dpi else None, tuple(layers), tuple(notes)
    )


def stacking(layers: Sequence[LayerSource]) -> list[LayerSource]:
    """Bottom first, as the file stores them: pencils, then flats, then inks."""
    order = {LayerRole.pencils: 0, LayerRole.flats: 1, LayerRole.ink: 2}
    return sorted(layers, key=lambda layer: order[layer.role])


def build_layers(
    sources: Sequence[LayerSource],
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> list[Layer]:
    """Each source decoded and registered onto the pencils' grid (the first pencils layer
    sets the page size), bottom first."""
    ordered = stacking(sources)
    pencils = next((s for s in ordered if s.role is LayerRole.pencils), None)
    if pencils is None:
        raise InputError("The pencils are needed: they set the page's size and frame.")
    page = load_image(pencils.path)
    layers = []
    for index, source in enumerate(ordered):
        check_cancel(cancel)
        step = sub_progress(progress, index / len(ordered), (index + 1) / len(ordered))
        image = page if source is pencils else load_image(source.path)
        if image.size != page.size:
            frame = PlacedRect(0.0, 0.0, float(page.width), float(page.height))
            image = render(image, frame, page.size, progress=step, cancel=cancel)
        report(step, 1.0)
        blend = BlendMode.multiply if source.role is LayerRole.ink else BlendMode.normal
        layers.append(Layer(source.name, image, source.visible, 1.0, blend))
    return layers


def verify_psd(path: Path, expected: Sequence[Layer]) -> None:
    """Reads the file back: its size, every layer's name, order, size and visibility, and
    every layer's pixels and the composite decode (about a second for a 600 dpi page)."""
    from psd_tools import PSDImage

    try:
        psd = PSDImage.open(path)
        # One image at a time (each is ~80 MB at 600 dpi); None (no pixels) fails here too.
        decoded = [psd.topil().size] + [layer.topil().size for layer in psd]
    except Exception as exc:  # psd-tools raises many types for a damaged file
        raise StorageError(
            Message(
                "'{name}' was written but could not be read back ({reason}); it may be damaged.",
                name=path.name,
                reason=str(exc),
            ),
            detail=repr(exc),
        ) from exc
    size = expected[0].image.size
    if any(found_size != size for found_size in decoded):
        raise StorageError(
            Message(
                "'{name}' did not read back at {width}×{height} px.",
                name=path.name,
                width=size[0],
                height=size[1],
            )
        )
    found = [(layer.name, layer.size, layer.visible) for layer in psd]
    wanted = [(layer.name, size, layer.visible) for layer in expected]
    if psd.size != size or found != wanted:
        raise StorageError(
            Message(
                "'{name}' did not read back as written (expected {count} layers of "
                "{width}×{height}); export it again.",
                name=path.name,
                count=len(wanted),
                width=size[0],
                height=size[1],
            ),
            detail=f"found {found}, size {psd.size}",
        )


def export_layered_psd(
    path: Path,
    sources: Sequence[LayerSource],
    *,
    dpi: float | None,
    overwrite: bool,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> PsdSummary:
    """Builds, writes (atomically) and verifies the file. Blocking."""
    started = time.monotonic()
    layers = build_layers(sources, progress=sub_progress(progress, 0.0, 0.55), cancel=cancel)
    check_cancel(cancel)
    write_psd(path, layers, dpi=dpi, overwrite=overwrite)
    report(progress, 0.85)
    try:
        verify_psd(path, layers)
    except StorageError:
        path.unlink(missing_ok=True)  # no file that only looks like a finished hand-off
        raise
    report(progress, 1.0)
    return PsdSummary(
        path,
        layers[0].image.size,
        tuple(layer.name for layer in layers),
        path.stat().st_size,
        time.monotonic() - started,
    )
