"""``fluxdesk emulator``: run the BFL emulator in the foreground until Ctrl+C or SIGTERM."""

from __future__ import annotations

import signal
import sys
import threading

from fluxdesk.emulator.server import EmulatorServer, serve


def run(
    host: str = "127.0.0.1", port: int = 0, latency: float = 2.0, credits: float = 1000.0
) -> int:
    """Blocking. Prints where each listener is, serves until interrupted, returns an exit code."""
    stop = threading.Event()

    def announce(server: EmulatorServer) -> None:
        print(f"BFL emulator API on {server.base_url}")
        print(f"Result delivery on {server.delivery_url}")
        print(
            "Any API key is accepted; try: "
            f"export FLUXDESK_API_URL={server.base_url} BFL_API_KEY=demo"
        )
        sys.stdout.flush()

    previous = None
    if threading.current_thread() is threading.main_thread():
        # SIGTERM (a service manager, `kill`) should stop as cleanly as Ctrl+C does.
        previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        serve(host, port, latency, credits=credits, on_ready=announce, stop=stop)
    except OSError as err:
        print(f"Cannot start the emulator on {host}:{port}: {err}", file=sys.stderr)
        return 2
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0
