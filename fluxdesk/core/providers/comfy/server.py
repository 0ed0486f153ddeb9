"""How FluxDesk addresses a ComfyUI server: its URL, its token, and the lists it serves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from fluxdesk.core.api.hosts import is_loopback
from fluxdesk.core.errors import ConfigError
from fluxdesk.core.messages import Message


def normalize_server_url(url: str, has_token: bool) -> str:
    """Plain http is fine on this machine or the local network, but never with a token."""
    text = url.strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            Message("'{url}' is not a server address (expected http://host:8188).", url=url)
        )
    if parts.scheme == "http" and has_token and not is_loopback(parts.hostname):
        raise ConfigError(
            Message(
                "Refusing plain http for {host} with a token: it would travel "
                "unencrypted. Use the server's https address.",
                host=parts.hostname,
            )
        )
    if parts.query or parts.fragment:
        raise ConfigError(
            Message("'{url}' is not a server address (no query or fragment allowed).", url=url)
        )
    return text


def auth_headers(token: str | None) -> dict[str, str]:
    if not token:
        return {}
    name, sep, value = token.partition(":")
    if sep and name.strip() and " " not in name.strip() and value.strip():
        return {name.strip(): value.strip()}
    return {"Authorization": f"Bearer {token.strip()}"}


@dataclass(frozen=True, slots=True)
class ServerLists:
    """What the server has installed, where it says so (``/object_info``)."""

    checkpoints: tuple[str, ...] = ()
    diffusion_models: tuple[str, ...] = ()
    loras: tuple[str, ...] = ()


def choices(object_info: Any, node: str, name: str) -> tuple[str, ...]:
    """A combo input's options, in the old (``[[...], {...}]``) and new (``["COMBO", {options}]``)
    shapes of ``/object_info``."""
    try:
        spec = object_info[node]["input"]["required"][name]
    except (KeyError, TypeError):
        return ()
    first = spec[0] if isinstance(spec, list) and spec else None
    if isinstance(first, list):
        return tuple(str(item) for item in first)
    if first == "COMBO" and len(spec) > 1 and isinstance(spec[1], dict):
        return tuple(str(item) for item in spec[1].get("options") or ())
    return ()
