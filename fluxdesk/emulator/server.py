"""The BFL emulator's HTTP side: three loopback listeners on the shared ``LoopbackEmulator``.

- ``api``: the BFL endpoints plus the ``/_emulator/...`` admin routes;
- ``delivery``: signed result URLs, like BFL's ``delivery-*.bfl.ai`` hosts (no key needed);
- ``regional`` (``regional_polling=True``): the host that ``polling_url`` names, like
  ``api.eu2.bfl.ai``; the API host then answers ``Task not found`` for every task, so a client
  that rebuilds the polling URL instead of using ``polling_url`` verbatim fails as it would on BFL.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from fluxdesk.emulator.hosting import LoopbackEmulator
from fluxdesk.emulator.routes import Router
from fluxdesk.emulator.state import EmulatorState
from fluxdesk.emulator.tasks import Clock, TaskList


class EmulatorServer(LoopbackEmulator):
    """A running BFL emulator. Thread-safe; use ``start_emulator`` to make one."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        latency: float = 0.0,
        min_polls: int = 2,
        initial_credits: float = 1000.0,
        regional_polling: bool = False,
        extra_statuses: bool = False,
        verbose: bool = False,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(verbose=verbose, clock=clock)
        self._state = EmulatorState(
            clock=self.clock,
            latency=latency,
            min_polls=min_polls,
            initial_credits=initial_credits,
            extra_statuses=extra_statuses,
        )
        self._router = Router(
            self._state, self._faults, self._waiter, regional=regional_polling, admin=self.admin
        )
        names = ["api", "delivery"] + (["regional"] if regional_polling else [])
        self._listen(host, {name: port if name == "api" else 0 for name in names}, self._router)
        self._state.delivery_base = self._listeners["delivery"].url
        self._router.polling_base = self._listeners["regional" if regional_polling else "api"].url

    def start(self) -> EmulatorServer:
        super().start()
        return self

    def __enter__(self) -> EmulatorServer:
        return self

    # --- Addresses -----------------------------------------------------------------------------

    @property
    def delivery_url(self) -> str:
        return self._listeners["delivery"].url

    @property
    def polling_base(self) -> str:
        return self._router.polling_base

    # --- Accounts ------------------------------------------------------------------------------

    def add_key(self, key: str, credits: float | None = None) -> None:
        """Adds (or un-revokes) a key with ``credits`` (default: ``initial_credits``)."""
        self._state.add_key(key, credits)

    def revoke_key(self, key: str) -> None:
        self._state.revoke_key(key)

    def credits_of(self, key: str) -> float:
        return self._state.credits_of(key)

    def set_credits(self, key: str, value: float) -> None:
        self._state.set_credits(key, value)

    # --- Inspection ----------------------------------------------------------------------------

    @property
    def tasks(self) -> TaskList:
        return self._state.views()

    def snapshot(self) -> dict[str, Any]:
        """What ``GET /_emulator/state`` answers: tasks, credits per key, revoked keys, clock."""
        return self._state.snapshot()


def start_emulator(
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    latency: float = 0.0,
    min_polls: int = 2,
    initial_credits: float = 1000.0,
    regional_polling: bool = False,
    extra_statuses: bool = False,
    verbose: bool = False,
    clock: Clock | None = None,
) -> EmulatorServer:
    """Starts an emulator in background threads; ``port=0`` picks a free port."""
    server = EmulatorServer(
        host,
        port,
        latency=latency,
        min_polls=min_polls,
        initial_credits=initial_credits,
        regional_polling=regional_polling,
        extra_statuses=extra_statuses,
        verbose=verbose,
        clock=clock,
    )
    return server.start()


def serve(
    host: str = "127.0.0.1",
    port: int = 0,
    latency: float = 2.0,
    *,
    credits: float = 1000.0,
    min_polls: int = 2,
    verbose: bool = False,
    on_ready: Callable[[EmulatorServer], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Blocking: runs an emulator until ``stop`` is set or Ctrl+C, then stops it cleanly."""
    stop = stop or threading.Event()
    server = start_emulator(
        host, port, latency=latency, min_polls=min_polls, initial_credits=credits, verbose=verbose
    )
    try:
        if on_ready is not None:
            on_ready(server)
        # A timed wait in a loop: an untimed one cannot be interrupted by Ctrl+C on Windows.
        while not stop.wait(1.0):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
