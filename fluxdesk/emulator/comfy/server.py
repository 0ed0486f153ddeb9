"""A ComfyUI server on loopback (``shared/bfl-api.md`` §8), scripted like the BFL emulator.

Routes (also under ``/api``): ``POST /prompt``, ``GET /queue``, ``POST /queue`` (delete),
``POST /interrupt``, ``GET /history/<id>``, ``GET /view``, ``POST /upload/image``,
``GET /object_info/<class>``, ``GET /system_stats`` and the websocket ``/ws?clientId=``.
With ``token`` set it plays a hosted server behind a proxy: every route wants
``Authorization: Bearer <token>``. Admin routes are under ``/_emulator/``.

Faults (``ComfyFault``): ``submit`` (``/prompt``), ``upload``, ``poll`` (``/history/<id>``;
``interrupt`` and ``missing_output`` end the prompt that way), ``download`` (``/view``),
``cancel`` (``/interrupt``).
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import queue
import re
import threading
from typing import Any

from fluxdesk.emulator.comfy.nodes import GraphRejected, object_info, plan, validate
from fluxdesk.emulator.comfy.queue import ComfyQueue, Prompt
from fluxdesk.emulator.comfy.websocket import accept_key, session
from fluxdesk.emulator.faults import ComfyFault, FaultAction, FaultStage
from fluxdesk.emulator.hosting import ADMIN_PREFIX, LoopbackEmulator
from fluxdesk.emulator.replies import Incoming, Reply, Transport, detail, json_reply
from fluxdesk.emulator.spoil import after, before, delivered
from fluxdesk.emulator.tasks import Clock

_HISTORY = re.compile(r"^/history/([^/]+)$")
_OBJECT_INFO = re.compile(r"^/object_info/([A-Za-z0-9_]+)$")
VERSION = "0.3.60"


def _not_found() -> Reply:
    return Reply(404, b"404: Not Found", "text/plain")


def _multipart(req: Incoming) -> dict[str, tuple[str | None, bytes]]:
    """Form fields of a multipart body: name -> (filename, bytes)."""
    head = f"Content-Type: {req.headers.get('content-type', '')}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + req.body)
    fields: dict[str, tuple[str | None, bytes]] = {}
    for part in message.iter_parts() if message.is_multipart() else ():
        name = part.get_param("name", header="content-disposition")
        if isinstance(name, str):
            payload = part.get_payload(decode=True)
            fields[name] = (part.get_filename(), payload if isinstance(payload, bytes) else b"")
    return fields


class ComfyEmulator(LoopbackEmulator):
    """A running ComfyUI emulator; use ``start_comfy_emulator``."""

    fault_type = ComfyFault

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        latency: float = 0.0,
        min_polls: int = 2,
        token: str | None = None,
        verbose: bool = False,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(verbose=verbose, clock=clock)
        self.token = token
        self._outboxes: dict[str, queue.Queue[str]] = {}
        self._outbox_lock = threading.Lock()
        self.queue = ComfyQueue(self.clock, latency, min_polls, self._send)
        self._listen(host, {"api": port}, self)

    def start(self) -> ComfyEmulator:
        super().start()
        return self

    def snapshot(self) -> dict[str, Any]:
        return {"prompts": self.queue.snapshot(), "clock": self.clock.offset}

    def sockets(self) -> int:
        """Open websocket sessions (tests check none is left behind)."""
        with self._outbox_lock:
            return len(self._outboxes)

    def _send(self, client_id: str | None, message: dict[str, Any]) -> None:
        with self._outbox_lock:
            outbox = self._outboxes.get(client_id or "")
        if outbox is not None:
            outbox.put(json.dumps(message))

    # --- Routing -------------------------------------------------------------------------------

    def handle(self, req: Incoming) -> Reply:
        if req.path.startswith(ADMIN_PREFIX):
            return self.admin(req)
        path = req.path.removeprefix("/api") if req.path.startswith("/api/") else req.path
        if self.token and req.headers.get("authorization") != f"Bearer {self.token}":
            return detail(401, "Unauthorized")
        route = (req.method, path)
        if route == ("POST", "/prompt"):
            return self._prompt(req)
        if route == ("POST", "/upload/image"):
            return self._upload(req)
        if route == ("GET", "/queue"):
            return json_reply(200, self.queue.queue_lists())
        if route == ("POST", "/queue"):
            body = self._json(req) or {}
            for prompt_id in body.get("delete") or []:
                self.queue.delete(str(prompt_id))
            return Reply(200, b"", "text/plain")
        if route == ("POST", "/interrupt"):
            return self._interrupt(req)
        if route == ("GET", "/view"):
            return self._view(req)
        if route == ("GET", "/system_stats"):
            return json_reply(
                200,
                {
                    "system": {"os": "posix", "comfyui_version": VERSION, "emulated": True},
                    "devices": [{"name": "cuda:0 emulated GPU", "type": "cuda", "index": 0}],
                },
            )
        if route == ("GET", "/ws"):
            return self._websocket(req)
        if req.method == "GET" and (match := _HISTORY.match(path)):
            return self._history(match.group(1))
        if req.method == "GET" and (match := _OBJECT_INFO.match(path)):
            info = object_info(match.group(1))
            return json_reply(200, info) if info is not None else json_reply(200, {})
        return _not_found()

    @staticmethod
    def _json(req: Incoming) -> Any:
        try:
            return json.loads(req.body) if req.body.strip() else None
        except ValueError:
            return None

    def _prompt(self, req: Incoming) -> Reply:
        body = self._json(req)
        graph = body.get("prompt") if isinstance(body, dict) else None
        try:
            checked = validate(graph, set(self.queue.inputs))
            job = plan(checked)
        except GraphRejected as err:
            fault = self._faults.take(FaultStage.submit, key=self.token, prompt=None, model=None)
            early = before(fault, self._waiter, _not_found)
            return early or after(fault, json_reply(400, err.body), "prompt_id")
        fault = self._faults.take(FaultStage.submit, key=self.token, prompt=job.prompt, model=None)
        if (early := before(fault, self._waiter, _not_found)) is not None:
            return early
        client_id = body.get("client_id") if isinstance(body.get("client_id"), str) else None
        prompt = self.queue.queue(checked, job, client_id)
        data = {"prompt_id": prompt.id, "number": prompt.number, "node_errors": {}}
        return after(fault, json_reply(200, data), "prompt_id")

    def _upload(self, req: Incoming) -> Reply:
        fault = self._faults.take(FaultStage.upload, key=self.token, prompt=None, model=None)
        if (early := before(fault, self._waiter, _not_found)) is not None:
            return early
        fields = _multipart(req)
        filename, data = fields.get("image", (None, b""))
        if not filename or not data:
            return after(fault, Reply(400, b"", "text/plain"), "")
        overwrite = fields.get("overwrite", (None, b""))[1].decode() in ("true", "1")
        name = self.queue.upload(filename.rsplit("/", 1)[-1], data, overwrite)
        return after(fault, json_reply(200, {"name": name, "subfolder": "", "type": "input"}), "")

    def _history(self, prompt_id: str) -> Reply:
        prompt = self.queue.find(prompt_id)
        fault = self._faults.take(FaultStage.poll, **self._filters(prompt))
        if (early := before(fault, self._waiter, _not_found)) is not None:
            return early
        if prompt is not None:
            if fault is not None and fault.action is FaultAction.interrupt:
                self.queue.end(prompt, "interrupted")
            elif fault is not None and fault.action is FaultAction.missing_output:
                self.queue.end(prompt, "missing_output")
            else:
                self.queue.look(prompt)
        body = self.queue.history(prompt) if prompt is not None else {}
        return after(fault, json_reply(200, body), "")

    def _filters(self, prompt: Prompt | None) -> dict[str, str | None]:
        return {"key": self.token, "prompt": prompt.plan.prompt if prompt else None, "model": None}

    def _interrupt(self, req: Incoming) -> Reply:
        fault = self._faults.take(FaultStage.cancel, key=self.token, prompt=None, model=None)
        if (early := before(fault, self._waiter, _not_found)) is not None:
            return early
        body = self._json(req)
        prompt_id = body.get("prompt_id") if isinstance(body, dict) else None
        self.queue.interrupt_running(prompt_id if isinstance(prompt_id, str) else None)
        return after(fault, Reply(200, b"", "text/plain"), "")

    def _view(self, req: Incoming) -> Reply:
        fault = self._faults.take(FaultStage.download, key=self.token, prompt=None, model=None)
        if (early := before(fault, self._waiter, _not_found)) is not None:
            return early
        filename = req.query.get("filename", "")
        if filename.startswith("/") or ".." in filename:
            return Reply(400, b"", "text/plain")
        data = self.queue.outputs.get((req.query.get("subfolder", ""), filename))
        if data is None or req.query.get("type", "output") != "output":
            return after(fault, _not_found(), "")
        return delivered(fault, Reply(200, data, "image/png"))

    def _websocket(self, req: Incoming) -> Reply:
        key = req.headers.get("sec-websocket-key")
        if req.headers.get("upgrade", "").lower() != "websocket" or not key:
            return Reply(400, b"Expected a websocket", "text/plain")
        client_id = req.query.get("clientId") or ""
        outbox: queue.Queue[str] = queue.Queue()
        remaining = self.queue.queue_lists()
        outbox.put(
            json.dumps(
                {
                    "type": "status",
                    "data": {
                        "status": {
                            "exec_info": {"queue_remaining": len(remaining["queue_pending"])}
                        },
                        "sid": client_id,
                    },
                }
            )
        )
        with self._outbox_lock:
            self._outboxes[client_id] = outbox

        def ended() -> None:
            with self._outbox_lock:
                if self._outboxes.get(client_id) is outbox:
                    del self._outboxes[client_id]

        headers = (
            ("Upgrade", "websocket"),
            ("Connection", "Upgrade"),
            ("Sec-WebSocket-Accept", accept_key(key)),
        )
        return Reply(
            101,
            headers=headers,
            transport=Transport.upgrade,
            stream=session(outbox, self._waiter, ended),
        )


def start_comfy_emulator(
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    latency: float = 0.0,
    min_polls: int = 2,
    token: str | None = None,
    verbose: bool = False,
    clock: Clock | None = None,
) -> ComfyEmulator:
    """Starts a ComfyUI emulator in background threads; ``port=0`` picks a free port."""
    server = ComfyEmulator(
        host, port, latency=latency, min_polls=min_polls, token=token, verbose=verbose, clock=clock
    )
    return server.start()
