"""``fluxdesk emulator``: run an emulator in the foreground until Ctrl+C or SIGTERM.

``--provider bfl`` (the default, exactly as before), ``fal`` or ``comfyui``."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable

from fluxdesk.emulator.hosting import LoopbackEmulator
from fluxdesk.emulator.server import EmulatorServer, serve


def _announce_bfl(server: EmulatorServer) -> None:
    print(f"BFL emulator API on {server.base_url}")
    print(f"Result delivery on {server.delivery_url}")
    print(
        f"Any API key is accepted; try: export FLUXDESK_API_URL={server.base_url} BFL_API_KEY=demo"
    )
    sys.stdout.flush()


def _start_other(provider: str, host: str, port: int, latency: float) -> LoopbackEmulator:
    if provider == "fal":
        from fluxdesk.emulator.fal import start_fal_emulator

        server: LoopbackEmulator = start_fal_emulator(host, port, latency=latency, min_polls=1)
        print(f"fal.ai emulator queue API on {server.base_url}")
        print(f"Any key is accepted; try: export FLUXDESK_FAL_URL={server.base_url} FAL_KEY=demo")
    else:
        from fluxdesk.emulator.comfy import start_comfy_emulator

        server = start_comfy_emulator(host, port, latency=latency, min_polls=1)
        print(f"ComfyUI emulator on {server.base_url}")
        print(f"Try: export FLUXDESK_COMFY_URL={server.base_url}")
    sys.stdout.flush()
    return server


def _serve_other(provider: str, host: str, port: int, latency: float, stop: threading.Event):
    server = _start_other(provider, host, port, latency)
    try:
        # A timed wait in a loop: an untimed one cannot be interrupted by Ctrl+C on Windows.
        while not stop.wait(1.0):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


def run(
    host: str = "127.0.0.1",
    port: int = 0,
    latency: float = 2.0,
    credits: float = 1000.0,
    provider: str = "bfl",
) -> int:
    """Blocking. Prints where each listener is, serves until interrupted, returns an exit code."""
    stop = threading.Event()
    serving: Callable[[], None]
    if provider == "bfl":

        def serving() -> None:
            serve(host, port, latency, credits=credits, on_ready=_announce_bfl, stop=stop)

    else:

        def serving() -> None:
            _serve_other(provider, host, port, latency, stop)

    previous = None
    if threading.current_thread() is threading.main_thread():
        # SIGTERM (a service manager, `kill`) should stop as cleanly as Ctrl+C does.
        previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        serving()
    except OSError as err:
        print(f"Cannot start the emulator on {host}:{port}: {err}", file=sys.stderr)
        return 2
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0
