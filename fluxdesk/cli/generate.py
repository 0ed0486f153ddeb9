"""`fluxdesk generate`: N variations side by side, saved byte for byte, kept in the history."""

from __future__ import annotations

import argparse
import dataclasses
import errno
import json
import sys
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fluxdesk.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    RESUME_HINT,
    claim_lease,
    exit_code_for,
    open_history,
    print_error,
    worst_exit_code,
)
from fluxdesk.cli.providers import provider_for
from fluxdesk.core.api.catalog import COMMON_FIELDS, ModelSpec
from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.atomic import atomic_write_bytes
from fluxdesk.core.concurrency import ConcurrencyGate
from fluxdesk.core.errors import FluxError, InputError, StorageError, ValidationProblem
from fluxdesk.core.history.store import HistoryStore, StoredImage
from fluxdesk.core.inputs import inputs_from_files
from fluxdesk.core.jobs import JobId, JobPlan, JobState, JobUpdate, PollPolicy, run_planned_job
from fluxdesk.core.paths import AppPaths
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.core.providers.base import Provider
from fluxdesk.core.providers.registry import provider_models

MAX_COUNT = 24  # the API's concurrency limit per account
_EXTENSIONS = {"png": (".png",), "jpeg": (".jpg", ".jpeg"), "webp": (".webp",)}


def parse_set(items: list[str]) -> dict[str, Any]:
    """`--set NAME=VALUE`: the value as JSON where it parses (1024, true, 2.5), else text."""
    params: dict[str, Any] = {}
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(f"--set expects NAME=VALUE, got '{item}'.")
        if name in COMMON_FIELDS:
            raise InputError(f"Use --{name} instead of --set {name}=….")
        try:
            params[name] = json.loads(text)
        except (ValueError, RecursionError):  # not JSON (or nested past reason): plain text
            params[name] = text
    return params


def output_path(out: Path | None, index: int, count: int, fmt: str) -> Path:
    """OUT (or ./output) with -N for variations and the extension of the delivered format."""
    base = out if out is not None else Path("output")
    suffix = base.suffix.lower()
    known = {ext for exts in _EXTENSIONS.values() for ext in exts}
    if suffix in _EXTENSIONS[fmt]:
        ext = base.suffix
        stem = base.with_suffix("")
    else:
        ext = _EXTENSIONS[fmt][0]
        stem = base.with_suffix("") if suffix in known else base
    name = f"{stem.name}-{index}{ext}" if count > 1 else f"{stem.name}{ext}"
    return stem.with_name(name)


@dataclass(frozen=True, slots=True)
class _Outcome:
    index: int
    seed: int
    update: JobUpdate


class _Printer:
    """Variations finish in any order; print each result's two lines together."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def saved(self, path: Path, seed: int) -> None:
        with self._lock:
            print(f"Image saved to {path}", flush=True)
            print(f"Seed: {seed}", flush=True)

    def failed(self, message: str) -> None:
        with self._lock:
            print_error(message)


def _save(result: StoredImage, destination: Path) -> Path:
    try:
        # The delivered bytes, not re-encoded; whole or not at all (a full disk, a kill).
        atomic_write_bytes(destination, result.path.read_bytes(), durable=False)
    except OSError as exc:
        full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
        raise StorageError(
            f"The image is safe in the history but could not be written to {destination}: "
            f"{'the disk is full' if full else exc.strerror or exc}."
        ) from exc
    return destination


def resolve_model(provider: Provider, model_id: str) -> ModelSpec:
    """The provider's model, or the one that stands in for `model_id` there (a ComfyUI
    workflow for a BFL model id)."""
    spec = provider_models(provider).resolve(model_id)
    return spec if spec is not None else provider.model(model_id)  # raises the clear error


def _build_requests(
    args: argparse.Namespace, store: HistoryStore, provider: Provider, spec: ModelSpec
) -> list[GenerationRequest]:
    params = parse_set(args.set or [])
    inputs = inputs_from_files(store, spec, [Path(p) for p in args.input or []], args.mask)
    state = PromptState(spec.id, args.prompt, params, args.seed, args.count, provider=provider.id)
    requests_ = state.requests(inputs)
    if problems := provider.validate(requests_[0]):
        raise ValidationProblem(problems)
    return requests_


def _run_one(
    index: int,
    plan: JobPlan,
    store: HistoryStore,
    policy: PollPolicy,
    gate: ConcurrencyGate,
    cancel: threading.Event,
) -> _Outcome:
    job_id = JobId(uuid.uuid4().hex)
    final = JobUpdate(job_id, JobState.failed)
    for update in run_planned_job(
        job_id, plan, store=store, policy=policy, gate=gate, cancel=cancel
    ):
        final = update
    seed = plan.request.seed
    assert seed is not None
    return _Outcome(index, final.seed if final.seed is not None else seed, final)


def run(args: argparse.Namespace, paths: AppPaths, policy: PollPolicy | None = None) -> int:
    if not 1 <= args.count <= MAX_COUNT:
        print_error(f"--count must be between 1 and {MAX_COUNT}.")
        return EXIT_USAGE
    try:
        chosen = provider_for(
            args.provider, args.api_url, config_dir=paths.config, workflow=args.workflow
        )
        provider = chosen.provider
        spec = resolve_model(provider, chosen.workflow.id if chosen.workflow else args.model)
        store = open_history(paths)
        requests_ = _build_requests(args, store, provider, spec)
        if chosen.missing_key is not None:
            raise chosen.missing_key
        lease = claim_lease(store)
    except FluxError as error:
        print_error(error.user_message)
        return exit_code_for(error)
    try:
        return _run_all(args, store, provider, requests_, policy)
    finally:
        lease.release()


def _run_all(
    args: argparse.Namespace,
    store: HistoryStore,
    provider: Provider,
    requests_: list[GenerationRequest],
    policy: PollPolicy | None,
) -> int:
    policy = dataclasses.replace(policy or PollPolicy(), deadline=args.timeout)
    gate = ConcurrencyGate()
    cancel = threading.Event()
    printer = _Printer()
    codes: list[int] = []
    count = len(requests_)
    pool = ThreadPoolExecutor(max_workers=count, thread_name_prefix="generate")
    plans = [JobPlan(request, provider, "cli", provider.price(request)) for request in requests_]
    futures = [
        pool.submit(_run_one, index, plan, store, policy, gate, cancel)
        for index, plan in enumerate(plans, start=1)
    ]
    try:
        for future in as_completed(futures):
            outcome = future.result()
            codes.append(_report(outcome, args.out, count, printer))
    except KeyboardInterrupt:
        cancel.set()
        pool.shutdown(wait=True, cancel_futures=True)
        print("Cancelled. Jobs already accepted by the API stay in the history.", file=sys.stderr)
        return EXIT_INTERRUPTED
    pool.shutdown(wait=True)
    return worst_exit_code(codes)


def _report(outcome: _Outcome, out: Path | None, count: int, printer: _Printer) -> int:
    update = outcome.update
    prefix = f"variation {outcome.index} (seed {outcome.seed}): " if count > 1 else ""
    if update.state is JobState.succeeded and update.result is not None:
        destination = output_path(out, outcome.index, count, update.result.format)
        try:
            printer.saved(_save(update.result, destination), outcome.seed)
        except StorageError as error:
            printer.failed(prefix + error.user_message)
            return exit_code_for(error)
        return 0
    error = update.error or FluxError("The job ended without a result.")
    message = prefix + error.user_message
    if update.paused:
        message += " " + RESUME_HINT
    printer.failed(message)
    return exit_code_for(error)
