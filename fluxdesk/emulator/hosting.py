"""What every emulator (BFL, fal.ai, ComfyUI) shares: loopback listeners and their threads,
scripted faults, the recorded requests, the clock, the admin routes, and a clean stop.

A subclass builds its router and calls ``_listen`` with the listeners it needs; ``stop()`` wakes
the accept loops, ends fault waits, shuts open keep-alive connections and joins every thread,
so no test leaks one.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any, ClassVar

from fluxdesk.emulator.faults import Fault, FaultBook, Waiter
from fluxdesk.emulator.listeners import Listener, RecordedRequest, Router
from fluxdesk.emulator.replies import Incoming, Reply, detail, json_reply
from fluxdesk.emulator.tasks import Clock

ADMIN_PREFIX = "/_emulator/"


class LoopbackEmulator:
    """Thread-safe. ``fault_type`` says which Fault class scripts this emulator."""

    fault_type: ClassVar[type[Fault]] = Fault

    def __init__(self, *, verbose: bool = False, clock: Clock | None = None) -> None:
        self.verbose = verbose
        self.clock = clock or Clock()
        self._faults = FaultBook()
        self._waiter = Waiter()
        self._recorded: list[RecordedRequest] = []
        self._record_lock = threading.Condition()
        self._stop_lock = threading.Lock()
        self._stopped = False
        self._threads: list[threading.Thread] = []
        self._listeners: dict[str, Listener] = {}

    def _listen(self, host: str, ports: dict[str, int], router: Router) -> None:
        """Binds one listener per name (the first on `port`, the others on free ports)."""
        try:
            for name, port in ports.items():
                self._listeners[name] = Listener(
                    (host, port),
                    name,
                    router=router,
                    waiter=self._waiter,
                    record=self._record,
                    verbose=self.verbose,
                )
        except OSError:
            for listener in self._listeners.values():
                listener.server_close()
            raise

    def start(self) -> LoopbackEmulator:
        for name, listener in self._listeners.items():
            thread = threading.Thread(
                target=listener.accept_loop, name=f"fluxdesk-emulator-{name}", daemon=True
            )
            thread.start()
            self._threads.append(thread)
        return self

    def __enter__(self) -> LoopbackEmulator:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- Addresses -----------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return self._listeners["api"].url

    # --- Scripting -----------------------------------------------------------------------------

    def script(self, fault: Fault) -> None:
        """Adds a fault; a fault of another emulator's kind is accepted if it applies here."""
        self._faults.add(self.fault_type.of(fault))

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
        self.clock.advance(seconds)

    # --- Inspection ----------------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._record_lock:
            return list(self._recorded)

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

    def snapshot(self) -> dict[str, Any]:
        """What ``GET /_emulator/state`` answers (subclasses add their own state)."""
        return {"clock": self.clock.offset}

    # --- Admin routes (no key) -----------------------------------------------------------------

    def admin(self, req: Incoming) -> Reply:
        """``/_emulator/faults`` (POST adds, DELETE clears), ``advance_clock``,
        ``release_hangs`` and ``state``, the same on every emulator."""
        try:
            body = json.loads(req.body) if req.body.strip() else {}
            return self._admin_action(req, body)
        except (ValueError, TypeError, KeyError) as err:
            return detail(422, str(err) or type(err).__name__)

    def _admin_action(self, req: Incoming, body: Any) -> Reply:
        name = req.path.removeprefix(ADMIN_PREFIX)
        if name == "faults" and req.method in ("POST", "DELETE"):
            if req.method == "DELETE":
                self._faults.clear()
            else:
                # Validate them all before scripting any: a bad list changes nothing.
                items = body if isinstance(body, list) else [body]
                for fault in [self.fault_type.from_json(item) for item in items]:
                    self._faults.add(fault)
            return json_reply(200, {"faults": [f.to_json() for f in self._faults.pending()]})
        if name == "advance_clock" and req.method == "POST":
            self.clock.advance(float(body["seconds"]))
            return json_reply(200, {"clock": self.clock.offset})
        if name == "release_hangs" and req.method == "POST":
            self._waiter.release_hangs()
            return json_reply(200, {})
        if name == "state" and req.method == "GET":
            snapshot = self.snapshot()
            snapshot["faults"] = [f.to_json() for f in self._faults.pending()]
            return json_reply(200, snapshot)
        return detail(404, "Not Found")

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
