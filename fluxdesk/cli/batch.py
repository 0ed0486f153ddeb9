"""`fluxdesk batch run|status|list|resume`: a chapter batch from the terminal. The same records
as the app's contact sheet (View > Chapter Batch), so a batch started here is reviewed there.
Exit codes: 0 ok, 1 some pages failed, 2 usage or bad input, 3 no key, 4 no credits."""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from fluxdesk.cli.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    claim_lease,
    exit_code_for,
    open_history,
    print_error,
)
from fluxdesk.cli.generate import resolve_model
from fluxdesk.cli.providers import provider_for
from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.api.pricing import format_credits
from fluxdesk.core.batch import (
    BatchSettings,
    BatchView,
    PageStatus,
    SeedPolicy,
    batch_job_ids,
    claim_batches,
    create_batch,
    estimate,
    keep_source,
    list_batches,
    page_files,
    page_sizes,
    read_batch,
    send_pages,
    sized_input,
)
from fluxdesk.core.batch.model import BatchPage
from fluxdesk.core.concurrency import ConcurrencyGate
from fluxdesk.core.errors import FluxError, InputError, ValidationProblem
from fluxdesk.core.history.resume import (
    RecoveryStep,
    ResumePlan,
    claim_interrupted,
    decide,
    note_waiting,
    run_resume,
    settle,
)
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobUpdate, PollPolicy
from fluxdesk.core.paths import AppPaths
from fluxdesk.core.presets import Preset, load_library
from fluxdesk.core.providers.base import Provider
from fluxdesk.resources import resource_path


def run(args: argparse.Namespace, paths: AppPaths, policy: PollPolicy | None = None) -> int:
    try:
        store = open_history(paths)
        if args.batch_command == "list":
            return _list(store)
        if args.batch_command == "status":
            return _status(store, args.batch, as_json=args.json)
        if args.batch_command == "resume":
            return _resume(args, store, paths, policy or PollPolicy())
        return _run(args, store, paths, policy or PollPolicy())
    except FluxError as error:
        print_error(error.user_message)
        return exit_code_for(error)


# --- run ------------------------------------------------------------------------------------


def _preset(paths: AppPaths, preset_id: str) -> Preset:
    library = load_library(resource_path("presets"), paths.presets)
    preset = library.get(preset_id)
    if preset is None:
        known = ", ".join(sorted(library.ids()))
        raise InputError(f"There is no preset '{preset_id}'. Known presets: {known}.")
    return preset


def _fills(items: list[str] | None) -> dict[str, str]:
    values = {}
    for item in items or []:
        name, sep, text = item.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--fill expects NAME=TEXT, got '{item}'.")
        values[name.strip()] = text
    return values


def _settings(
    args: argparse.Namespace, preset: Preset, provider: Provider, first_size: tuple[int, int]
) -> BatchSettings:
    rendered = preset.render(_fills(args.fill))
    if not rendered.complete:
        names = ", ".join(rendered.missing)
        raise InputError(f"The preset needs a value for: {names} (add --fill NAME=TEXT).")
    spec = resolve_model(provider, args.model or preset.model)
    template = GenerationRequest(
        spec.id, rendered.text, preset.params, None, (), preset.id, provider.id
    )
    settings = BatchSettings(
        template, args.variations or preset.variations, SeedPolicy(args.seed_policy), args.seed
    )
    sample = settings.requests(0, sized_input(spec, first_size))[0]
    if problems := provider.validate(sample):
        raise ValidationProblem(problems)
    return settings


def _confirm(text: str, yes: bool) -> bool | None:
    """True to send; False if the artist said no; None when nobody can be asked."""
    print(text, flush=True)
    if yes:
        return True
    if not sys.stdin.isatty():
        return None
    return input("Send it? [y/N] ").strip().lower() in ("y", "yes")


