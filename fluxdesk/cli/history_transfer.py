"""`fluxdesk history export|resume|restore`: getting work out of the history, fetching what a
crash interrupted, and putting a backup back."""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fluxdesk.cli.common import (
    EXIT_AUTH,
    EXIT_FAILED,
    EXIT_OK,
    api_url,
    claim_lease,
    exit_code_for,
    make_api,
    print_error,
    worst_exit_code,
)
from fluxdesk.cli.history import SHORT_ID, record_json
from fluxdesk.core.api.client import FluxApi
from fluxdesk.core.atomic import atomic_write_bytes
from fluxdesk.core.errors import InputError, MissingKey, OutputExists
from fluxdesk.core.history.archive import backup_history, restore_history
from fluxdesk.core.history.leases import live_owners
from fluxdesk.core.history.resume import (
    RecoveryAction,
    RecoveryStep,
    ResumePlan,
    claim_interrupted,
    decide,
    note_waiting,
    run_resume,
    settle,
)
from fluxdesk.core.history.search import find_entry
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobState, JobUpdate, PollPolicy
from fluxdesk.core.paths import AppPaths
from fluxdesk.core.printing.files import storage_error
from fluxdesk.core.providers.bfl import BflProvider

RECIPE_SCHEMA = "fluxdesk.entry/1"


def run(args: argparse.Namespace, store: HistoryStore, paths: AppPaths, policy: PollPolicy) -> int:
    if args.history_command == "export":
        return _export(args, store)
    if args.history_command == "resume":
        return _resume(store, policy)
    return _restore(args, store, paths)


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count / 1000:.0f} kB"


def _export(args: argparse.Namespace, store: HistoryStore) -> int:
    out: Path = args.out
    if args.all == bool(args.entry):
        raise InputError("Give an entry ID, or --all for the whole history (not both).")
    if args.all:
        if out.exists() and not args.overwrite:
            raise OutputExists(out)
        summary = backup_history(store, out)
        print(
            f"Backed up {summary.entries} entries and {summary.images} images to {out} "
            f"({_size(out.stat().st_size)})"
        )
        if summary.missing_images:
            print(
                f"fluxdesk: warning: {summary.missing_images} image files were already "
                "missing from the history folder",
                file=sys.stderr,
            )
        return EXIT_OK

    record = find_entry(store, args.entry)
    stem = record.id[:SHORT_ID]
    files: dict[Path, bytes] = {}
    if record.result is not None:
        files[out / f"{stem}{record.result.path.suffix}"] = record.result.path.read_bytes()
    inputs = []
    for image in record.request.inputs:
        stored = store.get_image(image.sha256)
        name = f"{stem}-{image.slot}{stored.path.suffix if stored else '.png'}"
        if stored is not None and stored.path.is_file():
            files[out / name] = stored.path.read_bytes()
        inputs.append({"slot": image.slot, "file": name, "sha256": image.sha256})
    recipe = {"schema": RECIPE_SCHEMA, **record_json(record), "input_files": inputs}
    if record.result is not None:
        recipe["result_file"] = f"{stem}{record.result.path.suffix}"
    files[out / f"{stem}.json"] = (json.dumps(recipe, ensure_ascii=False, indent=2) + "\n").encode()
    if not args.overwrite:
        for path in files:
            if path.exists():
                raise OutputExists(path)
    written: list[Path] = []  # new files, taken back if a later one fails: all or nothing
    try:
        for path, data in files.items():
            new = not path.exists()
            atomic_write_bytes(path, data, durable=False)
            if new:
                written.append(path)
    except OSError as exc:
        for done in written:
            done.unlink(missing_ok=True)
        raise storage_error(exc, path) from exc
    for path in files:
        print(f"Wrote {path}")
    if record.result is None:
        print(
            f"fluxdesk: note: entry {stem} has no result ({record.status}); wrote its recipe "
            "and inputs",
            file=sys.stderr,
        )
    return EXIT_OK


def _resume(store: HistoryStore, policy: PollPolicy) -> int:
    lease = claim_lease(store)
    try:
        interrupted = claim_interrupted(store)
        if not interrupted:
            print("Nothing to resume: no job was left unfinished by a closed FluxDesk.")
            return EXIT_OK
        api: FluxApi | None
        try:
            api = make_api(api_url(None))
        except MissingKey:
            api = None
        # The command line resumes BFL jobs; fal.ai and ComfyUI jobs wait for the app.
        now = time.time()
        steps = [
            decide(
                job, now=now, have_key=api is not None and job.request.provider == "bfl", demo=False
            )
            for job in interrupted
        ]
        settle(store, steps)
        note_waiting(store, steps)
        codes = [_report_step(step) for step in steps if not step.runs]
        runnable = [step for step in steps if step.runs and api is not None]
        with ThreadPoolExecutor(max_workers=min(8, len(runnable) or 1)) as pool:
            finals = list(
                pool.map(lambda step: _follow(step, BflProvider(api), store, policy), runnable)
            )
        codes += [_report_final(step, final) for step, final in zip(runnable, finals, strict=True)]
        if any(step.action is RecoveryAction.wait for step in steps) and api is None:
            return EXIT_AUTH
        return worst_exit_code(codes)
    finally:
        lease.release()


def _follow(
    step: RecoveryStep, provider: BflProvider, store: HistoryStore, policy: PollPolicy
) -> JobUpdate:
    final = JobUpdate(step.job.id, JobState.failed)
    for update in run_resume(
        step.job.id,
        ResumePlan.for_step(step, provider),
        store=store,
        policy=policy,
        cancel=threading.Event(),
    ):
        final = update
    return final


def _report_step(step: RecoveryStep) -> int:
    label = {RecoveryAction.wait: "waiting"}.get(step.action, step.action.value.replace("_", " "))
    print(f"{step.job.id[:SHORT_ID]}  {label}: {step.message}")
    return 0 if step.action is RecoveryAction.not_sent else 1


def _report_final(step: RecoveryStep, final: JobUpdate) -> int:
    stem = step.job.id[:SHORT_ID]
    if final.state is JobState.succeeded and final.result is not None:
        print(f"{stem}  recovered: {final.result.path}")
        return 0
    message = final.error.user_message if final.error else "the job ended without a result"
    word = "still waiting" if final.paused else "failed"
    print(f"{stem}  {word}: {message}")
    return exit_code_for(final.error) if final.error else EXIT_FAILED


def _restore(args: argparse.Namespace, store: HistoryStore, paths: AppPaths) -> int:
    if not args.archive.is_file():
        raise InputError(f"There is no file {args.archive}.")
    if live_owners(store.leases_dir):
        print_error(
            "FluxDesk is running with this history (a window or a command). Close it, then "
            "restore; nothing was changed."
        )
        return EXIT_FAILED
    summary = restore_history(args.archive, paths.history_db, paths.images)
    print(f"Restored {summary.entries} entries and {summary.images} images from {args.archive}")
    if summary.previous_db is not None:
        print(f"The history it replaced is kept as {summary.previous_db}")
    return EXIT_OK
