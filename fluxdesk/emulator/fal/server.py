"""The fal.ai queue API on loopback (``shared/bfl-api.md`` §7), scripted like the BFL emulator.

- ``api``: ``POST /<app id>`` queues; ``GET /<owner>/<app>/requests/<id>/status`` (202 while
  queued or running, 200 when done; ``?logs=1`` adds "step k/28" lines), ``GET .../requests/<id>``
  the result JSON, ``PUT .../cancel``; ``Authorization: Key <any key>``; admin routes under
  ``/_emulator/``.
- ``delivery``: the result images (fal's CDN), fetched without a key.

Faults (``FalFault``): ``submit``, ``poll`` (status), ``result``, ``download``, ``cancel``;
``interrupt`` ends a request as a lost worker does (the result answers 503 with
``X-Fal-Error-Type: runner_disconnected``), ``missing_output`` completes it with no image.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fluxdesk.emulator.fal.jobs import APPS, NSFW, STEPS, FalJobs, FalRequest, Rejected, validate
from fluxdesk.emulator.faults import FalFault, Fault, FaultAction, FaultStage
from fluxdesk.emulator.hosting import ADMIN_PREFIX, LoopbackEmulator
from fluxdesk.emulator.images import CONTENT_TYPES
from fluxdesk.emulator.replies import Incoming, Reply, detail, json_reply
from fluxdesk.emulator.spoil import after, before, delivered
from fluxdesk.emulator.tasks import Clock

_REQUEST_PATH = re.compile(r"^/([^/]+)/([^/]+)/requests/([^/]+?)(/status|/cancel)?$")
_FILE_PATH = re.compile(r"^/files/([0-9a-f-]{36})/image\.(jpeg|png)$")


def _not_found() -> Reply:
    return detail(404, "Not Found")


class FalEmulator(LoopbackEmulator):
    """A running fal.ai emulator; use ``start_fal_emulator``."""

    fault_type = FalFault

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        latency: float = 0.0,
        min_polls: int = 2,
        verbose: bool = False,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(verbose=verbose, clock=clock)
        self.jobs = FalJobs(self.clock, latency, min_polls)
        self._listen(host, {"api": port, "delivery": 0}, self)

    def start(self) -> FalEmulator:
        super().start()
        return self

    @property
    def delivery_url(self) -> str:
        return self._listeners["delivery"].url

    def revoke_key(self, key: str) -> None:
        self.jobs.revoke_key(key)

    def snapshot(self) -> dict[str, Any]:
        return {"requests": self.jobs.snapshot(), "clock": self.clock.offset}

    # --- Routing -------------------------------------------------------------------------------

    def handle(self, req: Incoming) -> Reply:
        if req.listener == "delivery":
            return self._file(req)
        if req.path.startswith(ADMIN_PREFIX):
            return self.admin(req)
        match = _REQUEST_PATH.match(req.path)
        if match is not None:
            owner, app, request_id, tail = match.groups()
            return self._request(req, f"/{owner}/{app}", request_id, tail or "")
        app = APPS.get(req.path.strip("/"))
        if app is None:
            return _not_found()
        if req.method != "POST":
            return detail(405, "Method Not Allowed", {"Allow": "POST"})
        return self._submit(req, app)

    def _take(self, stage: FaultStage, key: str | None, request: FalRequest | None, **kw: Any):
        prompt = request.prompt if request else kw.get("prompt")
        model = request.app.id if request else kw.get("model")
        return self._faults.take(stage, key=key, prompt=prompt, model=model)

    def _submit(self, req: Incoming, app: Any) -> Reply:
        key = self.jobs.authenticate(req.headers.get("authorization"))
        try:
            body = json.loads(req.body or b"null")
        except ValueError:
            body = None
        prompt = body.get("prompt") if isinstance(body, dict) else None
        fault = self._take(FaultStage.submit, key, None, prompt=prompt, model=app.id)
        if (early := before(fault, self._waiter, _not_found)) is not None:
            return early
        if key is None:
            return after(fault, detail(401, "Unauthorized"), "status_url")
        try:
            prompt, images = validate(app, body)
        except Rejected as err:
            return after(fault, json_reply(422, err.to_json()), "status_url")
        request = self.jobs.submit(app, key, prompt, body, images)
        base = f"{self.base_url}{app.queue_prefix}/requests/{request.id}"
        data = {
            "request_id": request.id,
            "response_url": base,
            "status_url": f"{base}/status",
            "cancel_url": f"{base}/cancel",
            "status": "IN_QUEUE",
            "queue_position": 0,
        }
        return after(fault, json_reply(200, data), "status_url")

    def _request(self, req: Incoming, prefix: str, request_id: str, tail: str) -> Reply:
        key = self.jobs.authenticate(req.headers.get("authorization"))
        request = self.jobs.find(request_id)
        if request is not None and request.app.queue_prefix != prefix:
            request = None  # fal answers only under the app's own owner/app
        stage = {"/status": FaultStage.poll, "/cancel": FaultStage.cancel}.get(
            tail, FaultStage.result
        )
        method = {"/cancel": "PUT"}.get(tail, "GET")
        if req.method != method:
            return detail(405, "Method Not Allowed", {"Allow": method})
        fault = self._take(stage, key, request)
        if (early := before(fault, self._waiter, _not_found)) is not None:
            return early
        if key is None:
            return after(fault, detail(401, "Unauthorized"), "status")
        if request is None:
            return after(fault, detail(404, "Request not found"), "status")
        if fault is not None and fault.action is FaultAction.interrupt:
            self.jobs.mark(request, interrupted=True)
        if tail == "/status":
            return after(fault, self._status(req, request), "status")
        if tail == "/cancel":
            return after(fault, self._cancel(request), "status")
        return self._result(fault, request)

    def _status(self, req: Incoming, request: FalRequest) -> Reply:
        status, progress = self.jobs.status(request)
        base = f"{self.base_url}{request.app.queue_prefix}/requests/{request.id}"
        data: dict[str, Any] = {"status": status, "request_id": request.id, "response_url": base}
        if status == "IN_QUEUE":
            data["queue_position"] = 0
        if req.query.get("logs") == "1" and status != "IN_QUEUE":
            step = max(1, round(progress * STEPS))
            data["logs"] = [
                {"message": f"step {n}/{STEPS}", "level": "INFO", "source": "user"}
                for n in range(1, step + 1)
            ]
        if status == "COMPLETED":
            data["metrics"] = {"inference_time": 1.2}
        return json_reply(202 if status != "COMPLETED" else 200, data)

    def _cancel(self, request: FalRequest) -> Reply:
        status, _ = self.jobs.status(request, count=False)
        if status == "IN_QUEUE":
            self.jobs.mark(request, cancelled=True)
            return json_reply(202, {"status": "CANCELLATION_REQUESTED"})
        return json_reply(400, {"status": "ALREADY_COMPLETED"})

    def _result(self, fault: Fault | None, request: FalRequest) -> Reply:
        status, _ = self.jobs.status(request, count=False)
        if request.interrupted:
            headers = {"X-Fal-Error-Type": "runner_disconnected"}
            body = {"detail": "Runner disconnected", "error_type": "runner_disconnected"}
            return after(fault, json_reply(503, body, headers), "images")
        if request.cancelled:
            return after(fault, detail(400, "Request was cancelled"), "images")
        if status != "COMPLETED":
            return after(fault, detail(400, "Request is still in progress"), "images")
        width, height = request.size
        images = [
            {
                "url": f"{self.delivery_url}/files/{request.id}/image.{request.output_format}",
                "width": width,
                "height": height,
                "content_type": CONTENT_TYPES[request.output_format],
            }
        ]
        if fault is not None and fault.action is FaultAction.missing_output:
            images = []
        data = {
            "images": images,
            "seed": request.seed,
            "prompt": request.prompt,
            "has_nsfw_concepts": [NSFW in request.prompt] * len(images),
            "timings": {"inference": 1.2},
        }
        return after(fault, json_reply(200, data), "images")

    def _file(self, req: Incoming) -> Reply:
        match = _FILE_PATH.match(req.path)
        request = self.jobs.find(match.group(1)) if match else None
        fault = self._take(FaultStage.download, None, request)
        if (early := before(fault, self._waiter, _not_found)) is not None:
            return early
        if request is None or self.jobs.status(request, count=False)[0] != "COMPLETED":
            return after(fault, _not_found(), "")
        if request.cancelled or request.interrupted or req.method not in ("GET", "HEAD"):
            return after(fault, _not_found(), "")
        data = self.jobs.result_bytes(request)
        return delivered(fault, Reply(200, data, CONTENT_TYPES[request.output_format]))


def start_fal_emulator(
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    latency: float = 0.0,
    min_polls: int = 2,
    verbose: bool = False,
    clock: Clock | None = None,
) -> FalEmulator:
    """Starts a fal.ai emulator in background threads; ``port=0`` picks a free port."""
    server = FalEmulator(
        host, port, latency=latency, min_polls=min_polls, verbose=verbose, clock=clock
    )
    return server.start()
