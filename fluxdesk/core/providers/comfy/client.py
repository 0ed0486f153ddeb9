"""A ComfyUI server (local, or hosted e.g. on RunPod) behind the provider protocol
(``shared/bfl-api.md`` §8): upload inputs, queue an API-format workflow, follow it over the
websocket and ``/history`` + ``/queue``, fetch the output from ``/view``, interrupt.

Blocking; call from a worker thread. A hosted server's token goes only to that server, as
``Authorization: Bearer <token>`` (or as ``Header-Name: value`` when the token is written so).
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Sequence
from typing import Any, NoReturn
from urllib.parse import urlencode, urlsplit

import requests

from fluxdesk import __version__
from fluxdesk.core.api.catalog import ModelSpec
from fluxdesk.core.api.models import (
    DownloadedImage,
    GenerationRequest,
    PollStatus,
    TaskHandle,
    TaskStatus,
)
from fluxdesk.core.api.transfer import (
    Downloader,
    RetryPolicy,
    Timeouts,
    detail_text,
    json_or_empty,
    post_job,
    read_json,
    retry_after,
    retry_transient,
)
from fluxdesk.core.api.validation import validate_request
from fluxdesk.core.errors import (
    AuthError,
    GenerationFailed,
    JobInterrupted,
    MissingOutput,
    NetworkError,
    ProtocolError,
    RateLimited,
    ServerError,
    ServerRejected,
)
from fluxdesk.core.messages import Message
from fluxdesk.core.providers.base import Billing, Problem, ProviderId, ReadImage, find_model
from fluxdesk.core.providers.comfy.progress import ProgressSocket
from fluxdesk.core.providers.comfy.server import (
    ServerLists,
    auth_headers,
    choices,
    normalize_server_url,
)
from fluxdesk.core.providers.comfy.workflow import Workflow

DEFAULT_COMFY_URL = "http://127.0.0.1:8188"
_WHO = "The ComfyUI server"


def _messages(entry: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    status = entry.get("status") if isinstance(entry.get("status"), dict) else {}
    found = []
    for item in status.get("messages") or []:
        if isinstance(item, list) and len(item) == 2 and isinstance(item[1], dict):
            found.append((str(item[0]), item[1]))
    return found


class ComfyProvider:
    id = ProviderId.comfyui.value
    label = "ComfyUI"
    billing = Billing.none

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        workflows: Sequence[Workflow] = (),
        loras: tuple[str, ...] | None = None,
        session: requests.Session | None = None,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
        live_progress: bool = True,
    ) -> None:
        self._token = token or None
        self.base_url = normalize_server_url(base_url, self._token is not None)
        self.workflows = tuple(workflows)
        self._specs = tuple(workflow.spec(loras) for workflow in self.workflows)
        self._session = session or requests.Session()
        self._timeouts = timeouts or Timeouts()
        self.retry = retry or RetryPolicy()
        self._live = live_progress
        self._user_agent = f"FluxDesk/{__version__}"
        self._downloader = Downloader(
            self._session, self._timeouts, self.retry, self._user_agent, self._gone
        )
        self._sockets: dict[str, ProgressSocket] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:  # never show the token
        return f"ComfyProvider({self.base_url!r}, token={'set' if self._token else 'none'})"

    # --- models -------------------------------------------------------------------------------

    def models(self) -> tuple[ModelSpec, ...]:
        return self._specs

    def model(self, model_id: str) -> ModelSpec:
        return find_model(self._specs, model_id, "The ComfyUI connection")

    def workflow(self, model_id: str) -> Workflow:
        self.model(model_id)  # the artist-readable error for an unknown id
        return next(w for w in self.workflows if w.id == model_id)

    def validate(self, request: GenerationRequest) -> list[Problem]:
        return validate_request(self.model(request.model), request)

    def price(self, request: GenerationRequest) -> float | None:
        return 0.0  # your own (or rented) GPU: no price per image

    def concurrency(self, model_id: str) -> int:
        return self.model(model_id).concurrency

    # --- plumbing -----------------------------------------------------------------------------

    def _headers(self, json_body: bool = True) -> dict[str, str]:
        headers = {"user-agent": self._user_agent, **auth_headers(self._token)}
        if json_body:
            headers["accept"] = "application/json"
        return headers

    def _gone(self, status: int) -> MissingOutput:
        return MissingOutput(
            "The ComfyUI server no longer has the output image (it may have been deleted or the "
            "server restarted). Run the job again.",
            detail=f"HTTP {status}",
        )

    def _call(self, method: str, path: str, what: str, **kwargs: Any) -> requests.Response:
        url = self.base_url + path
        try:
            response = self._session.request(
                method,
                url,
                headers=self._headers(),
                timeout=self._timeouts.pair,
                allow_redirects=False,
                **kwargs,
            )
        except requests.RequestException as exc:
            raise NetworkError(
                Message(
                    "Lost contact with the ComfyUI server at {netloc} during {what}. Check "
                    "that it is running; FluxDesk keeps the job.",
                    netloc=urlsplit(url).netloc,
                    what=what,
                ),
                detail=type(exc).__name__,
            ) from None
        self._raise_for_account(response)
        if response.status_code == 429:
            raise self._rate_limited(response)
        if response.status_code >= 500:
            self._raise_server(response, what)
        return response

    def _raise_for_account(self, response: requests.Response) -> None:
        if response.status_code in (401, 403):
            hint = (
                Message("Check the token in Settings.")
                if self._token
                else Message("This server wants a token: add it in Settings.")
            )
            raise AuthError(
                Message(
                    "The ComfyUI server refused FluxDesk (HTTP {status_code}). {hint}",
                    status_code=response.status_code,
                    hint=hint,
                ),
                detail=detail_text(response),
            )

    def _rate_limited(self, response: requests.Response) -> RateLimited:
        return RateLimited(
            "The ComfyUI host is limiting requests. Wait a moment, then try again.",
            retry_after=retry_after(response),
        )

    def _raise_server(self, response: requests.Response, what: str) -> NoReturn:
        raise ServerError(
            Message(
                "The ComfyUI server had a problem with {what} (HTTP {status_code}). Look "
                "at its console, then try again.",
                what=what,
                status_code=response.status_code,
            ),
            detail=response.text[:300],
        )

    # --- the job ------------------------------------------------------------------------------

    def _upload(self, data: bytes, sha256: str, cancel: threading.Event) -> str:
        name = f"fluxdesk-{sha256[:24]}.png"

        def once() -> requests.Response:
            return self._call(
                "POST",
                "/upload/image",
                Message("the image upload"),
                files={"image": (name, data, "image/png")},
                data={"type": "input", "overwrite": "true"},
            )

        response = retry_transient(once, self.retry, cancel)
        if response.status_code != 200:
            raise ProtocolError(
                Message(
                    "The ComfyUI server refused the input image (HTTP {status_code}).",
                    status_code=response.status_code,
                ),
                detail=response.text[:200],
            )
        body = read_json(response, Message("the image upload"), _WHO)
        stored, folder = body.get("name"), body.get("subfolder") or ""
        if not isinstance(stored, str) or not stored:
            raise ProtocolError("The ComfyUI server took the image but did not say its name.")
        return f"{folder}/{stored}" if folder else stored

    def submit(
        self, request: GenerationRequest, read_image: ReadImage, cancel: threading.Event
    ) -> TaskHandle:
        workflow = self.workflow(request.model)
        values: dict[str, Any] = dict(request.params)
        values["prompt"] = request.prompt
        values["seed"] = request.seed if request.seed is not None else uuid.uuid4().int % 2**32
        main = request.input("input_image")
        if main is not None:
            values["image"] = self._upload(read_image(main.sha256), main.sha256, cancel)
        graph = workflow.build(values)
        client_id = uuid.uuid4().hex
        socket = (
            ProgressSocket.open(self.base_url, client_id, auth_headers(self._token), 5.0)
            if self._live
            else None
        )
        try:
            handle = self._queue(graph, client_id, cancel)
        except BaseException:
            if socket is not None:
                socket.close()
            raise
        if socket is not None:
            socket.prompt_id = handle.task_id
            with self._lock:
                self._sockets[handle.task_id] = socket
        return handle

    def _queue(self, graph: dict[str, Any], client_id: str, cancel: threading.Event) -> TaskHandle:
        url = self.base_url + "/prompt"
        response = post_job(
            self._session,
            url,
            {"prompt": graph, "client_id": client_id},
            headers=self._headers(),
            timeouts=self._timeouts,
            retry=self.retry,
            cancel=cancel,
            uncertain=Message(
                "The connection broke after the workflow was sent, so the ComfyUI server may or "
                "may not have queued it. FluxDesk will not send it again by itself; look at the "
                "server's queue before retrying."
            ),
            unreachable=Message(
                "Can't reach the ComfyUI server at {host}. Check that it is "
                "running and the address in Settings; nothing was sent.",
                host=urlsplit(url).netloc,
            ),
            rate_limited=self._rate_limited,
        )
        self._raise_for_account(response)
        if response.status_code == 400:
            raise ServerRejected(self._node_errors(json_or_empty(response)))
        if response.status_code >= 500:
            self._raise_server(response, Message("the workflow"))
        if response.status_code != 200:
            raise ProtocolError(
                Message(
                    "The ComfyUI server answered the workflow with HTTP {status_code}.",
                    status_code=response.status_code,
                )
            )
        body = read_json(response, Message("the workflow"), _WHO)
        prompt_id = body.get("prompt_id")
        if not isinstance(prompt_id, str) or not prompt_id:
            raise ProtocolError("The ComfyUI server queued the workflow but sent no prompt id.")
        return TaskHandle(prompt_id, f"{self.base_url}/history/{prompt_id}")

    @staticmethod
    def _node_errors(body: Any) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        errors = body.get("node_errors") if isinstance(body, dict) else None
        for node_id, info in (errors or {}).items() if isinstance(errors, dict) else ():
            kind = info.get("class_type", "") if isinstance(info, dict) else ""
            for item in info.get("errors", []) if isinstance(info, dict) else []:
                if isinstance(item, dict):
                    text = item.get("details") or item.get("message") or "invalid"
                    problems.append((f"node {node_id} ({kind})", str(text)))
        if not problems:
            error = body.get("error") if isinstance(body, dict) else None
            message = error.get("message") if isinstance(error, dict) else error
            problems.append(("", str(message or "the server refused the workflow")))
        return problems

    def poll(self, handle: TaskHandle, cancel: threading.Event) -> PollStatus:
        return retry_transient(lambda: self._poll_once(handle), self.retry, cancel)

    def _poll_once(self, handle: TaskHandle) -> PollStatus:
        with self._lock:
            socket = self._sockets.get(handle.task_id)
        live = socket.read() if socket is not None else None
        response = self._call("GET", f"/history/{handle.task_id}", Message("the status check"))
        if response.status_code != 200:
            raise ProtocolError(
                Message(
                    "The ComfyUI server answered the status check with HTTP {status_code}.",
                    status_code=response.status_code,
                )
            )
        body = read_json(response, Message("the status check"), _WHO)
        entry = body.get(handle.task_id)
        if isinstance(entry, dict):
            return self._finished(entry)
        progress = live.fraction if live is not None else None
        return self._queued(handle.task_id, progress)

    def _queued(self, prompt_id: str, progress: float | None) -> PollStatus:
        body = read_json(
            self._call("GET", "/queue", Message("the queue check")),
            Message("the queue check"),
            _WHO,
        )

        def ids(key: str) -> list[str]:
            items = body.get(key) if isinstance(body.get(key), list) else []
            return [str(item[1]) for item in items if isinstance(item, list) and len(item) > 1]

        if prompt_id in ids("queue_running"):
            return PollStatus(TaskStatus.pending, "running", progress)
        pending = ids("queue_pending")
        if prompt_id in pending:
            return PollStatus(
                TaskStatus.pending, "queued", details={"queue_position": pending.index(prompt_id)}
            )
        return PollStatus(TaskStatus.task_not_found, "lost")

    def _finished(self, entry: dict[str, Any]) -> PollStatus:
        status = entry.get("status") if isinstance(entry.get("status"), dict) else {}
        messages = _messages(entry)
        if status.get("status_str") == "error" or any(
            kind in ("execution_error", "execution_interrupted") for kind, _ in messages
        ):
            for kind, data in messages:
                if kind == "execution_interrupted":
                    raise JobInterrupted(
                        "The ComfyUI server interrupted the job (Cancel was pressed there, or it "
                        "was restarted). Run it again."
                    )
                if kind == "execution_error":
                    node = data.get("node_type") or data.get("node_id") or "a node"
                    reason = str(data.get("exception_message") or "no reason given").strip()
                    raise GenerationFailed(
                        Message(
                            "The workflow failed in {node} on the ComfyUI server: {reason}",
                            node=node,
                            reason=reason[:300],
                        )
                    )
            raise GenerationFailed("The workflow failed on the ComfyUI server.")
        for output in (entry.get("outputs") or {}).values():
            for image in output.get("images", []) if isinstance(output, dict) else []:
                if isinstance(image, dict) and image.get("type", "output") == "output":
                    query = urlencode(
                        {
                            "filename": image.get("filename", ""),
                            "subfolder": image.get("subfolder", ""),
                            "type": "output",
                        }
                    )
                    return PollStatus(
                        TaskStatus.ready, "success", 1.0, sample_url=f"{self.base_url}/view?{query}"
                    )
        raise MissingOutput(
            "The workflow finished on the ComfyUI server but saved no image. Does it end in a "
            "Save Image node?"
        )

    def fetch_result(self, status: PollStatus, cancel: threading.Event | None) -> DownloadedImage:
        if status.sample_url is None:
            raise MissingOutput("The workflow finished but saved no image.")
        return self._downloader.download(
            status.sample_url, cancel, headers=auth_headers(self._token)
        )

    def cancel(self, handle: TaskHandle) -> None:
        """Interrupts the job if it is running and takes it out of the queue if it waits."""
        with contextlib.suppress(Exception):
            self._call(
                "POST", "/interrupt", Message("the cancel"), json={"prompt_id": handle.task_id}
            )
            self._call("POST", "/queue", Message("the cancel"), json={"delete": [handle.task_id]})

    def release(self, handle: TaskHandle) -> None:
        with self._lock:
            socket = self._sockets.pop(handle.task_id, None)
        if socket is not None:
            socket.close()

    def balance(self, cancel: threading.Event | None = None) -> float | None:
        return None

    # --- the server ---------------------------------------------------------------------------

    def check(self, cancel: threading.Event | None = None) -> str:
        """A short description of the server (raises if it can't be reached or refuses us)."""
        response = retry_transient(
            lambda: self._call("GET", "/system_stats", Message("the connection check")),
            self.retry,
            cancel,
        )
        body = read_json(response, Message("the connection check"), _WHO)
        system = body.get("system") if isinstance(body.get("system"), dict) else {}
        version = system.get("comfyui_version") or "unknown version"
        devices = body.get("devices") if isinstance(body.get("devices"), list) else []
        gpu = devices[0].get("name") if devices and isinstance(devices[0], dict) else None
        return f"ComfyUI {version}" + (f" on {gpu}" if gpu else "")

    def server_lists(self, cancel: threading.Event | None = None) -> ServerLists:
        """Checkpoints, diffusion models and LoRAs the server lists (empty where it doesn't)."""
        lists: dict[str, tuple[str, ...]] = {}
        for node, name, key in (
            ("CheckpointLoaderSimple", "ckpt_name", "checkpoints"),
            ("UNETLoader", "unet_name", "diffusion_models"),
            ("LoraLoaderModelOnly", "lora_name", "loras"),
        ):
            response = retry_transient(
                lambda node=node: self._call(
                    "GET", f"/object_info/{node}", Message("the model list")
                ),
                self.retry,
                cancel,
            )
            lists[key] = choices(json_or_empty(response), node, name)
        return ServerLists(**lists)
