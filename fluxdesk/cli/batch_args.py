"""The `fluxdesk batch` command line (light: the work is in cli/batch.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

SEED_POLICIES = ("consecutive", "fixed", "random")


def _variations(text: str) -> int:
    if text.isdigit() and 1 <= int(text) <= 8:
        return int(text)
    raise argparse.ArgumentTypeError("expected 1 to 8")


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "batch",
        help="run one preset over a chapter of pages, and follow or resume it",
        description="A chapter batch: every page of a folder (or a list of files) run with one "
        "task preset, within the API's concurrency limit. The pages and every result are kept "
        "in the history; the app shows them as a contact sheet (View > Chapter Batch). Exit "
        "codes: 0 ok, 1 some pages failed, 2 usage or bad input, 3 no API key, 4 no credits.",
    )
    actions = parser.add_subparsers(dest="batch_command", metavar="ACTION", required=True)

    run = actions.add_parser(
        "run",
        help="start a batch (prints the estimated cost and asks first)",
        description="Prints the estimate (the sum of every job's price) and asks before "
        "sending; --yes skips the question (needed when not run from a terminal).",
    )
    pages = run.add_mutually_exclusive_group(required=True)
    pages.add_argument("--folder", type=Path, metavar="DIR", help="every image in DIR, in order")
    pages.add_argument("--pages", type=Path, nargs="+", metavar="FILE", help="these files")
    run.add_argument("--preset", required=True, metavar="ID", help="task preset id")
    run.add_argument(
        "--fill",
        action="append",
        metavar="NAME=TEXT",
        help="a value for one of the preset's {placeholders}",
    )
    run.add_argument("--model", metavar="MODEL", help="instead of the preset's model")
    run.add_argument(
        "--variations", type=_variations, metavar="N", help="results per page (default: preset)"
    )
    run.add_argument("--seed-policy", choices=SEED_POLICIES, default="consecutive")
    run.add_argument("--seed", type=int, metavar="N", help="first seed (default: random)")
    run.add_argument("--book", default="Batches", metavar="NAME")
    run.add_argument("--chapter", metavar="NAME", help="default: the folder's name")
    run.add_argument("--provider", choices=("bfl", "fal", "comfyui"), default="bfl")
    run.add_argument("--api-url", metavar="URL")
    run.add_argument("--yes", action="store_true", help="send without asking")

    status = actions.add_parser("status", help="every page's status, result and cost")
    status.add_argument("batch", type=int, metavar="ID")
    status.add_argument("--json", action="store_true")

    actions.add_parser("list", help="the batches in the history, newest first")

    resume = actions.add_parser(
        "resume",
        help="finish a batch a crash or a kill interrupted",
        description="Fetches the results of the batch's jobs that were sent (never sending "
        "one twice), then sends the pages that had not been sent.",
    )
    resume.add_argument("batch", type=int, metavar="ID")
    resume.add_argument("--api-url", metavar="URL")
