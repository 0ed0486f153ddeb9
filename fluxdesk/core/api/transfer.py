"""HTTP plumbing every provider client shares: timeouts, retry back-off, cancellable waits,
reading error bodies, and fetching a result image safely.

Blocking; call from a worker thread. Every wait goes through ``cancel.wait()`` so a cancel
wakes it at once.
"""

from __future__ import annotations

import io
import random
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlsplit

import requests
from PIL import Image, UnidentifiedImageError

from fluxdesk import __version__
from fluxdesk.core.api.hosts import is_acceptable_download_url, normalize_api_url
from fluxdesk.core.api.models import DownloadedImage
from fluxdesk.core.errors import (
    DownloadError,
    FluxError,
    NetworkError,
    OperationCancelled,
    ProtocolError,
    RateLimited,
    ServerError,
    SubmitUncertain,
)
from fluxdesk.core.messages import Message

MAX_RESULT_BYTES = 200 * 1024 * 1024
MAX_RESULT_PIXELS = 64_000_000
_IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp"}


@dataclass(frozen=True, slots=True)
class Timeouts:
    connect: float = 10.0
    read: float = 60.0

    @property
    def pair(self) -> tuple[float, float]:
        return (self.connect, self.read)


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


def wait(seconds: float, cancel: threading.Event | None) -> None:
    """Sleeps `seconds`, waking at once (with OperationCancelled) when `cancel` is set."""
    if seconds <= 0:
        if cancel is not None and cancel.is_set():
            raise OperationCancelled()
        return
    if cancel is None:
        threading.Event().wait(seconds)
    elif cancel.wait(seconds):
        raise OperationCancelled()


def detail_problems(body: Any) -> list[tuple[str, str]]:
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


