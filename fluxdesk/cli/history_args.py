"""The `fluxdesk history` command line (light: no imaging or database imports here, so every
`fluxdesk` command starts fast). The work is in cli/history.py."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

STATUSES = ("any", "done", "unfinished", "failed", "expired", "cancelled")
FORMATS = ("table", "tsv", "json")


def _date(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        raise argparse.ArgumentTypeError("expected a date as YYYY-MM-DD") from None


def _count(text: str) -> int:
    if text.isdigit():
        return int(text)
    raise argparse.ArgumentTypeError("expected a whole number (0 for all)")


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "history",
        help="list, show, export, resume or restore the history",
        description="Read the history the app and `fluxdesk generate` write. Entries are named "
        "by id; any unique beginning of an id works (as shown by `list`). Exit codes: 0 ok, "
        "1 failed, 2 usage or bad input, 3 no API key (resume).",
    )
    actions = parser.add_subparsers(dest="history_command", metavar="ACTION", required=True)

    listing = actions.add_parser(
        "list",
        help="entries, newest first, with search and filters",
        description="Columns: ID CREATED STATUS MODEL SEED COST PROMPT (tsv and json give "
        "every field in full, for scripts).",
    )
    listing.add_argument("--search", metavar="TEXT", default="", help="words in the prompt")
    listing.add_argument("--model", metavar="MODEL")
    listing.add_argument("--status", choices=STATUSES, default="any")
    listing.add_argument("--starred", action="store_true", help="starred entries only")
    listing.add_argument("--since", type=_date, metavar="YYYY-MM-DD")
    listing.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="up to that day")
    listing.add_argument("--page", type=int, metavar="ID", help="entries of one project page")
    listing.add_argument("--trash", action="store_true", help="list the trash instead")
    listing.add_argument(
        "--limit", type=_count, default=50, metavar="N", help="at most N entries (0: all)"
    )
    listing.add_argument("--format", choices=FORMATS, default="table")

    show = actions.add_parser("show", help="one entry: its recipe, result and lineage")
    show.add_argument("entry", metavar="ID")
    show.add_argument("--json", action="store_true", help="everything as JSON")

    export = actions.add_parser(
        "export",
        help="an entry's result, inputs and recipe, or the whole history as one archive",
        description="With an ID: writes ID.EXT (the result, byte for byte), its inputs and "
        "ID.json (the recipe) into --out, a folder. With --all: writes a backup of the whole "
        "history (database and images) to --out, a .zip file.",
    )
    export.add_argument("entry", metavar="ID", nargs="?")
    export.add_argument("--all", action="store_true", help="the whole history as one archive")
    export.add_argument("--out", type=Path, required=True, metavar="PATH")
    export.add_argument("--overwrite", action="store_true", help="replace existing files")

    actions.add_parser(
        "resume",
        help="fetch the results of jobs a crash or a closed app interrupted",
        description="Finds jobs left unfinished by a FluxDesk that is no longer running, "
        "fetches those BFL still keeps and marks the rest. Never sends a job twice.",
    )

    restore = actions.add_parser(
        "restore",
        help="replace the history with a backup (the current one is kept beside it)",
    )
    restore.add_argument("archive", type=Path, metavar="ARCHIVE")