def _run(args: argparse.Namespace, store: HistoryStore, paths: AppPaths, policy: PollPolicy) -> int:
    files = page_files(args.folder) if args.folder else list(args.pages)
    for path in files:
        if not Path(path).is_file():
            raise InputError(f"There is no file {path}.")
    preset = _preset(paths, args.preset)
    chosen = provider_for(args.provider, args.api_url, config_dir=paths.config)
    provider = chosen.provider
    sizes = page_sizes(files)
    settings = _settings(args, preset, provider, sizes[0])
    if chosen.missing_key is not None:
        raise chosen.missing_key
    cost = estimate(provider, settings, sizes)
    price = format_credits(cost.total)
    text = (
        f"{cost.pages} pages × {settings.variations} = {cost.jobs} jobs of "
        f"{settings.template.model}, estimated {price}."
    )
    answer = _confirm(text, args.yes)
    if answer is None:
        print_error("Not sent: add --yes to confirm the estimated cost when not in a terminal.")
        return EXIT_USAGE
    if not answer:
        print("Nothing was sent.")
        return EXIT_OK
    lease = claim_lease(store)
    try:
        sources = [keep_source(store, Path(path)) for path in files]
        chapter = args.chapter or (args.folder.resolve().name if args.folder else "Batch")
        batch = create_batch(
            store, settings, sources, book=args.book, chapter=chapter, source="cli"
        )
        print(f"Batch {batch.id} started: {chapter}", flush=True)
        view = read_batch(store, batch.id)
        code = _send(store, view, [page.page for page in view.to_send()], provider, policy)
        return code if code != EXIT_OK else _summary(read_batch(store, batch.id))
    finally:
        lease.release()


class _Printer:
    def __init__(self) -> None:
        self._lock = threading.Lock()

    def __call__(self, page: BatchPage, update: JobUpdate) -> None:
        if not update.ends_run:
            return
        with self._lock:
            if update.result is not None:
                print(f"{page.name}: done (seed {update.seed}) {update.result.path}", flush=True)
            else:
                reason = update.error.user_message if update.error else update.state.value
                print(f"{page.name}: {' '.join(reason.split())}", flush=True)


