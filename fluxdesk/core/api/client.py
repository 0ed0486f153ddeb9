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

import io
import logging
import random
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn
from urllib.parse import urlsplit

import requests
from PIL import Image, UnidentifiedImageError

from fluxdesk import __version__
from fluxdesk.core.api.hosts import is_acceptable_download_url, may_receive_key, normalize_api_url
from fluxdesk.core.api.models import DownloadedImage, PollStatus, TaskHandle, TaskStatus
from fluxdesk.core.errors import (
    AuthError,
    CreditsError,
    DownloadError,
    FluxError,
    MissingKey,
    NetworkError,
    OperationCancelled,
    ProtocolError,
    RateLimited,
    ResultExpired,
    ServerError,
    ServerRejected,
    SubmitUncertain,
)

log = logging.getLogger(__name__)

MAX_RESULT_BYTES = 200 * 1024 * 1024
MAX_RESULT_PIXELS = 64_000_000
_IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp"}


@dataclass(frozen=True, slots=True)
class Timeouts:
    connect: float = 10.0
    read: float = 60.0


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    submit_attempts: int = 3
    rate_limit_attempts: int = 6
    poll_attempts: int = 6
    download_attempts: int = 4
    base_delay: float = 1.0
    max_delay: float = 30.0
    # Longest single wait we accept from a Retry-After header.
    max_retry_after: float = 60.0

    @classmethod
    def immediate(cls) -> RetryPolicy:
        """No waiting between attempts: for tests against the emulator."""
        return cls(base_delay=0.0, max_delay=0.0, max_retry_after=0.0)

    def delay(self, attempt: int) -> float:
        """Exponential back-off with full jitter (attempt counts from 1)."""
        ceiling = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return random.uniform(ceiling / 2, ceiling) if ceiling > 0 else 0.0


def _detail_problems(body: Any) -> list[tuple[str, str]]:
    """FastAPI's 422 `detail` list -> (field, message) pairs."""
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, str):
        return [("", detail)]
    problems = []
    for item in detail if isinstance(detail, list) else []:
        if not isinstance(item, dict):
            continue
        loc = [str(part) for part in item.get("loc") or [] if part != "body"]
        problems.append((".".join(loc), str(item.get("msg") or "invalid")))
    return problems


