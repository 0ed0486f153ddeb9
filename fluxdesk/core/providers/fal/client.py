"""fal.ai's queue API (``shared/bfl-api.md`` §7) with requests.

Why not the ``fal-client`` package: it reads its hosts from process-wide environment variables
at import time and always speaks https, so it cannot be pointed at a loopback emulator per
connection; it silently retries on a backup domain; and it brings six more dependencies. The
queue protocol is four plain HTTP calls, done here with the same retry rules as the BFL client.

Blocking; call from a worker thread. The key goes only to the configured queue host, in
``Authorization: Key ...``; result images are fetched without it.
"""

from __future__ import annotations

import contextlib
import re
import threading
from typing import Any, NoReturn
from urllib.parse import urlsplit

import requests

from fluxdesk.core.api.catalog import ModelSpec
from fluxdesk.core.api.models import (
    DownloadedImage,
    GenerationRequest,
    PollStatus,
    TaskHandle,
    TaskStatus,
)
from fluxdesk.core.api.pricing import estimate_credits
from fluxdesk.core.api.transfer import (
    KeyedClient,
    detail_problems,
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
    CreditsError,
    GenerationFailed,
    JobInterrupted,
    MissingKey,
    MissingOutput,
    Moderated,
    NetworkError,
    ProtocolError,
    RateLimited,
    ResultExpired,
    ServerError,
    ServerRejected,
)
from fluxdesk.core.messages import Message
from fluxdesk.core.providers.base import Billing, Problem, ProviderId, ReadImage
from fluxdesk.core.providers.fal.catalog import FAL_MODELS, fal_model, fal_request

DEFAULT_FAL_URL = "https://queue.fal.run"
_WHO = "fal.ai"
# Infrastructure failures fal names in X-Fal-Error-Type: the job was cut off, not refused.
_INTERRUPTIONS = {
    "request_timeout",
    "startup_timeout",
    "runner_scheduling_failure",
    "runner_connection_timeout",
    "runner_disconnected",
    "runner_server_error",
    "internal_error",
}
_STEP = re.compile(r"(\d+)\s*/\s*(\d+)")


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port


def _progress_from_logs(logs: Any) -> float | None:
    """fal streams the runner's log lines; the last 'step 12/28' style line gives the progress."""
    for entry in reversed(logs if isinstance(logs, list) else []):
        message = entry.get("message") if isinstance(entry, dict) else None
        match = _STEP.search(message) if isinstance(message, str) else None
        if match and int(match.group(2)) > 0:
            return min(0.99, int(match.group(1)) / int(match.group(2)))
    return None


def _expired(status: int) -> ResultExpired:
    return ResultExpired(
        "fal.ai no longer has the result image, so it could not be saved. Run the job again.",
        detail=f"HTTP {status}",
    )


