"""The `fluxdesk export` command line (kept light: building the parser must not import the
imaging stack, so every `fluxdesk` command starts fast). The work is in cli/export.py."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from fluxdesk.core.printing.pages import PAGE_PRESETS, PageSpec, Unit, custom_page

COLOR_MODES = ("mono", "gray", "color")
_SIZE = re.compile(r"^\s*([\d.]+)\s*[x×]\s*([\d.]+)\s*(mm|in)\s*$", re.IGNORECASE)


def _threshold(text: str) -> int | None:
    if text.lower() == "auto":
        return None
    if text.isdigit() and 1 <= int(text) <= 255:
        return int(text)
    raise argparse.ArgumentTypeError("expected 'auto' or a number from 1 to 255")


def _dpi(text: str) -> int:
    if text.isdigit() and 72 <= int(text) <= 2400:
        return int(text)
    raise argparse.ArgumentTypeError("expected a whole number of dpi from 72 to 2400")


def _custom_size(text: str) -> PageSpec:
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError("expected WIDTHxHEIGHT with mm or in, e.g. 200x300mm")
    try:
        unit = Unit.mm if match[3].lower() == "mm" else Unit.inch
        return custom_page(float(match[1]), float(match[2]), unit)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "export",
        help="export a print-ready page (1-bit TIFF/PNG, greyscale, colour, PDF)",
        description="Place an image or a history entry on a page at print resolution, finish "
        "it and save it. The format follows --out: .tif, .png, .jpg or .pdf. Exit codes: 0 ok, "
        "1 failed, 2 usage or bad input.",
    )
    parser.add_argument("input", metavar="INPUT", help="an image file or a history entry id")
    parser.add_argument("--page", required=True, choices=[*PAGE_PRESETS, "custom"])
    parser.add_argument("--custom-size", type=_custom_size, metavar="WxH{mm,in}")
    parser.add_argument("--mode", choices=COLOR_MODES, default="mono")
    parser.add_argument(
        "--dpi", type=_dpi, metavar="N", help="default 600 (mono, gray) or 350 (color)"
    )
    parser.add_argument("--bleed", action="store_true", help="cover the bleed box, not the trim")
    parser.add_argument("--out", type=Path, required=True, metavar="PATH")
    parser.add_argument(
        "--fit",
        choices=["register", "fit", "fill"],
        help="register onto the pencils (default for a history entry) or fit/fill the page",
    )
    parser.add_argument("--align", action="store_true", help="correct a shift/scale vs pencils")
    parser.add_argument("--threshold", type=_threshold, default=None, metavar="N|auto")
    parser.add_argument("--despeckle", type=int, default=0, metavar="PX", help="speck area")
    parser.add_argument("--smooth", type=float, default=0.0, metavar="PX", help="line smoothing")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing file")
    parser.add_argument("--recipe", action="store_true", help="embed the generation recipe")
    parser.add_argument("--sidecar", action="store_true", help="write OUT.json with the recipe")