def _send(
    store: HistoryStore,
    view: BatchView,
    pages: list[BatchPage],
    provider: Provider,
    policy: PollPolicy,
    gate: ConcurrencyGate | None = None,
) -> int:
    cancel = threading.Event()
    try:
        send_pages(
            store,
            view.batch,
            pages,
            provider=provider,
            policy=policy,
            cancel=cancel,
            gate=gate,
            on_update=_Printer(),
        )
    except KeyboardInterrupt:
        cancel.set()
        print(
            "Cancelled. Jobs already sent stay in the history; "
            f"'fluxdesk batch resume {view.batch.id}' finishes the batch.",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    return EXIT_OK


def _summary(view: BatchView) -> int:
    counts = ", ".join(
        f"{view.count(status)} {status.value}" for status in PageStatus if view.count(status)
    )
    print(
        f"Batch {view.batch.id}: {len(view.pages)} pages ({counts}); spent "
        f"{format_credits(view.cost)}. Review them in the app: View > Chapter Batch."
    )
    return EXIT_FAILED if view.count(PageStatus.failed) else EXIT_OK


# --- resume ---------------------------------------------------------------------------------


def _resume(
    args: argparse.Namespace, store: HistoryStore, paths: AppPaths, policy: PollPolicy
) -> int:
    lease = claim_lease(store)
    try:
        if args.batch not in claim_batches(store):
            if read_batch(store, args.batch).batch.stopped:
                print(f"Batch {args.batch} was stopped; nothing to do.")
                return EXIT_OK
            print_error(f"Batch {args.batch} is being run by another FluxDesk (window or command).")
            return EXIT_FAILED
        view = read_batch(store, args.batch)
        chosen = provider_for(
            view.batch.settings.template.provider, args.api_url, config_dir=paths.config
        )
        if chosen.missing_key is not None:
            raise chosen.missing_key
        provider, gate = chosen.provider, ConcurrencyGate()
        with ThreadPoolExecutor(max_workers=24, thread_name_prefix="resume") as pool:
            followed = _resume_jobs(store, view, provider, policy, gate, pool)
            view = read_batch(store, args.batch)  # with the interrupted jobs settled
            code = _send(store, view, [p.page for p in view.to_send()], provider, policy, gate)
            for future in followed:
                future.result()
        if code != EXIT_OK:
            return code
        return _summary(read_batch(store, args.batch))
    finally:
        lease.release()


def _resume_jobs(
    store: HistoryStore,
    view: BatchView,
    provider: Provider,
    policy: PollPolicy,
    gate: ConcurrencyGate,
    pool: ThreadPoolExecutor,
) -> list[Future[None]]:
    """Settles the batch's interrupted jobs and follows those that were sent. Each holds a
    concurrency slot, taken before this returns (they are already running at the API), so
    pages sent afterwards never exceed the account's limit."""
    interrupted = claim_interrupted(store, only=batch_job_ids(store, view.batch.id))
    now = time.time()
    steps = [decide(job, now=now, have_key=True, demo=False) for job in interrupted]
    settle(store, steps)
    note_waiting(store, steps)
    runnable = [step for step in steps if step.runs]
    model = view.batch.settings.template.model
    limit = provider.concurrency(model)
    cancel = threading.Event()
    held = threading.Semaphore(0)

    def follow(step: RecoveryStep) -> None:
        with gate.slot(model, cancel, limit=limit, account=provider.id, wait=False):
            held.release()
            plan = ResumePlan.for_step(step, provider)
            for _ in run_resume(step.job.id, plan, store=store, policy=policy, cancel=cancel):
                pass

    futures = [pool.submit(follow, step) for step in runnable]
    for _ in runnable:
        held.acquire()
    if runnable:
        print(f"Fetching {len(runnable)} result(s) the interruption left at the API.", flush=True)
    return futures


# --- reading --------------------------------------------------------------------------------


def _status(store: HistoryStore, batch_id: int, *, as_json: bool) -> int:
    view = read_batch(store, batch_id)
    if as_json:
        data = {
            "id": view.batch.id,
            "name": view.batch.name,
            "model": view.batch.settings.template.model,
            "variations": view.batch.settings.variations,
            "seed_policy": view.batch.settings.seed_policy.value,
            "stopped": view.batch.stopped,
            "cost": view.cost,
            "pages": [
                {
                    "position": page.page.position,
                    "name": page.page.name,
                    "page_id": page.page.page_id,
                    "status": page.status.value,
                    "seed": page.page.seed,
                    "run": page.page.run,
                    "jobs": [job.id for job in page.jobs],
                    "result": str(page.pick.result.path)
                    if page.pick and page.pick.result
                    else None,
                    "accepted": page.page.accepted_job,
                    "cost": page.cost,
                    "message": page.message,
                }
                for page in view.pages
            ],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{'#':>3}  {'PAGE':<20}  {'STATUS':<9}  {'SEED':>10}  {'JOBS':>4}  {'COST':>6}  RESULT")
    for page in view.pages:
        pick = page.pick
        result = str(pick.result.path) if pick and pick.result else page.message
        print(
            f"{page.page.position + 1:>3}  {page.page.name[:20]:<20}  {page.status.value:<9}  "
            f"{page.page.seed:>10}  {len(page.jobs):>4}  {page.cost:>6g}  {result}"
        )
    print(f"Spent {format_credits(view.cost)}.")
    return EXIT_OK


def _list(store: HistoryStore) -> int:
    batches = list_batches(store)
    print(f"{'ID':>4}  {'CREATED':<16}  {'PAGES':>5}  {'DONE':>4}  {'COST':>7}  NAME")
    for batch in batches:
        view = read_batch(store, batch.id)
        done = view.count(PageStatus.done) + view.count(PageStatus.accepted)
        created = time.strftime("%Y-%m-%d %H:%M", time.localtime(batch.created_at))
        print(
            f"{batch.id:>4}  {created:<16}  {len(view.pages):>5}  {done:>4}  "
            f"{view.cost:>7g}  {batch.name}"
        )
    if not batches:
        print("(no batches)", file=sys.stderr)
    return EXIT_OK
