"""`fluxdesk export`: a print-ready page from an image file or a history entry.

    fluxdesk export INPUT --page b5 --mode mono --dpi 600 [--bleed] --out page.tif

A history entry is registered onto its pencils (the entry's input image) unless --fit says
otherwise; a file is fitted to the trim (or bleed). Preflight findings are printed as
warnings; they don't fail the export. Exit codes: 0 ok, 1 failed, 2 usage or bad input
(including an existing --out without --overwrite).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image

from fluxdesk.cli.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    exit_code_for,
    open_history,
    print_error,
)
from fluxdesk.core.errors import FluxError, InputError
from fluxdesk.core.history.store import JobRecord
from fluxdesk.core.imaging.load import load_image
from fluxdesk.core.paths import AppPaths
from fluxdesk.core.printing.align import align_to
from fluxdesk.core.printing.export import check_target, export_page
from fluxdesk.core.printing.finishing import ColorMode, FinishSettings
from fluxdesk.core.printing.fit import FitMode, PlacedRect, fit_rect, pencils_rect, render
from fluxdesk.core.printing.pages import PAGE_PRESETS, PageBox
from fluxdesk.core.printing.preflight import preflight
from fluxdesk.core.printing.recipe import Recipe
from fluxdesk.core.printing.settings import ExportSettings

_PENCIL_SLOTS = ("input_image", "image")  # the image an edit started from
_MIN_ALIGN_CONFIDENCE = 0.2


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    try:
        return _export(args, paths)
    except FluxError as error:
        print_error(error.user_message)
        return exit_code_for(error)
    except KeyboardInterrupt:
        print_error("Interrupted; nothing was written.")
        return EXIT_INTERRUPTED
    except (OSError, MemoryError) as exc:
        print_error(f"The export failed: {exc}")
        return EXIT_FAILED


def _settings(args: argparse.Namespace) -> ExportSettings:
    if args.page == "custom":
        if args.custom_size is None:
            raise InputError("--page custom needs --custom-size, e.g. --custom-size 200x300mm.")
        page = args.custom_size
    elif args.custom_size is not None:
        raise InputError("--custom-size only goes with --page custom.")
    else:
        page = PAGE_PRESETS[args.page]
    if args.despeckle < 0 or args.smooth < 0:
        raise InputError("--despeckle and --smooth can't be negative.")
    mode = ColorMode(args.mode)
    return ExportSettings(
        page=page,
        dpi=args.dpi or (350 if mode is ColorMode.color else 600),
        finish=FinishSettings(mode, args.threshold, args.despeckle, smooth_px=args.smooth),
        bleed=args.bleed,
        embed_recipe=args.recipe,
        sidecar=args.sidecar,
    )


def _export(args: argparse.Namespace, paths: AppPaths) -> int:
    settings = _settings(args)
    check_target(args.out, settings, with_sidecar=args.sidecar, overwrite=args.overwrite)
    source = Path(args.input)
    record: JobRecord | None = None
    pencils: Path | None = None
    if source.is_file():
        if args.recipe or args.sidecar:
            raise InputError(
                "--recipe and --sidecar need a history entry id as INPUT: a plain file has no "
                "recorded recipe."
            )
        result_path = source
    else:
        record, pencils = _history_entry(args.input, paths)
        assert record.result is not None
        result_path = record.result.path
    image = load_image(result_path)
    fit = args.fit or ("register" if pencils else "fit")
    if fit == "register" and pencils is None:
        raise InputError("--fit register needs a history entry with an input (pencils) image.")
    if args.align and fit != "register":
        raise InputError("--align works with --fit register (a history entry with pencils).")

    guides = settings.guides
    box = guides.box(PageBox.bleed if settings.bleed else PageBox.trim)
    if fit == "register":
        assert pencils is not None
        reference = load_image(pencils)
        rect = pencils_rect(reference.size, guides, box=PageBox.trim)
        if args.align:
            rect = _aligned(rect, reference, image)
    else:
        rect = fit_rect(image.size, box, FitMode(fit))
    page = render(image, rect, (guides.canvas.width, guides.canvas.height))
    source_dpi = settings.dpi * image.width / rect.width
    for finding in preflight(page, settings, source_dpi=source_dpi):
        print(f"fluxdesk: preflight {finding.severity.value}: {finding.message}", file=sys.stderr)
    recipe = Recipe.from_job(record) if record is not None else None
    written = export_page(page, args.out, settings, recipe=recipe, overwrite=args.overwrite)
    width, height = settings.size_px
    print(f"Exported {written} ({width}×{height} px, {settings.dpi} dpi, {settings.mode.value})")
    return EXIT_OK


def _history_entry(entry_id: str, paths: AppPaths) -> tuple[JobRecord, Path | None]:
    if not paths.history_db.exists():
        raise InputError(f"'{entry_id}' is neither an image file nor a history entry.")
    store = open_history(paths)
    record = store.get_job(entry_id)
    if record is None:
        raise InputError(f"'{entry_id}' is neither an image file nor a history entry.")
    if record.result is None:
        raise InputError(
            f"History entry {entry_id} has no result image ({record.state.value}); nothing to "
            "export."
        )
    for slot in _PENCIL_SLOTS:
        if (wanted := record.request.input(slot)) and (stored := store.get_image(wanted.sha256)):
            return record, stored.path
    return record, None


def _aligned(rect: PlacedRect, reference: Image.Image, image: Image.Image) -> PlacedRect:
    alignment = align_to(reference, image)
    if alignment.confidence < _MIN_ALIGN_CONFIDENCE:
        print(
            "fluxdesk: warning: the result could not be matched to its pencils; it was "
            "placed without alignment.",
            file=sys.stderr,
        )
        return rect
    print(
        f"Aligned to pencils: moved {alignment.dx:+.1f}, {alignment.dy:+.1f} px, scaled "
        f"{alignment.scale:.4f} (confidence {alignment.confidence:.2f})"
    )
    return alignment.apply(rect, reference.size)
