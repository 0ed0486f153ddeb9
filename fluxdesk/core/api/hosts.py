"""Where the API lives, and which hosts may ever see the API key."""

from __future__ import annotations

import ipaddress
from enum import StrEnum
from urllib.parse import urlsplit

from fluxdesk.core.errors import ConfigError
from fluxdesk.core.messages import Message

DEFAULT_API_URL = "https://api.bfl.ai"


class Region(StrEnum):
    global_ = "global"
    eu = "eu"
    us = "us"

    @property
    def base_url(self) -> str:
        return {
            Region.global_: "https://api.bfl.ai",
            Region.eu: "https://api.eu.bfl.ai",
            Region.us: "https://api.us.bfl.ai",
        }[self]


# BFL's own API hosts (regional clusters included) may receive the key over HTTPS. Delivery hosts
# (delivery-eu1.bfl.ai, ...) never do: results are fetched without credentials.
_BFL_DOMAINS = ("bfl.ai", "bfl.ml")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def normalize_api_url(url: str) -> str:
    """Checks a configured API base URL; plain http is allowed only on this machine."""
    text = url.strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            Message("'{url}' is not a valid API address (expected https://host).", url=url)
        )
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ConfigError(
            Message(
                "Refusing plain http for {host}: the API key would travel unencrypted. "
                "Use https (plain http is allowed only for 127.0.0.1 and localhost).",
                host=parts.hostname,
            )
        )
    if parts.query or parts.fragment:
        raise ConfigError(
            Message("'{url}' is not a valid API address (no query or fragment allowed).", url=url)
        )
    return text


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def may_receive_key(url: str, api_base: str) -> bool:
    """True only for the configured API origin and BFL's own API hosts over HTTPS."""
    if _origin(url) == _origin(api_base):
        return True
    scheme, host, _ = _origin(url)
    if scheme != "https" or host.startswith("delivery"):
        return False
    return any(host == domain or host.endswith("." + domain) for domain in _BFL_DOMAINS)


def is_acceptable_download_url(url: str) -> bool:
    """Results come over https, or over http only from this machine (the emulator)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return True
    return parts.scheme == "http" and bool(parts.hostname) and is_loopback(parts.hostname or "")
