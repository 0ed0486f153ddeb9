"""Composition root: builds the QApplication, the store, the controllers and the window.

Nothing here decides anything at run time; it only constructs and connects. Tests and the
self-test build the same window through `build_window` with their own paths and poll policy.
"""

from __future__ import annotations

import argparse
import functools
import gc
import logging
import os
import sqlite3
import sys
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from fluxdesk import __version__
from fluxdesk.core.batch import BatchJob, run_batch_job
from fluxdesk.core.concurrency import ACCOUNT_LIMIT, ConcurrencyGate
from fluxdesk.core.config import load_preferences
from fluxdesk.core.errors import FluxError
from fluxdesk.core.history.leases import FileLock, InstanceLease
from fluxdesk.core.history.recovery import open_history_or_recover
from fluxdesk.core.history.resume import ResumePlan, run_resume
from fluxdesk.core.jobs import JobUpdate, PollPolicy, run_planned_job
from fluxdesk.core.logs import configure_logging
from fluxdesk.core.panels.runs import PanelJob, run_panel_job
from fluxdesk.core.paths import AppPaths
from fluxdesk.core.regions.page_edit_jobs import PageEditJob, run_page_edit_job
from fluxdesk.core.secrets import KeyringSecretStore, SecretStore
from fluxdesk.resources import resource_path
from fluxdesk.ui.batch.tools import BatchTools
from fluxdesk.ui.controllers.account import AccountController
from fluxdesk.ui.controllers.backup import BackupController
from fluxdesk.ui.controllers.generation import GenerationController
from fluxdesk.ui.controllers.history import HistoryController
from fluxdesk.ui.controllers.history_edits import HistoryEditsController
from fluxdesk.ui.controllers.providers import ProvidersController
from fluxdesk.ui.controllers.recovery import RecoveryController
from fluxdesk.ui.crash import install_crash_reporter
from fluxdesk.ui.file_open import FileOpenWatcher
from fluxdesk.ui.gc_guard import GuiThreadCollector
from fluxdesk.ui.history_model import HistoryModel
from fluxdesk.ui.i18n import install_translations, resolve_language, translate
from fluxdesk.ui.main_window import MainWindow, Parts
from fluxdesk.ui.preferences_keeper import PreferencesKeeper
from fluxdesk.ui.studio_tools import build_studio_tools
from fluxdesk.ui.window_state import WindowState
from fluxdesk.ui.workers import JobRunner

log = logging.getLogger(__name__)


def build_app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fluxdesk",
        description="FluxDesk: a studio for comic and manga artists on the FLUX API.",
        epilog="Commands: fluxdesk generate|credits|emulator … (see fluxdesk generate --help).",
    )
    parser.add_argument("--version", action="version", version=f"FluxDesk {__version__}")
    parser.add_argument(
        "images", nargs="*", type=Path, metavar="IMAGE", help="pencils to open (the first shows)"
    )
    parser.add_argument("--demo", action="store_true", help="use the built-in API emulator")
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="PATH",
        help="keep history, settings and logs in this folder",
    )
    parser.add_argument("--api-url", metavar="URL", help="API address (default: by region)")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="build the window offscreen, run one demo generation, exit 0 if OK",
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="PATH",
        help="with --self-test: save a screenshot of the window",
    )
    return parser


