"""What each request gets: the BFL endpoints, the delivery store, the admin routes, and faults.

Pure of socket I/O: ``Router.handle`` takes an ``Incoming`` request and returns a ``Reply``; the
server only reads and writes bytes. Faults are applied here, around the normal handling: some
answer instead of it (``status``, ``malformed``, ``hang``, ``expire``), some change its answer
afterwards (``drop``, ``wrong_shape``, ``truncate``, ``corrupt``, ``slow``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from fluxdesk.emulator.catalog import MODELS
from fluxdesk.emulator.faults import FaultAction, FaultBook, FaultStage, Waiter
from fluxdesk.emulator.images import CONTENT_TYPES
from fluxdesk.emulator.pricing import megapixels
from fluxdesk.emulator.replies import (
    ApiError,
    Incoming,
    Reply,
    blob_error,
    detail,
    json_reply,
)
from fluxdesk.emulator.schema import FieldError
from fluxdesk.emulator.spoil import after, before, delivered
from fluxdesk.emulator.state import EmulatorState, expired_reply, not_found_body
from fluxdesk.emulator.tasks import Task
from fluxdesk.emulator.validation import RequestRejected, parse_json, validate_submit

_RESULT_PATH = re.compile(r"^/results/([0-9a-f]{32})/([^/]+)$")
_ADMIN = "/_emulator/"


class Router:
    def __init__(
        self,
        state: EmulatorState,
        faults: FaultBook,
        waiter: Waiter,
        *,
        regional: bool,
        admin: Callable[[Incoming], Reply],
    ) -> None:
        self.state, self.faults, self.waiter = state, faults, waiter
        self.regional = regional
        self._shared_admin = admin  # faults, clock, hangs, state: the same on every emulator
        self.polling_base = ""  # set by the server once its listeners have ports
        api = {"/v1/get_result": ("GET",), "/v1/credits": ("GET",)}
        api |= {spec.path: ("POST",) for spec in MODELS.values()}
        self._api_methods = api
        self._admin_methods = {
            "/_emulator/faults": ("POST", "DELETE"),
            "/_emulator/advance_clock": ("POST",),
            "/_emulator/state": ("GET",),
            "/_emulator/release_hangs": ("POST",),
            "/_emulator/keys": ("POST",),
        }

    def handle(self, req: Incoming) -> Reply:
        if req.listener == "delivery":
            return self._delivery(req)
        routes = self._api_methods
        if req.listener == "api" and req.path.startswith(_ADMIN):
            routes = self._admin_methods
        allowed = routes.get(req.path)
        if allowed is None:
            return detail(404, "Not Found")
        if req.method not in allowed:
            return detail(405, "Method Not Allowed", {"Allow": ", ".join(allowed)})
        if routes is self._admin_methods:
            return self._admin(req)
        if req.path == "/v1/get_result":
            return self._poll(req)
        if req.path == "/v1/credits":
            return self._credits(req)
        return self._submit(req, req.path.removeprefix("/v1/"))

    # --- BFL endpoints -------------------------------------------------------------------------

    def _submit(self, req: Incoming, slug: str) -> Reply:
        key = req.headers.get("x-key")
        body: Any = None
        rejected: RequestRejected | None = None
        try:
            body = parse_json(req.body)
        except RequestRejected as err:
            rejected = err
        prompt = body.get("prompt") if isinstance(body, dict) else None
        prompt = prompt if isinstance(prompt, str) else None
        fault = self.faults.take(FaultStage.submit, key=key, prompt=prompt, model=slug)
        early = before(fault, self.waiter, expired_reply)
        if early is not None:
            return early
        try:
            # FastAPI resolves the x-key dependency before it reports body errors.
            key = self.state.authenticate(key)
            if rejected is not None:
                raise rejected
            request = validate_submit(slug, body)
            task = self.state.submit(key, request)
        except ApiError as err:
            return after(fault, err.reply, "polling_url")
        except RequestRejected as err:
            return after(fault, json_reply(422, err.to_json()), "polling_url")
        data: dict[str, Any] = {
            "id": task.id,
            "polling_url": f"{self.polling_base}/v1/get_result?id={task.id}",
            "cost": task.cost,
            "input_mp": megapixels(sum(i.pixels for i in request.images)),
            "output_mp": megapixels(request.width * request.height),
        }
        if request.params.get("webhook_url"):
            # AsyncWebhookResponse; the emulator calls no webhooks, so polling still works.
            data |= {"status": "Pending", "webhook_url": request.params["webhook_url"]}
        return after(fault, json_reply(200, data), "polling_url")

    def _poll(self, req: Incoming) -> Reply:
        task_id = req.query.get("id")
        if task_id is None:
            error = FieldError(("query", "id"), "Field required", "missing", None)
            return json_reply(422, {"detail": [error.to_json()]})
        # With regional polling the API host does not know the task: use polling_url verbatim.
        visible = not (self.regional and req.listener == "api")
        task = self.state.find(task_id) if visible else None
        fault = self.faults.take(FaultStage.poll, **_task_filters(task))
        early = before(fault, self.waiter, expired_reply)
        if early is not None:
            return early
        if not visible:
            body = not_found_body(task_id)
        elif fault is not None and fault.action is FaultAction.task_status:
            assert fault.task_status is not None
            body = self.state.force(task_id, fault.task_status, fault.details)
        else:
            body = self.state.poll(task_id)
        if fault is not None and fault.action is FaultAction.ready_without_sample and task:
            body = self.state.result_without_sample(task)
        return after(fault, json_reply(200, body), "status")

    def _credits(self, req: Incoming) -> Reply:
        key = req.headers.get("x-key")
        fault = self.faults.take(FaultStage.credits, key=key, prompt=None, model=None)
        early = before(fault, self.waiter, expired_reply)
        if early is not None:
            return early
        try:
            key = self.state.authenticate(key)
            reply = json_reply(200, {"credits": self.state.credits_of(key)})
        except ApiError as err:
            reply = err.reply
        return after(fault, reply, "credits")

    # --- Result delivery -----------------------------------------------------------------------

    def _delivery(self, req: Incoming) -> Reply:
        match = _RESULT_PATH.match(req.path)
        if match is None:
            return blob_error(404, "ResourceNotFound", "The specified resource does not exist.")
        if req.method not in ("GET", "HEAD"):
            return blob_error(405, "UnsupportedHttpVerb", "The resource doesn't support the verb.")
        sample_id, filename = match.groups()
        task = self.state.find_sample(sample_id)
        fault = self.faults.take(FaultStage.download, **_task_filters(task))
        early = before(fault, self.waiter, expired_reply)
        if early is not None:
            return early
        try:
            task = self.state.open_result(sample_id, filename, req.query)
            data = self.state.result_bytes(task)
        except ApiError as err:
            return after(fault, err.reply, "")
        content_type = CONTENT_TYPES[task.request.output_format]
        headers = (("ETag", f'"{task.sample_id}"'), ("x-ms-blob-type", "BlockBlob"))
        return delivered(fault, Reply(200, data, content_type, headers))

    # --- Admin (API listener only, no key) -----------------------------------------------------

    def _admin(self, req: Incoming) -> Reply:
        if req.path != "/_emulator/keys":
            return self._shared_admin(req)
        try:
            body = json.loads(req.body) if req.body.strip() else {}
            key = body["key"]
            if not isinstance(key, str) or not key:
                raise ValueError("key must be a non-empty string")
            if body.get("revoked"):
                self.state.revoke_key(key)
            else:
                credits = body.get("credits")
                self.state.add_key(key, None if credits is None else float(credits))
        except (ValueError, TypeError, KeyError) as err:
            return detail(422, str(err) or type(err).__name__)
        return json_reply(200, self.state.snapshot())


def _task_filters(task: Task | None) -> dict[str, str | None]:
    if task is None:
        return {"key": None, "prompt": None, "model": None}
    return {"key": task.key, "prompt": task.prompt, "model": task.model}
