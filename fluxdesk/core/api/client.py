"""The BFL HTTP client: submit, poll, download, credits.

Blocking; call from a worker thread. Every wait (retry back-off, rate-limit pause) goes through
``cancel.wait()`` so a cancel wakes it at once. HTTP status codes and bodies are turned into
typed errors here and nowhere else.

Retry rules, chosen so a paid job is never sent twice:
- submit: retried only when the server certainly did not start the job (the connection was never
  made, 429, 500/503 which BFL documents as retryable); a connection that breaks after the body
  was sent raises ``SubmitUncertain`` and is never retried.
- poll and credits: plain GETs, retried with jittered back-off on any transient failure.
- download: retried on transient failures; an expired link is final.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any, NoReturn
from urllib.parse import urlsplit

import requests

from fluxdesk.core.api.hosts import may_receive_key, normalize_api_url
from fluxdesk.core.api.models import DownloadedImage, PollStatus, TaskHandle, TaskStatus
from fluxdesk.core.api.transfer import (
    KeyedClient,
    RetryPolicy,
    Timeouts,
    detail_problems,
    detail_text,
    json_or_empty,
    post_job,
    read_json,
    retry_after,
    retry_transient,
    wait,
)
from fluxdesk.core.errors import (
    AuthError,
    CreditsError,
    MissingKey,
    NetworkError,
    ProtocolError,
    RateLimited,
    ResultExpired,
    ServerError,
    ServerRejected,
)
from fluxdesk.core.messages import Message

__all__ = ["FluxApi", "RetryPolicy", "Timeouts"]

log = logging.getLogger(__name__)


def _expired(status: int) -> ResultExpired:
    return ResultExpired(
        "The result's download link had expired (BFL keeps results for 10 minutes), so the "
        "image could not be saved. Run the job again.",
        detail=f"HTTP {status}",
    )


class FluxApi(KeyedClient):
    """One configured API account: base URL, key, timeouts and retry rules."""

    gone = staticmethod(_expired)

    @property
    def has_key(self) -> bool:
        return self._key is not None

    def rebased(self, base_url: str) -> FluxApi:
        """The same account at another API address (a job sent before the region changed)."""
        if normalize_api_url(base_url) == self.base_url:
            return self
        return FluxApi(
            base_url, self._key, session=self._session, timeouts=self._timeouts, retry=self.retry
        )

    # --- plumbing ---------------------------------------------------------------------------

    def _headers(self, url: str) -> dict[str, str]:
        headers = {"accept": "application/json", "user-agent": self._user_agent}
        if self._key and may_receive_key(url, self.base_url):
            headers["x-key"] = self._key
        return headers

    def _require_key(self) -> None:
        if not self._key:
            raise MissingKey()

    def _wait(self, seconds: float, cancel: threading.Event | None) -> None:
        wait(seconds, cancel)

    def _host(self, url: str) -> str:
        return urlsplit(url).netloc or url

    def _json(self, response: requests.Response, what: str) -> dict[str, Any]:
        return read_json(response, what)

    def _raise_for_account(self, response: requests.Response) -> None:
        status = response.status_code
        if status in (401, 403):
            raise AuthError(
                "The API key was rejected. Check it in Settings (or BFL_API_KEY); you can "
                "create a new key at dashboard.bfl.ai.",
                detail=f"HTTP {status}: {detail_text(response)}",
            )
        if status == 402:
            raise CreditsError(
                "Your BFL account has run out of credits. Add credits at dashboard.bfl.ai, then "
                "try again. Nothing was charged for this job.",
                detail=detail_text(response),
            )

    def _rate_limited(self, response: requests.Response) -> RateLimited:
        return RateLimited(
            "Too many jobs are running at once on this account (BFL allows 24, and 6 for "
            "Kontext [max]). Wait for some to finish, then try again.",
            retry_after=retry_after(response),
        )

    # --- endpoints --------------------------------------------------------------------------

    def submit(
        self, endpoint: str, body: Mapping[str, Any], cancel: threading.Event | None = None
    ) -> TaskHandle:
        """Sends one generation request. Never re-sends once the server may have taken it."""
        self._require_key()
        url = self.base_url + endpoint
        response = post_job(
            self._session,
            url,
            body,
            headers=self._headers(url),
            timeouts=self._timeouts,
            retry=self.retry,
            cancel=cancel,
            uncertain=Message(
                "The connection broke after the job was sent, so it may or may not be running "
                "(and charged). FluxDesk will not send it again by itself; check your BFL "
                "dashboard before retrying."
            ),
            unreachable=Message(
                "Can't reach the API at {host}. Check your internet connection; "
                "nothing was sent or charged.",
                host=self._host(url),
            ),
            rate_limited=self._rate_limited,
        )
        status = response.status_code
        if status == 200:
            return self._parse_handle(response)
        self._raise_for_account(response)
        if status in (400, 422):
            raise ServerRejected(detail_problems(json_or_empty(response)))
        self._raise_server(response, Message("the job"))

    def _raise_server(self, response: requests.Response, what: str) -> NoReturn:
        status = response.status_code
        if status >= 500:
            raise ServerError(
                Message(
                    "The API had a problem with {what} (HTTP {status}). Try again in a minute.",
                    what=what,
                    status=status,
                ),
                detail=detail_text(response),
            )
        raise ProtocolError(
            Message(
                "The API answered {what} with an unexpected HTTP {status}.",
                what=what,
                status=status,
            ),
            detail=detail_text(response),
        )

    def _parse_handle(self, response: requests.Response) -> TaskHandle:
        body = self._json(response, Message("the job"))
        task_id, polling_url = body.get("id"), body.get("polling_url")
        if not isinstance(task_id, str) or not task_id:
            raise ProtocolError("The API accepted the job but sent no task id.")
        if not isinstance(polling_url, str) or urlsplit(polling_url).scheme not in (
            "http",
            "https",
        ):
            raise ProtocolError(
                "The API accepted the job but sent no usable polling address.",
                detail=f"task {task_id}",
            )

        def number(name: str) -> float | None:
            value = body.get(name)
            return float(value) if isinstance(value, int | float) else None

        return TaskHandle(
            task_id, polling_url, number("cost"), number("input_mp"), number("output_mp")
        )

    def poll(self, handle: TaskHandle, cancel: threading.Event | None = None) -> PollStatus:
        """One status check at `polling_url`, exactly as the API gave it (transient failures
        are retried here, with back-off)."""
        url = handle.polling_url
        return retry_transient(lambda: self._poll_once(url), self.retry, cancel)

    def _get(self, url: str) -> requests.Response:
        return self._session.get(
            url,
            headers=self._headers(url),
            timeout=(self._timeouts.connect, self._timeouts.read),
            allow_redirects=False,
        )

    def _poll_once(self, url: str) -> PollStatus:
        try:
            response = self._get(url)
        except requests.RequestException as exc:
            raise NetworkError(
                "Lost contact with the API while waiting for the result. FluxDesk keeps the "
                "job and can pick it up again when the connection is back.",
                detail=type(exc).__name__,
            ) from None
        status = response.status_code
        if status == 202:
            return PollStatus(TaskStatus.pending, "Pending")
        if status == 404:
            return PollStatus(TaskStatus.task_not_found, "Task not found")
        if status == 429:
            raise self._rate_limited(response)
        self._raise_for_account(response)
        if status != 200:
            self._raise_server(response, Message("the status check"))
        return self._parse_status(self._json(response, Message("the status check")))

    def _parse_status(self, body: dict[str, Any]) -> PollStatus:
        raw = body.get("status")
        if not isinstance(raw, str):
            raise ProtocolError("The API sent a status answer without a status.")
        status = TaskStatus.parse(raw)
        progress = body.get("progress")
        progress = (
            min(1.0, max(0.0, float(progress)))
            if isinstance(progress, int | float) and not isinstance(progress, bool)
            else None
        )
        details = body.get("details") if isinstance(body.get("details"), dict) else None
        if status is not TaskStatus.ready:
            return PollStatus(status, raw, progress, details=details)
        result = body.get("result")
        sample = result.get("sample") if isinstance(result, dict) else None
        if not isinstance(sample, str) or not sample:
            raise ProtocolError("The API said the image is ready but sent no link to it.")
        seed = result.get("seed") if isinstance(result, dict) else None
        seed = seed if isinstance(seed, int) and not isinstance(seed, bool) else None
        return PollStatus(status, raw, 1.0, sample_url=sample, seed=seed, details=details)

    def download(
        self,
        url: str,
        cancel: threading.Event | None = None,
        on_progress: Callable[[int, int | None], None] | None = None,
    ) -> DownloadedImage:
        """Fetches a result without credentials and checks the bytes are a whole image.

        `cancel` aborts between chunks; the job passes it only when the app is closing, since
        a ready result is already paid for."""
        return self._downloader.download(url, cancel, on_progress)

    def credits(self, cancel: threading.Event | None = None) -> float:
        """The account balance in credits (1 credit = US$0.01)."""
        self._require_key()
        return retry_transient(self._credits_once, self.retry, cancel)

    def _credits_once(self) -> float:
        url = self.base_url + "/v1/credits"
        try:
            response = self._get(url)
        except requests.RequestException as exc:
            raise NetworkError(
                Message(
                    "Can't reach the API at {host} to check the balance.",
                    host=self._host(url),
                ),
                detail=type(exc).__name__,
            ) from None
        self._raise_for_account(response)
        if response.status_code == 429:
            raise self._rate_limited(response)
        if response.status_code != 200:
            self._raise_server(response, Message("the balance check"))
        value = self._json(response, Message("the balance check")).get("credits")
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise ProtocolError("The API's balance answer had no credit figure.")
        return float(value)