class FalProvider(KeyedClient):
    id = ProviderId.fal.value
    label = "fal.ai"
    billing = Billing.usd

    gone = staticmethod(_expired)

    # --- models -------------------------------------------------------------------------------

    def models(self) -> tuple[ModelSpec, ...]:
        return tuple(model.spec for model in FAL_MODELS)

    def model(self, model_id: str) -> ModelSpec:
        return fal_model(model_id).spec

    def validate(self, request: GenerationRequest) -> list[Problem]:
        return validate_request(self.model(request.model), request)

    def price(self, request: GenerationRequest) -> float | None:
        return estimate_credits(self.model(request.model), request)

    def concurrency(self, model_id: str) -> int:
        return 24  # fal queues what is over the limit instead of refusing it

    # --- plumbing -----------------------------------------------------------------------------

    def _headers(self, url: str) -> dict[str, str]:
        headers = {"accept": "application/json", "user-agent": self._user_agent}
        if self._key and _origin(url) == _origin(self.base_url):
            headers["authorization"] = f"Key {self._key}"
        return headers

    def _get(self, url: str, what: str) -> requests.Response:
        try:
            return self._session.get(
                url, headers=self._headers(url), timeout=self._timeouts.pair, allow_redirects=False
            )
        except requests.RequestException as exc:
            raise NetworkError(
                Message(
                    "Lost contact with fal.ai while waiting for {what}. FluxDesk keeps the "
                    "job and can pick it up again when the connection is back.",
                    what=what,
                ),
                detail=type(exc).__name__,
            ) from None

    def _rate_limited(self, response: requests.Response) -> RateLimited:
        return RateLimited(
            "fal.ai is limiting how many requests this key may send. Wait a moment, then try "
            "again.",
            retry_after=retry_after(response),
        )

    def _raise_for_account(self, response: requests.Response) -> None:
        status = response.status_code
        if status in (401, 403):
            text = detail_text(response)
            if "balance" in text.lower() or "locked" in text.lower():
                raise CreditsError(
                    "Your fal.ai balance is used up. Add funds at fal.ai/dashboard/billing, then "
                    "try again.",
                    detail=text,
                )
            raise AuthError(
                "fal.ai rejected the key. Check it in Settings (or FAL_KEY); keys are made at "
                "fal.ai/dashboard/keys.",
                detail=f"HTTP {status}: {text}",
            )
        if status == 402:
            raise CreditsError(
                "Your fal.ai balance is used up. Add funds at fal.ai/dashboard/billing, then try "
                "again.",
                detail=detail_text(response),
            )

    def _raise_other(self, response: requests.Response, what: str) -> NoReturn:
        status = response.status_code
        if status == 429:
            raise self._rate_limited(response)
        if status >= 500:
            raise ServerError(
                Message(
                    "fal.ai had a problem with {what} (HTTP {status}). Try again in a minute.",
                    what=what,
                    status=status,
                ),
                detail=detail_text(response),
            )
        raise ProtocolError(
            Message(
                "fal.ai answered {what} with an unexpected HTTP {status}.",
                what=what,
                status=status,
            ),
            detail=detail_text(response),
        )

    # --- the job ------------------------------------------------------------------------------

    def submit(
        self, request: GenerationRequest, read_image: ReadImage, cancel: threading.Event
    ) -> TaskHandle:
        if not self._key:
            raise MissingKey(
                "No fal.ai key is set. Add it in Settings (it is kept in the system keychain) "
                "or set the FAL_KEY environment variable."
            )
        app, body = fal_request(fal_model(request.model), request, read_image)
        url = f"{self.base_url}/{app}"
        response = post_job(
            self._session,
            url,
            body,
            headers=self._headers(url),
            timeouts=self._timeouts,
            retry=self.retry,
            cancel=cancel,
            uncertain=Message(
                "The connection broke after the job was sent to fal.ai, so it may or may not be "
                "running (and billed). FluxDesk will not send it again by itself; check your "
                "fal.ai dashboard before retrying."
            ),
            unreachable=Message(
                "Can't reach fal.ai at {host}. Check your internet connection; "
                "nothing was sent or billed.",
                host=urlsplit(url).netloc,
            ),
            rate_limited=self._rate_limited,
        )
        status = response.status_code
        if status in (200, 201, 202):
            return self._parse_handle(read_json(response, Message("the job"), _WHO))
        self._raise_for_account(response)
        if status in (400, 422):
            raise ServerRejected(detail_problems(json_or_empty(response)))
        self._raise_other(response, Message("the job"))

    def _parse_handle(self, body: dict[str, Any]) -> TaskHandle:
        request_id, status_url = body.get("request_id"), body.get("status_url")
        if not isinstance(request_id, str) or not request_id:
            raise ProtocolError("fal.ai accepted the job but sent no request id.")
        if not isinstance(status_url, str) or urlsplit(status_url).scheme not in ("http", "https"):
            raise ProtocolError(
                "fal.ai accepted the job but sent no usable status address.",
                detail=f"request {request_id}",
            )
        return TaskHandle(request_id, status_url)

    @staticmethod
    def _response_url(handle: TaskHandle) -> str:
        # fal's status URL is its response URL plus "/status" (the documented URL family).
        return handle.polling_url.split("?")[0].removesuffix("/status")

    def poll(self, handle: TaskHandle, cancel: threading.Event) -> PollStatus:
        return retry_transient(lambda: self._poll_once(handle), self.retry, cancel)

    def _poll_once(self, handle: TaskHandle) -> PollStatus:
        url = handle.polling_url + ("&" if "?" in handle.polling_url else "?") + "logs=1"
        response = self._get(url, Message("the result"))
        if response.status_code == 404:
            return PollStatus(TaskStatus.task_not_found, "NOT_FOUND")
        self._raise_for_account(response)
        if response.status_code not in (200, 202):
            self._raise_other(response, Message("the status check"))
        body = read_json(response, Message("the status check"), _WHO)
        raw = body.get("status")
        if not isinstance(raw, str):
            raise ProtocolError("fal.ai sent a status answer without a status.")
        if raw == "IN_QUEUE":
            position = body.get("queue_position")
            return PollStatus(TaskStatus.pending, raw, details={"queue_position": position})
        if raw != "COMPLETED":
            return PollStatus(TaskStatus.pending, raw, _progress_from_logs(body.get("logs")))
        if body.get("error"):
            raise self._failure(str(body.get("error_type") or ""), str(body["error"]))
        return self._result(handle)

    def _failure(self, error_type: str, text: str) -> GenerationFailed:
        if error_type in _INTERRUPTIONS:
            return JobInterrupted(
                "fal.ai lost the job part-way (its worker stopped). fal does not bill failed "
                "runs; try again.",
                detail=f"{error_type}: {text}",
            )
        return GenerationFailed(
            Message(
                "The generation failed on fal.ai ({reason}). Try again.",
                reason=text or "no reason given",
            ),
            detail=error_type,
        )

    def _result(self, handle: TaskHandle) -> PollStatus:
        response = self._get(self._response_url(handle), Message("the result"))
        status = response.status_code
        if status != 200:
            self._raise_for_account(response)
            if status == 422:
                raise ServerRejected(detail_problems(json_or_empty(response)))
            body = json_or_empty(response)
            kind = response.headers.get("X-Fal-Error-Type") or (
                body.get("error_type") if isinstance(body, dict) else None
            )
            if kind or status in (400, 500, 503):
                raise self._failure(str(kind or ""), detail_text(response))
            self._raise_other(response, Message("the result"))
        body = read_json(response, Message("the result"), _WHO)
        images = body.get("images")
        first = images[0] if isinstance(images, list) and images else None
        url = first.get("url") if isinstance(first, dict) else None
        if not isinstance(url, str) or not url:
            raise MissingOutput(
                "fal.ai finished the job but returned no image. fal does not bill empty results; "
                "try again."
            )
        flags = body.get("has_nsfw_concepts")
        if isinstance(flags, list) and flags and flags[0] is True:
            raise Moderated(
                "fal.ai's safety checker withheld the generated image. Try another seed or a "
                "different prompt.",
                reasons=["has_nsfw_concepts"],
            )
        seed = body.get("seed")
        seed = seed if isinstance(seed, int) and not isinstance(seed, bool) else None
        return PollStatus(TaskStatus.ready, "COMPLETED", 1.0, sample_url=url, seed=seed)

    def fetch_result(self, status: PollStatus, cancel: threading.Event | None) -> DownloadedImage:
        if status.sample_url is None:
            raise MissingOutput("fal.ai finished the job but returned no image.")
        return self._downloader.download(status.sample_url, cancel)

    def cancel(self, handle: TaskHandle) -> None:
        """fal cancels only jobs still waiting in its queue; a running one finishes anyway."""
        url = self._response_url(handle) + "/cancel"
        # Best effort: the job is recorded as cancelled either way.
        with contextlib.suppress(requests.RequestException):
            self._session.put(url, headers=self._headers(url), timeout=self._timeouts.pair)

    def release(self, handle: TaskHandle) -> None:
        """Nothing is kept per job."""

    def balance(self, cancel: threading.Event | None = None) -> float | None:
        return None  # fal's queue API has no balance endpoint

    def check_key(self, cancel: threading.Event | None = None) -> None:
        """Raises AuthError if fal refuses the key (a status check of an unknown request)."""
        if not self._key:
            raise MissingKey("Paste your fal.ai key first.")
        url = f"{self.base_url}/fal-ai/flux-pro/requests/00000000-key-check/status"
        response = retry_transient(
            lambda: self._get(url, Message("the key check")), self.retry, cancel
        )
        self._raise_for_account(response)
