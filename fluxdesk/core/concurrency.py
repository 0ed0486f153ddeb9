"""Keeps FluxDesk inside the API's concurrency limits, so jobs wait here instead of earning
429s: 24 jobs in flight per account, and fewer for some models (6 for Kontext [max])."""

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
        self._total = 0
        self._per_model: dict[str, int] = {}

    def _free(self, model: str) -> bool:
        limit = min(self._account_limit, get_model(model).concurrency)
        return self._total < self._account_limit and self._per_model.get(model, 0) < limit

    @contextlib.contextmanager
    def slot(self, model: str, cancel: threading.Event) -> Iterator[None]:
        """Blocks until the model has a free slot; raises OperationCancelled on cancel."""
        with self._condition:
            while not self._free(model):
                if cancel.is_set():
                    raise OperationCancelled()
                self._condition.wait(_CHECK_CANCEL_EVERY)
            self._total += 1
            self._per_model[model] = self._per_model.get(model, 0) + 1
        try:
            yield
        finally:
            with self._condition:
                self._total -= 1
                self._per_model[model] -= 1
                self._condition.notify_all()

    def in_flight(self) -> int:
        with self._condition:
            return self._total
