"""What every command shares: exit codes, one-line errors, API address, key and history."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Mapping

from fluxdesk.core.api.client import FluxApi
from fluxdesk.core.api.hosts import DEFAULT_API_URL, normalize_api_url
from fluxdesk.core.errors import (
    AuthError,
    CreditsError,
    FluxError,
    InputError,
    MissingKey,
    StorageError,
)
from fluxdesk.core.history.leases import InstanceLease
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.logs import register_secret
from fluxdesk.core.paths import AppPaths
from fluxdesk.core.secrets import KeyringSecretStore, resolve_api_key

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_CREDITS = 4
EXIT_INTERRUPTED = 130

API_URL_ENV = "FLUXDESK_API_URL"
RESUME_HINT = (
    "The job is kept in the history: run 'fluxdesk history resume' to fetch the result "
    "(BFL keeps it 10 minutes after it is ready)."
)


def exit_code_for(error: FluxError) -> int:
    if isinstance(error, InputError):
        return EXIT_USAGE
    if isinstance(error, AuthError):
        return EXIT_AUTH
    if isinstance(error, CreditsError):
        return EXIT_CREDITS
    return EXIT_FAILED


def worst_exit_code(codes: list[int]) -> int:
    """Several variations: the most actionable failure wins (key, then credits, then others)."""
    for code in (EXIT_USAGE, EXIT_AUTH, EXIT_CREDITS, EXIT_FAILED):
        if code in codes:
            return code
    return EXIT_OK


def print_error(message: str) -> None:
    # One line, always: multi-line messages are joined so scripts can grep them.
    print("fluxdesk: error: " + " ".join(message.split()), file=sys.stderr, flush=True)


def api_url(argument: str | None, environ: Mapping[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    return normalize_api_url(argument or environ.get(API_URL_ENV) or DEFAULT_API_URL)


def bfl_key(environ: Mapping[str, str] | None = None) -> str:
    """Raises MissingKey (with the keychain's problem, if any, in its message)."""
    resolved = resolve_api_key(KeyringSecretStore(), environ)
    if not resolved.key:
        error = MissingKey()
        if resolved.keychain_problem is not None:
            error.user_message += " (No system keychain is available on this machine.)"
        raise error
    register_secret(resolved.key)
    return resolved.key


def make_api(url: str, environ: Mapping[str, str] | None = None) -> FluxApi:
    return FluxApi(url, bfl_key(environ))


def open_history(paths: AppPaths) -> HistoryStore:
    try:
        return HistoryStore.open(paths.history_db, paths.images)
    except (sqlite3.Error, OSError) as exc:
        raise StorageError(
            f"The history at {paths.history_db} could not be opened ({exc}). Start the app to "
            "repair it, or set FLUXDESK_HOME to use another folder."
        ) from exc


def claim_lease(store: HistoryStore) -> InstanceLease:
    """Marks the jobs this command starts as owned by a live process until it exits."""
    try:
        return store.claim_instance()
    except OSError as exc:
        raise StorageError(
            f"The history folder {store.leases_dir.parent} is not writable ({exc})."
        ) from exc
