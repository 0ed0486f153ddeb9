"""The emulator's HTTP side: three loopback listeners, their handler threads, and a clean stop.

- ``api``: the BFL endpoints plus the ``/_emulator/...`` admin routes;
- ``delivery``: signed result URLs, like BFL's ``delivery-*.bfl.ai`` hosts (no key needed);
- ``regional`` (``regional_polling=True``): the host that ``polling_url`` names, like
  ``api.eu2.bfl.ai``; the API host then answers ``Task not found`` for every task, so a client
  that rebuilds the polling URL instead of using ``polling_url`` verbatim fails as it would on BFL.

``stop()`` wakes the accept loops, ends fault waits, shuts open keep-alive connections and joins
every thread, so no test leaks one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from fluxdesk.emulator.faults import Fault, FaultBook, Waiter
from fluxdesk.emulator.listeners import Listener, RecordedRequest
from fluxdesk.emulator.routes import Router
from fluxdesk.emulator.state import EmulatorState
from fluxdesk.emulator.tasks import Clock, TaskList


class EmulatorServer:
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
        self.verbose = verbose
        self._state = EmulatorState(
            clock=clock or Clock(),
            latency=latency,
            min_polls=min_polls,
            initial_credits=initial_credits,
            extra_statuses=extra_statuses,
        )
        self._faults = FaultBook()
        self._waiter = Waiter()
        self._router = Router(self._state, self._faults, self._waiter, regional=regional_polling)
        self._recorded: list[RecordedRequest] = []
        self._record_lock = threading.Condition()
        self._stop_lock = threading.Lock()
        self._stopped = False
        self._threads: list[threading.Thread] = []
        self._listeners: dict[str, Listener] = {}
        names = ["api", "delivery"] + (["regional"] if regional_polling else [])
        try:
            for name in names:
                bind_port = port if name == "api" else 0
                self._listeners[name] = Listener(
                    (host, bind_port),
                    name,
                    router=self._router,
                    waiter=self._waiter,
                    record=self._record,
                    verbose=verbose,
                )
        except OSError:
            for listener in self._listeners.values():
                listener.server_close()
            raise
        self._state.delivery_base = self._listeners["delivery"].url
        self._router.polling_base = self._listeners["regional" if regional_polling else "api"].url

    def start(self) -> EmulatorServer:
        for name, listener in self._listeners.items():
            thread = threading.Thread(
                target=listener.accept_loop, name=f"fluxdesk-emulator-{name}", daemon=True
            )
            thread.start()
            self._threads.append(thread)
        return self

    def __enter__(self) -> EmulatorServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- Addresses -----------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return self._listeners["api"].url

    @property
    def delivery_url(self) -> str:
        return self._listeners["delivery"].url

    @property
    def polling_base(self) -> str:
        return self._router.polling_base

    # --- Scripting -----------------------------------------------------------------------------

    def script(self, fault: Fault) -> None:
        self._faults.add(fault)

    def clear_faults(self) -> None:
        self._faults.clear()

    @property
    def faults(self) -> list[Fault]:
        """Faults still scripted (a fault with ``times`` leaves once used up)."""
        return self._faults.pending()

    def release_hangs(self) -> None:
        self._waiter.release_hangs()

    def wait_for_hangs(self, count: int = 1, timeout: float = 5.0) -> bool:
        """Blocks until ``count`` requests are held by ``hang`` faults (for tests that act while
        a request hangs); False if that did not happen within ``timeout`` seconds."""
        return self._waiter.wait_for_hangs(count, timeout)

    def advance_clock(self, seconds: float) -> None:
        self._state.clock.advance(seconds)

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
    def requests(self) -> list[RecordedRequest]:
        with self._record_lock:
            return list(self._recorded)

    @property
    def tasks(self) -> TaskList:
        return self._state.views()

    def snapshot(self) -> dict[str, Any]:
        """What ``GET /_emulator/state`` answers: tasks, credits per key, revoked keys, clock."""
        return self._state.snapshot()

    def wait_for_request(
        self, match: Callable[[RecordedRequest], bool], timeout: float = 5.0
    ) -> RecordedRequest | None:
        """Blocks until a request that `match`es has arrived (it is recorded before it is
        answered, so its handler may still be working on it); None on timeout."""

        def found() -> RecordedRequest | None:
            return next((r for r in self._recorded if match(r)), None)

        with self._record_lock:
            self._record_lock.wait_for(lambda: found() is not None, timeout)
            return found()

    def _record(self, request: RecordedRequest) -> None:
        with self._record_lock:
            self._recorded.append(request)
            self._record_lock.notify_all()

    # --- Stopping ------------------------------------------------------------------------------

    def stop(self) -> None:
        """Closes every listener and joins every thread; safe to call twice."""
        with self._stop_lock:
            if self._stopped:
                return
            self._stopped = True
        self._waiter.stop()
        for listener in self._listeners.values():
            listener.stop_accepting()
        for thread in self._threads:
            thread.join()
        for listener in self._listeners.values():
            listener.abort_connections()
            listener.server_close()  # joins the connection threads


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