@dataclass
class Built:
    window: MainWindow
    parts: Parts
    paths: AppPaths
    recovered_from: Path | None
    lease: InstanceLease  # marks this window's jobs as owned by a live process
    # Held by the first window on this history; None in a second one (told in the dock).
    window_lock: FileLock | None
    batch: BatchTools | None = None  # chapter batches and the layered PSD hand-off

    def start(self) -> None:
        """Starts the background work: key lookup / demo, history loading, and resuming the
        jobs a crash or a closed window interrupted."""
        self.parts.account.start()
        self.parts.providers.start()
        self.parts.history.load()
        self.parts.tools.start()
        self.parts.history_edits.load()
        self.parts.recovery.start()
        if self.batch is not None:
            self.batch.start()  # after recovery: it re-sends only what recovery did not take
        if self.window_lock is None:
            self.window.history_dock.notice.show_text(
                translate(
                    "MainWindow",
                    "Another FluxDesk window is open on this history. Both can work safely; "
                    "press F5 here to see entries made there.",
                )
            )

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        parts = self.parts
        done = parts.runner.shutdown(timeout_ms)
        for owner in (
            parts.generation,
            parts.history,
            parts.history_edits,
            parts.recovery,
            parts.backup,
            parts.providers,
            self.window.tools,
            parts.tools,
            *([self.batch] if self.batch is not None else []),
        ):
            done = owner.shutdown(timeout_ms) and done
        parts.account.shutdown()
        if done:  # a job thread still running keeps its jobs ours until the process ends
            self.lease.release()
        if self.window_lock is not None:
            self.window_lock.release()
        return done


def build_window(
    paths: AppPaths,
    *,
    demo: bool = False,
    api_url: str | None = None,
    poll_policy: PollPolicy | None = None,
    secret_store: SecretStore | None = None,
    provider_urls: Mapping[str, str] | None = None,
) -> Built:
    paths.ensure()
    store, recovered_from = open_history_or_recover(paths)
    lease = store.claim_instance()
    # An OS lock, not a pid file: the kernel drops it when a window crashes, so a stale lock
    # can never claim a second window is open (see core/history/leases.py).
    window_lock = FileLock.try_acquire(paths.data / "window.lock")
    preferences = PreferencesKeeper(paths.preferences)
    gate = ConcurrencyGate()
    start = functools.partial(
        _start_job, store=store, policy=poll_policy or PollPolicy(), gate=gate
    )
    runner = JobRunner(start)
    model = HistoryModel()
    account = AccountController(
        secret_store or KeyringSecretStore(),
        preferences.value,
        api_url=api_url,
        force_demo=demo,
    )
    preferences.region_changed.connect(account.set_region_name)
    providers = ProvidersController(
        account, paths.config, comfy_url=preferences.value.comfy_url, urls=provider_urls
    )
    providers.comfy_url_changed.connect(preferences.set_comfy_url)
    generation = GenerationController(runner, store, account, model, providers=providers)
    history = HistoryController(store, model, paths.thumbnails)
    window_state = WindowState(paths.config)
    tools = build_studio_tools(paths, preferences, generation)
    edits = HistoryEditsController(store, model, history)
    recovery = RecoveryController(store, runner, providers, model)
    backup = BackupController(store, runner)
    parts = Parts(
        runner,
        model,
        account,
        generation,
        history,
        preferences,
        window_state,
        providers,
        tools,
        edits,
        recovery,
        backup,
    )
    window = MainWindow(parts)
    for owned in (
        preferences,
        runner,
        model,
        account,
        providers,
        generation,
        history,
        edits,
        recovery,
        backup,
        tools.presets,
        tools.spending,
    ):
        owned.setParent(window)
    batch = BatchTools(window, parts, paths.thumbnails)
    return Built(window, parts, paths, recovered_from, lease, window_lock, batch)


def _start_job(job_id, plan, cancel, *, store, policy, gate):  # type: ignore[no-untyped-def]
    if isinstance(plan, ResumePlan):  # a job a crash or a closed window interrupted
        steps = run_resume(job_id, plan, store=store, policy=policy, cancel=cancel)
        return _holding_slot(gate, plan, steps)
    if isinstance(plan, PanelJob):  # one panel of a page, tagged "panel 3 of 7"
        return run_panel_job(job_id, plan, store=store, policy=policy, gate=gate, cancel=cancel)
    if isinstance(plan, BatchJob):  # a chapter batch page: linked to its page, then as usual
        return run_batch_job(job_id, plan, store=store, policy=policy, gate=gate, cancel=cancel)
    run = run_page_edit_job if isinstance(plan, PageEditJob) else run_planned_job
    return run(job_id, plan, store=store, policy=policy, gate=gate, cancel=cancel)