def _detail_text(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    detail = body.get("detail") if isinstance(body, dict) else None
    return detail if isinstance(detail, str) else ""


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def _connection_was_made(exc: requests.RequestException) -> bool:
    """False when the request certainly never reached the server (refused, DNS, connect timeout)."""
    if isinstance(exc, requests.ConnectTimeout):
        return False
    if isinstance(exc, requests.ConnectionError):
        text = repr(exc)
        markers = ("NewConnectionError", "NameResolutionError", "Failed to establish")
        return not any(marker in text for marker in markers)
    return True


class FluxApi:
    """One configured API account: base URL, key, timeouts and retry rules."""

    def __init__(
        self,
        base_url: str,
        api_key: str | None,
        *,
        session: requests.Session | None = None,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.base_url = normalize_api_url(base_url)
        self._key = api_key or None
        self._session = session or requests.Session()
        self._timeouts = timeouts or Timeouts()
        self.retry = retry or RetryPolicy()
        self._user_agent = f"FluxDesk/{__version__}"

    def __repr__(self) -> str:  # never show the key
        return f"FluxApi({self.base_url!r}, key={'set' if self._key else 'missing'})"

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
        if seconds <= 0:
            if cancel is not None and cancel.is_set():
                raise OperationCancelled()
            return
        if cancel is None:
            threading.Event().wait(seconds)
        elif cancel.wait(seconds):
            raise OperationCancelled()

    def _host(self, url: str) -> str:
        return urlsplit(url).netloc or url

    def _json(self, response: requests.Response, what: str) -> dict[str, Any]:
        try:
            body = response.json()
        except ValueError:
            raise ProtocolError(
                f"The API sent an unreadable answer to {what} (not JSON). "
                "It may be having trouble; try again shortly.",
                detail=f"HTTP {response.status_code}, {response.text[:200]!r}",
            ) from None
        if not isinstance(body, dict):
            raise ProtocolError(f"The API sent an unexpected answer to {what}.")
        return body

    def _raise_for_account(self, response: requests.Response) -> None:
        status = response.status_code
        if status in (401, 403):
            raise AuthError(
                "The API key was rejected. Check it in Settings (or BFL_API_KEY); you can "
                "create a new key at dashboard.bfl.ai.",
                detail=f"HTTP {status}: {_detail_text(response)}",
            )
        if status == 402:
            raise CreditsError(
                "Your BFL account has run out of credits. Add credits at dashboard.bfl.ai, then "
                "try again. Nothing was charged for this job.",
                detail=_detail_text(response),
            )

    def _rate_limited(self, response: requests.Response) -> RateLimited:
        return RateLimited(
            "Too many jobs are running at once on this account (BFL allows 24, and 6 for "
            "Kontext [max]). Wait for some to finish, then try again.",
            retry_after=_retry_after(response),
        )

    # --- endpoints --------------------------------------------------------------------------

    def submit(
        self, endpoint: str, body: Mapping[str, Any], cancel: threading.Event | None = None
    ) -> TaskHandle:
        """Sends one generation request. Never re-sends once the server may have taken it."""
        self._require_key()
        url = self.base_url + endpoint
        attempt = rate_limited = 0
        while True:
            attempt += 1
            if cancel is not None and cancel.is_set():
                raise OperationCancelled()
            try:
                response = self._session.post(
                    url,
                    json=dict(body),
                    headers=self._headers(url),
                    timeout=(self._timeouts.connect, self._timeouts.read),
                    allow_redirects=False,
                )
            except requests.RequestException as exc:
                if _connection_was_made(exc):
                    raise SubmitUncertain(
                        "The connection broke after the job was sent, so it may or may not be "
                        "running (and charged). FluxDesk will not send it again by itself; check "
                        "your BFL dashboard before retrying.",
                        detail=type(exc).__name__,
                    ) from None
                if attempt >= self.retry.submit_attempts:
                    raise NetworkError(
                        f"Can't reach the API at {self._host(url)}. Check your internet "
                        "connection; nothing was sent or charged.",
                        detail=type(exc).__name__,
                    ) from None
                self._wait(self.retry.delay(attempt), cancel)
                continue

            status = response.status_code
            if status == 200:
                return self._parse_handle(response)
            self._raise_for_account(response)
            if status in (400, 422):
                raise ServerRejected(_detail_problems(self._json_or_empty(response)))
            if status == 429:
                rate_limited += 1
                error = self._rate_limited(response)
                if rate_limited >= self.retry.rate_limit_attempts:
                    raise error
                wait = error.retry_after if error.retry_after is not None else None
                if wait is None:
                    wait = self.retry.delay(rate_limited)
                self._wait(min(wait, self.retry.max_retry_after), cancel)
                attempt -= 1  # a rate-limit pause is not a failed attempt
                continue
            if status in (500, 503) and attempt < self.retry.submit_attempts:
                self._wait(self.retry.delay(attempt), cancel)
                continue
            self._raise_server(response, "the job")

    def _json_or_empty(self, response: requests.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            return {}

    def _raise_server(self, response: requests.Response, what: str) -> NoReturn:
        status = response.status_code
        if status >= 500:
            raise ServerError(
                f"The API had a problem with {what} (HTTP {status}). Try again in a minute.",
                detail=_detail_text(response),
            )
        raise ProtocolError(
            f"The API answered {what} with an unexpected HTTP {status}.",
            detail=_detail_text(response),
        )

    def _parse_handle(self, response: requests.Response) -> TaskHandle:
        body = self._json(response, "the job")
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
        failures = 0
        while True:
            try:
                return self._poll_once(url)
            except FluxError as error:
                if not error.retryable:
                    raise
                failures += 1
                if failures >= self.retry.poll_attempts:
                    raise
                wait = getattr(error, "retry_after", None)
                wait = self.retry.delay(failures) if wait is None else wait
                self._wait(min(wait, self.retry.max_retry_after), cancel)

    def _poll_once(self, url: str) -> PollStatus:
        try:
            response = self._session.get(
                url,
                headers=self._headers(url),
                timeout=(self._timeouts.connect, self._timeouts.read),
                allow_redirects=False,
            )
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
            self._raise_server(response, "the status check")
        return self._parse_status(self._json(response, "the status check"))

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
        if not is_acceptable_download_url(url):
            raise DownloadError(
                "The API gave an insecure or invalid link for the result; it was not fetched.",
                detail=urlsplit(url).scheme,
            )
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._download_once(url, cancel, on_progress)
            except (ResultExpired, OperationCancelled):
                raise
            except DownloadError:
                if attempt >= self.retry.download_attempts:
                    raise
                self._wait(self.retry.delay(attempt), cancel)

    def _download_once(
        self,
        url: str,
        cancel: threading.Event | None,
        on_progress: Callable[[int, int | None], None] | None,
    ) -> DownloadedImage:
        try:
            with self._session.get(
                url,
                headers={"user-agent": self._user_agent},  # never the key: delivery hosts
                timeout=(self._timeouts.connect, self._timeouts.read),
                stream=True,
                allow_redirects=True,
            ) as response:
                if response.status_code in (401, 403, 404, 410):
                    raise ResultExpired(
                        "The result's download link had expired (BFL keeps results for 10 "
                        "minutes), so the image could not be saved. Run the job again.",
                        detail=f"HTTP {response.status_code}",
                    )
                if response.status_code != 200:
                    raise DownloadError(
                        f"The result could not be downloaded (HTTP {response.status_code}).",
                    )
                data = self._read_body(response, cancel, on_progress)
        except requests.exceptions.ChunkedEncodingError:
            raise DownloadError("The download of the result was cut short.") from None
        except requests.RequestException as exc:
            raise DownloadError(
                "The connection broke while downloading the result.", detail=type(exc).__name__
            ) from None
        return self._check_image(data)

    def _read_body(
        self,
        response: requests.Response,
        cancel: threading.Event | None,
        on_progress: Callable[[int, int | None], None] | None,
    ) -> bytes:
        length_header = response.headers.get("Content-Length")
        expected = int(length_header) if length_header and length_header.isdigit() else None
        if expected is not None and expected > MAX_RESULT_BYTES:
            raise DownloadError("The result is unreasonably large; it was not downloaded.")
        buffer = io.BytesIO()
        for chunk in response.iter_content(chunk_size=256 * 1024):
            if cancel is not None and cancel.is_set():
                raise OperationCancelled()
            buffer.write(chunk)
            if buffer.tell() > MAX_RESULT_BYTES:
                raise DownloadError("The result is unreasonably large; it was not downloaded.")
            if on_progress is not None:
                on_progress(buffer.tell(), expected)
        data = buffer.getvalue()
        if expected is not None and len(data) != expected:
            raise DownloadError(
                "The download of the result was cut short.", detail=f"{len(data)}/{expected} bytes"
            )
        return data

    def _check_image(self, data: bytes) -> DownloadedImage:
        try:
            with Image.open(io.BytesIO(data)) as probe:
                fmt = _IMAGE_FORMATS.get(probe.format or "")
                width, height = probe.size
                if fmt is None:
                    raise DownloadError(f"The result is not a PNG, JPEG or WebP ({probe.format}).")
                if width * height > MAX_RESULT_PIXELS:
                    raise DownloadError("The result is larger than any FLUX model produces.")
                probe.load()  # decode fully: catches truncation inside the image data
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise DownloadError(
                "The server sent a damaged image.", detail=f"{type(exc).__name__}: {exc}"
            ) from None
        except Image.DecompressionBombError:
            raise DownloadError("The result is larger than any FLUX model produces.") from None
        return DownloadedImage(data, fmt, width, height)

    def credits(self, cancel: threading.Event | None = None) -> float:
        """The account balance in credits (1 credit = US$0.01)."""
        self._require_key()
        url = self.base_url + "/v1/credits"
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._session.get(
                    url,
                    headers=self._headers(url),
                    timeout=(self._timeouts.connect, self._timeouts.read),
                    allow_redirects=False,
                )
            except requests.RequestException as exc:
                if attempt >= self.retry.poll_attempts:
                    raise NetworkError(
                        f"Can't reach the API at {self._host(url)} to check the balance.",
                        detail=type(exc).__name__,
                    ) from None
                self._wait(self.retry.delay(attempt), cancel)
                continue
            self._raise_for_account(response)
            if response.status_code == 429 or response.status_code >= 500:
                if attempt >= self.retry.poll_attempts:
                    self._raise_server(response, "the balance check")
                self._wait(self.retry.delay(attempt), cancel)
                continue
            if response.status_code != 200:
                self._raise_server(response, "the balance check")
            value = self._json(response, "the balance check").get("credits")
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise ProtocolError("The API's balance answer had no credit figure.")
            return float(value)
