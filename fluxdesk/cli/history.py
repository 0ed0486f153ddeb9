"""`fluxdesk history list|show`: reading the history from the terminal. Export, resume and
restore are in cli/history_transfer.py. Exit codes: 0 ok, 1 failed, 2 usage or bad input."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from datetime import timedelta
from typing import Any

from fluxdesk.cli.common import EXIT_OK, exit_code_for, open_history, print_error
from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.api.pricing import format_credits
from fluxdesk.core.errors import FluxError
from fluxdesk.core.history.lineage import ancestry, descendants
from fluxdesk.core.history.projects import project_tree
from fluxdesk.core.history.records import JobRecord
from fluxdesk.core.history.search import HistoryQuery, StatusFilter, find_entry, search_ids
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import PollPolicy
from fluxdesk.core.paths import AppPaths

SHORT_ID = 12


def run(args: argparse.Namespace, paths: AppPaths, policy: PollPolicy | None = None) -> int:
    try:
        store = open_history(paths)
        if args.history_command == "list":
            return _list(args, store)
        if args.history_command == "show":
            return _show(args, store)
        from fluxdesk.cli.history_transfer import run as run_transfer

        return run_transfer(args, store, paths, policy or PollPolicy())
    except FluxError as error:
        print_error(error.user_message)
        return exit_code_for(error)


def _stamp(seconds: float | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return time.strftime(fmt, time.localtime(seconds)) if seconds else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _credits(record: JobRecord) -> str:
    if record.cost is not None:
        return f"{record.cost:g}"
    return f"~{record.price_estimate:g}" if record.price_estimate is not None else ""


def record_json(record: JobRecord) -> dict[str, Any]:
    """Every field of an entry, for scripts (never the API key: it is not in the history)."""
    return {
        "id": record.id,
        "status": record.status,
        "state": record.state.value,
        "created": record.created_at,
        "source": record.source,
        "model": record.model,
        "prompt": record.prompt,
        "params": dict(record.request.params),
        "seed": record.effective_seed,
        "inputs": [
            {"slot": i.slot, "sha256": i.sha256, "width": i.width, "height": i.height}
            for i in record.request.inputs
        ],
        "result": None
        if record.result is None
        else {
            "path": str(record.result.path),
            "sha256": record.result.sha256,
            "format": record.result.format,
            "width": record.result.width,
            "height": record.result.height,
        },
        "cost": record.cost,
        "price_estimate": record.price_estimate,
        "task_id": record.task_id,
        "times": {
            "submitted": record.submitted_at,
            "ready": record.ready_at,
            "finished": record.finished_at,
            "seconds": record.generation_seconds,
        },
        "error": {"kind": record.error_kind, "message": record.error_message}
        if record.error_message
        else None,
        "parent_id": record.parent_id,
        "settings_from": record.settings_from,
        "page_id": record.page_id,
        "starred": record.starred,
        "rejected": record.rejected,
        "deleted_at": record.deleted_at,
    }


def _query(args: argparse.Namespace) -> HistoryQuery:
    until = args.until + timedelta(days=1) if args.until else None
    return HistoryQuery(
        text=args.search,
        model=args.model,
        status=StatusFilter(args.status),
        starred=args.starred,
        since=args.since.timestamp() if args.since else None,
        until=until.timestamp() if until else None,
        page_id=args.page,
        trash=args.trash,
    )


def _list(args: argparse.Namespace, store: HistoryStore) -> int:
    ids = search_ids(store, _query(args))
    if args.limit:
        ids = ids[: args.limit]
    records = store.get_jobs(ids)
    if args.format == "json":
        print(json.dumps([record_json(r) for r in records], ensure_ascii=False, indent=2))
        return EXIT_OK
    if args.format == "tsv":
        for r in records:
            fields = [
                r.id,
                _stamp(r.created_at, "%Y-%m-%dT%H:%M:%S"),
                r.status,
                r.model,
                str(r.effective_seed or ""),
                _credits(r),
                "starred" if r.starred else "",
                str(r.result.path) if r.result else "",
                _one_line(r.prompt),
            ]
            print("\t".join(fields))
        return EXIT_OK
    width = shutil.get_terminal_size((120, 24)).columns
    header = f"{'ID':<{SHORT_ID}}  {'CREATED':<16}  {'STATUS':<9}  {'MODEL':<20}  {'SEED':>10}"
    header += f"  {'COST':>6}  PROMPT"
    print(header)
    room = max(20, width - len(header) + len("PROMPT"))
    for r in records:
        star = "★ " if r.starred else ""
        prompt = star + _one_line(r.prompt)
        if len(prompt) > room:
            prompt = prompt[: room - 1] + "…"
        print(
            f"{r.id[:SHORT_ID]:<{SHORT_ID}}  {_stamp(r.created_at):<16}  {r.status:<9}  "
            f"{r.model[:20]:<20}  {r.effective_seed or '':>10}  {_credits(r):>6}  {prompt}"
        )
    if not records:
        print("(no entries)", file=sys.stderr)
    return EXIT_OK


def _model_label(model: str) -> str:
    try:
        return f"{get_model(model).label} ({model})"
    except Exception:  # a model this version no longer knows
        return model


def _show(args: argparse.Namespace, store: HistoryStore) -> int:
    record = find_entry(store, args.entry)
    chain = ancestry(store, record.id)
    children = descendants(store, record.id)
    if args.json:
        data = record_json(record)
        data["lineage"] = {
            "ancestors": [r.id for r in chain[:-1]],
            "children": [link.id for link in children],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    rows: list[tuple[str, str]] = [
        ("Entry", record.id),
        ("Status", record.status + (f": {record.error_message}" if record.error_message else "")),
        ("Model", _model_label(record.model)),
        ("Prompt", record.prompt or "(none)"),
        ("Seed", str(record.effective_seed or "random")),
        ("Settings", ", ".join(f"{k}={v}" for k, v in sorted(record.request.params.items()))),
    ]
    for image in record.request.inputs:
        stored = store.get_image(image.sha256)
        where = str(stored.path) if stored else "(missing)"
        rows.append((f"Input {image.slot}", f"{image.width}×{image.height}  {where}"))
    if record.result:
        result = record.result
        rows.append(("Result", f"{result.width}×{result.height} {result.format}  {result.path}"))
    if record.cost is not None:
        rows.append(("Cost", format_credits(record.cost)))
    elif record.price_estimate is not None:
        rows.append(("Estimate", format_credits(record.price_estimate)))
    times = f"created {_stamp(record.created_at, '%Y-%m-%d %H:%M:%S')}"
    if record.generation_seconds is not None:
        times += f", took {record.generation_seconds:.1f} s"
    rows.append(("Time", times))
    if record.task_id:
        rows.append(("Task", record.task_id))
    if page := project_tree(store).label(record.page_id):
        rows.append(("Page", page))
    flags = [
        name
        for name, on in (
            ("starred", record.starred),
            ("rejected", record.rejected),
            ("in the trash", record.deleted_at),
        )
        if on
    ]
    if flags:
        rows.append(("Flags", ", ".join(flags)))
    for label, value in rows:
        print(f"{label:<12} {value}")
    if len(chain) > 1 or children:
        print("Lineage")
        for depth, ancestor in enumerate(chain):
            marker = "└ " if depth else ""
            mine = "  ◀ this entry" if ancestor.id == record.id else ""
            print(
                f"  {'  ' * depth}{marker}{ancestor.id[:SHORT_ID]}  "
                f"{_one_line(ancestor.prompt)[:60]}{mine}"
            )
        for link in children:
            print(f"  {'  ' * len(chain)}└ {link.id[:SHORT_ID]}  (made from this entry)")
    return EXIT_OK