def _holding_slot(
    gate: ConcurrencyGate, plan: ResumePlan, steps: Iterator[JobUpdate]
) -> Iterator[JobUpdate]:
    """A resumed job runs at the API already: it holds a slot (taken at once) so the jobs
    sent next, a chapter batch's unsent pages among them, stay within the account's limit."""
    model, provider = plan.job.request.model, plan.provider
    try:
        limit = provider.concurrency(model)
    except FluxError:  # a model this version no longer knows
        limit = ACCOUNT_LIMIT
    with gate.slot(model, threading.Event(), limit=limit, account=provider.id, wait=False):
        yield from steps


def _application(argv0: str) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([argv0])
    app.setApplicationName("FluxDesk")
    app.setOrganizationName("FluxDesk")
    app.setApplicationVersion(__version__)
    icon = resource_path("icons/fluxdesk.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run_app(argv: list[str]) -> int:
    """The `fluxdesk` entry point without a command: the window (or the self-test)."""
    args = build_app_parser().parse_args(argv)
    if args.self_test and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the self-test needs no screen
    paths = AppPaths.under(args.data_dir) if args.data_dir else AppPaths.default()
    try:
        paths.ensure()
        configure_logging(paths.logs)
    except OSError as exc:
        print(f"fluxdesk: error: cannot use the data folder ({exc})", file=sys.stderr)
        return 1
    app = _application(sys.argv[0] if sys.argv else "fluxdesk")
    language = resolve_language(load_preferences(paths.preferences).language)
    translators = install_translations(app, language)  # before any widget is built
    log.info("UI language: %s (%d translation files)", language, len(translators))
    collector = GuiThreadCollector(app)

    if args.self_test:
        from fluxdesk.ui.self_test import run_self_test

        try:
            return run_self_test(app, paths, args.screenshot, api_url=args.api_url)
        finally:
            collector.stop()

    crash_reporter = install_crash_reporter(app, paths)  # not in the self-test: no dialogs
    try:
        built = build_window(paths, demo=args.demo, api_url=args.api_url)
    except sqlite3.DatabaseError as exc:  # newer than this FluxDesk, or held by another program
        log.error("history not opened: %s", exc)
        QMessageBox.critical(
            None,
            translate("MainWindow", "FluxDesk"),
            translate(
                "MainWindow",
                "The history at {path} could not be opened ({reason}). Nothing was changed. "
                "If another FluxDesk is starting, wait a moment and try again; a history made "
                "by a newer FluxDesk needs that version.",
            ).format(path=paths.history_db, reason=exc),
        )
        crash_reporter.uninstall()
        return 1
    built.window.show()
    if built.recovered_from is not None:
        QMessageBox.warning(
            built.window,
            translate("MainWindow", "History repaired"),
            translate(
                "MainWindow",
                "The history database could not be read. It was kept as {name} and a new one "
                "was started; your images are still in {folder}.",
            ).format(name=built.recovered_from.name, folder=paths.images),
        )
    built.start()
    if args.images:
        built.window.canvas_control.open_paths(args.images)
    file_open = FileOpenWatcher(app)  # macOS "Open With" and dropping on the Dock icon
    file_open.images_opened.connect(built.window.canvas_control.open_paths)
    app.installEventFilter(file_open)
    # Everything built so far lives as long as the window: keep it out of the garbage
    # collector's full passes, which otherwise stall scrolling a big history for ~60 ms.
    gc.freeze()
    code = app.exec()
    built.shutdown()
    collector.stop()
    crash_reporter.uninstall()
    log.info("FluxDesk closed (exit code %s)", code)
    return int(code)
