"""Keeps FluxDesk inside the API's concurrency limits, so jobs wait here instead of earning
429s: 24 jobs in flight per account, and fewer for some models (6 for Kontext [max]).

Each provider (``account``) has its own 24; a BFL job never waits for a ComfyUI one."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.errors import OperationCancelled

ACCOUNT_LIMIT = 24
_CHECK_CANCEL_EVERY = 0.2  # seconds; a cancel while waiting for a slot is noticed this fast


class ConcurrencyGate:
    def __init__(self, account_limit: int = ACCOUNT_LIMIT) -> None:
        self._account_limit = account_limit
        self._condition = threading.Condition()
        self._per_account: dict[str, int] = {}
        self._per_model: dict[tuple[str, str], int] = {}

    def _free(self, key: tuple[str, str], limit: int) -> bool:
        limit = min(self._account_limit, limit)
        in_account = self._per_account.get(key[0], 0)
        return in_account < self._account_limit and self._per_model.get(key, 0) < limit

    @contextlib.contextmanager
    def slot(
        self,
        model: str,
        cancel: threading.Event,
        *,
        limit: int | None = None,
        account: str = "bfl",
        wait: bool = True,
    ) -> Iterator[None]:
        """Blocks until the model has a free slot; raises OperationCancelled on cancel.

        `limit` defaults to the BFL catalog's limit for `model`. With `wait=False` the slot is
        taken at once: a job the API is already running (resumed after a restart) counts
        against the limit whether or not there is room, so new jobs wait behind it."""
        if limit is None:
            limit = get_model(model).concurrency
        key = (account, model)
        with self._condition:
            while wait and not self._free(key, limit):
                if cancel.is_set():
                    raise OperationCancelled()
                self._condition.wait(_CHECK_CANCEL_EVERY)
            self._per_account[account] = self._per_account.get(account, 0) + 1
            self._per_model[key] = self._per_model.get(key, 0) + 1
        try:
            yield
        finally:
            with self._condition:
                self._per_account[account] -= 1
                self._per_model[key] -= 1
                self._condition.notify_all()

    def in_flight(self) -> int:
        with self._condition:
            return sum(self._per_account.values())
