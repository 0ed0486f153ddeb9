"""Live progress from ComfyUI's websocket (``/ws?clientId=``), read without blocking.

ComfyUI sends a prompt's messages only to the client id that queued it, so each job opens its
own socket before queueing and reads what has arrived at each poll. The socket is a nicety:
if it cannot be opened or drops, the job carries on by polling ``/history`` and ``/queue``.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import websocket

log = logging.getLogger(__name__)

_TERMINAL = {"execution_success", "execution_error", "execution_interrupted"}


@dataclass(frozen=True, slots=True)
class Progress:
    fraction: float | None  # of the current sampler's steps
    finished: bool  # the server says the prompt is done (success or not): read /history now


def ws_url(base_url: str, client_id: str) -> str:
    parts = urlsplit(base_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return urlunsplit((scheme, parts.netloc, parts.path + "/ws", f"clientId={client_id}", ""))


class ProgressSocket:
    """One job's socket. Blocking only briefly: reads whatever frames are already there."""

    def __init__(self, connection: websocket.WebSocket) -> None:
        self._ws: websocket.WebSocket | None = connection
        self._fraction: float | None = None
        self._finished = False
        self.prompt_id: str | None = None

    @classmethod
    def open(
        cls, base_url: str, client_id: str, headers: dict[str, str], timeout: float
    ) -> ProgressSocket | None:
        try:
            connection = websocket.create_connection(
                ws_url(base_url, client_id),
                timeout=timeout,
                header=[f"{name}: {value}" for name, value in headers.items()],
            )
        except (OSError, websocket.WebSocketException) as exc:
            log.info("no ComfyUI progress socket (%s); polling instead", type(exc).__name__)
            return None
        return cls(connection)

    def read(self) -> Progress:
        while self._ws is not None:
            try:
                self._ws.settimeout(0.01)
                frame = self._ws.recv()
            except websocket.WebSocketTimeoutException:
                break
            except (OSError, websocket.WebSocketException):
                self.close()  # dropped: polling carries on
                break
            if isinstance(frame, str):
                self._take(frame)
        return Progress(self._fraction, self._finished)

    def _take(self, text: str) -> None:
        try:
            message = json.loads(text)
        except (ValueError, RecursionError):  # not a message we know: progress goes on
            return
        data = message.get("data") if isinstance(message, dict) else None
        if not isinstance(data, dict):
            return
        if self.prompt_id is not None and data.get("prompt_id") not in (None, self.prompt_id):
            return
        kind = message.get("type")
        if kind == "progress":
            value, maximum = data.get("value"), data.get("max")
            if isinstance(value, int | float) and isinstance(maximum, int | float) and maximum > 0:
                self._fraction = min(0.99, float(value) / float(maximum))
        elif kind in _TERMINAL or (kind == "executing" and data.get("node") is None):
            self._finished = True

    def close(self) -> None:
        if self._ws is not None:
            with contextlib.suppress(Exception):
                self._ws.close()
            self._ws = None