def json_or_empty(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return {}


def detail_text(response: requests.Response) -> str:
    body = json_or_empty(response)
    detail = body.get("detail") if isinstance(body, dict) else None
    return detail if isinstance(detail, str) else ""


def retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def connection_was_made(exc: requests.RequestException) -> bool:
    """False when the request certainly never reached the server (refused, DNS, connect timeout)."""
    if isinstance(exc, requests.ConnectTimeout):
        return False
    if isinstance(exc, requests.ConnectionError):
        text = repr(exc)
        markers = ("NewConnectionError", "NameResolutionError", "Failed to establish")
        return not any(marker in text for marker in markers)
    return True


def read_json(response: requests.Response, what: str, who: str = "The API") -> dict[str, Any]:
    """The response's JSON object, or a ProtocolError saying `who` answered `what` oddly."""
    try:
        body = response.json()
    except ValueError:
        raise ProtocolError(
            Message(
                "{who} sent an unreadable answer to {what} (not JSON). It may be having "
                "trouble; try again shortly.",
                who=who,
                what=what,
            ),
            detail=f"HTTP {response.status_code}, {response.text[:200]!r}",
        ) from None
    if not isinstance(body, dict):
        raise ProtocolError(
            Message(
                "{who} sent an unexpected answer to {what}.",
                who=who,
                what=what,
            )
        )
    return body


def check_image(data: bytes) -> DownloadedImage:
    """The bytes as a result image, or a DownloadError if they are not a whole PNG/JPEG/WebP."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = _IMAGE_FORMATS.get(probe.format or "")
            width, height = probe.size
            if fmt is None:
                raise DownloadError(
                    Message(
                        "The result is not a PNG, JPEG or WebP ({format}).",
                        format=probe.format,
                    )
                )
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


GoneError = Callable[[int], FluxError]


class Downloader:
    """Fetches result images: retried on transient failures, checked to be whole images.

    `gone(status)` makes the final error for 401/403/404/410 (an expired link on BFL, a
    missing output on ComfyUI); it is never retried."""

    def __init__(
        self,
        session: requests.Session,
        timeouts: Timeouts,
        retry: RetryPolicy,
        user_agent: str,
        gone: GoneError,
    ) -> None:
        self._session, self._timeouts, self.retry = session, timeouts, retry
        self._user_agent, self._gone = user_agent, gone

    def download(
        self,
        url: str,
        cancel: threading.Event | None = None,
        on_progress: Callable[[int, int | None], None] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> DownloadedImage:
        if not is_acceptable_download_url(url):
            raise DownloadError(
                "The server gave an insecure or invalid link for the result; it was not fetched.",
                detail=urlsplit(url).scheme,
            )
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._download_once(url, cancel, on_progress, headers)
            except DownloadError as error:
                if type(error) is not DownloadError or attempt >= self.retry.download_attempts:
                    raise
                wait(self.retry.delay(attempt), cancel)

    def _download_once(
        self,
        url: str,
        cancel: threading.Event | None,
        on_progress: Callable[[int, int | None], None] | None,
        headers: Mapping[str, str] | None,
    ) -> DownloadedImage:
        try:
            with self._session.get(
                url,
                headers={"user-agent": self._user_agent, **(headers or {})},
                timeout=self._timeouts.pair,
                stream=True,
                allow_redirects=True,
            ) as response:
                if response.status_code in (401, 403, 404, 410):
                    raise self._gone(response.status_code)
                if response.status_code != 200:
                    raise DownloadError(
                        Message(
                            "The result could not be downloaded (HTTP {status_code}).",
                            status_code=response.status_code,
                        ),
                    )
                data = self._read_body(response, cancel, on_progress)
        except requests.exceptions.ChunkedEncodingError:
            raise DownloadError("The download of the result was cut short.") from None
        except requests.RequestException as exc:
            raise DownloadError(
                "The connection broke while downloading the result.", detail=type(exc).__name__
            ) from None
        return check_image(data)

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


def post_job(
    session: requests.Session,
    url: str,
    body: Mapping[str, Any],
    *,
    headers: Mapping[str, str],
    timeouts: Timeouts,
    retry: RetryPolicy,
    cancel: threading.Event | None,
    uncertain: str,
    unreachable: str,
    rate_limited: Callable[[requests.Response], RateLimited],
) -> requests.Response:
    """POSTs a job that may cost money, retrying only when the server certainly did not start
    it: the connection was never made, 429 (after its Retry-After), 500/503. A connection that
    breaks after the body was sent raises ``SubmitUncertain(uncertain)`` and is never retried.

    Returns the first other answer (2xx or an error for the caller to map)."""
    attempt = limited = 0
    while True:
        attempt += 1
        if cancel is not None and cancel.is_set():
            raise OperationCancelled()
        try:
            response = session.post(
                url,
                json=dict(body),
                headers=dict(headers),
                timeout=timeouts.pair,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            if connection_was_made(exc):
                raise SubmitUncertain(uncertain, detail=type(exc).__name__) from None
            if attempt >= retry.submit_attempts:
                raise NetworkError(unreachable, detail=type(exc).__name__) from None
            wait(retry.delay(attempt), cancel)
            continue
        status = response.status_code
        if status == 429:
            limited += 1
            error = rate_limited(response)
            if limited >= retry.rate_limit_attempts:
                raise error
            pause = error.retry_after if error.retry_after is not None else retry.delay(limited)
            wait(min(pause, retry.max_retry_after), cancel)
            attempt -= 1  # a rate-limit pause is not a failed attempt
            continue
        if status in (500, 503) and attempt < retry.submit_attempts:
            wait(retry.delay(attempt), cancel)
            continue
        return response


def retry_transient(
    call: Callable[[], Any], retry: RetryPolicy, cancel: threading.Event | None
) -> Any:
    """`call()` again after a transient failure on the way (network, server, rate limit; with
    back-off, or the error's Retry-After), up to ``retry.poll_attempts`` times: for GETs, which
    may safely be repeated. The outcome of a job (failed, interrupted, moderated) is final."""
    failures = 0
    while True:
        try:
            return call()
        except (NetworkError, ServerError, RateLimited) as error:
            if not error.retryable:
                raise
            failures += 1
            if failures >= retry.poll_attempts:
                raise
            pause = getattr(error, "retry_after", None)
            pause = retry.delay(failures) if pause is None else pause
            wait(min(pause, retry.max_retry_after), cancel)


class KeyedClient:
    """What an HTTP API client holds: its base URL (https, or http on this machine only), the
    key, one session, timeouts, retry rules and a downloader for results. The key is never in
    the repr. Subclasses name the error for a result the API no longer has (`gone`)."""

    gone: ClassVar[GoneError]

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
        self._downloader = Downloader(
            self._session, self._timeouts, self.retry, self._user_agent, type(self).gone
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.base_url!r}, key={'set' if self._key else 'missing'})"
