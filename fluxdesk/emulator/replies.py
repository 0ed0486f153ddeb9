"""HTTP answers as values: what to send, and how (normally, cut short, trickled, or not at all)."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from http import HTTPStatus
from typing import Any

NOT_AUTHENTICATED = "Not authenticated - Invalid Authentication"
INSUFFICIENT_CREDITS = "Insufficient credits"
CONCURRENCY_LIMIT = (
    "You have reached your concurrency limit. Back off and retry once a previous task finishes."
)
# What a proxy in front of the API sends when the app behind it falls over.
HTML_ERROR_PAGE = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)


class Transport(StrEnum):
    normal = "normal"
    drop = "drop"  # close the connection without a byte of answer
    truncate = "truncate"  # full Content-Length, half the body, then close
    slow = "slow"  # the body trickled over ``seconds``
    upgrade = "upgrade"  # 101 Switching Protocols, then ``stream`` owns the connection


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()
    transport: Transport = Transport.normal
    seconds: float = 0.0
    # For ``upgrade``: runs the upgraded protocol on the connection's socket until it ends.
    stream: Callable[[socket.socket], None] | None = None

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass(frozen=True, slots=True)
class Incoming:
    """One request as the routers see it (no sockets)."""

    listener: str  # which listener took it: "api", "delivery", "regional"...
    method: str
    path: str  # without the query
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    body: bytes


class ApiError(Exception):
    """Raised by state and route code to answer with ``reply`` instead of the normal result."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(f"HTTP {reply.status}")
        self.reply = reply


def json_reply(status: int, data: Any, headers: dict[str, str] | None = None) -> Reply:
    body = json.dumps(data, separators=(",", ":")).encode()
    return Reply(status, body, "application/json", tuple((headers or {}).items()))


def detail(status: int, text: str, headers: dict[str, str] | None = None) -> Reply:
    return json_reply(status, {"detail": text}, headers)


def dropped() -> Reply:
    return Reply(0, transport=Transport.drop)


def html_page(status: int = 200) -> Reply:
    return Reply(status, HTML_ERROR_PAGE.encode(), "text/html; charset=utf-8")


def status_reply(
    status: int, body: dict[str, Any] | None = None, headers: dict[str, str] | None = None
) -> Reply:
    """An error answer with BFL's body for the well-known codes, else FastAPI's default."""
    extra = dict(headers or {})
    if status == 429:
        extra.setdefault("Retry-After", "1")
    if body is not None:
        return json_reply(status, body, extra)
    known = {
        402: INSUFFICIENT_CREDITS,
        403: NOT_AUTHENTICATED,
        429: CONCURRENCY_LIMIT,
        500: "Internal Server Error",
    }
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return detail(status, known.get(status, phrase), extra)


def blob_error(status: int, code: str, message: str) -> Reply:
    """Azure Blob Storage's error body: BFL's delivery hosts are blob containers behind a SAS."""
    body = (
        '<?xml version="1.0" encoding="utf-8"?><Error>'
        f"<Code>{code}</Code><Message>{message}</Message></Error>"
    )
    return Reply(status, body.encode(), "application/xml", (("x-ms-error-code", code),))
