"""API keys and tokens: in the OS keychain (or an environment variable), never in a plain file.

One keychain entry per provider, under service "FluxDesk": ``bfl-api-key`` (or BFL_API_KEY),
``fal-api-key`` (or FAL_KEY) and ``comfyui-token`` (or FLUXDESK_COMFY_TOKEN) for a hosted
ComfyUI server.

Blocking (a keychain may ask the user to unlock it); call from a worker thread in the GUI.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

import keyring
import keyring.errors

from fluxdesk.core.errors import SecretStoreUnavailable

log = logging.getLogger(__name__)

SERVICE = "FluxDesk"
USER = "bfl-api-key"
KEY_ENV = "BFL_API_KEY"
FAL_USER = "fal-api-key"
FAL_KEY_ENV = "FAL_KEY"
COMFY_USER = "comfyui-token"
COMFY_TOKEN_ENV = "FLUXDESK_COMFY_TOKEN"


class SecretStore(Protocol):
    def load_api_key(self) -> str | None: ...
    def save_api_key(self, key: str) -> None: ...
    def forget_api_key(self) -> None: ...


def _is_insecure(backend: object) -> bool:
    # keyring's fail/null backends and the third-party plain-text ones must never hold the key.
    name = f"{type(backend).__module__}.{type(backend).__name__}".lower()
    return any(word in name for word in ("fail", "null", "plaintext", "insecure", "unencrypted"))


class KeyringSecretStore:
    def __init__(self, user: str = USER) -> None:
        self._user = user

    def _backend(self) -> object:
        backend = keyring.get_keyring()
        if _is_insecure(backend):
            raise SecretStoreUnavailable(detail=type(backend).__name__)
        return backend

    def load_api_key(self) -> str | None:
        try:
            self._backend()
            return keyring.get_password(SERVICE, self._user) or None
        except keyring.errors.KeyringError as exc:
            raise SecretStoreUnavailable(detail=type(exc).__name__) from None

    def save_api_key(self, key: str) -> None:
        try:
            self._backend()
            keyring.set_password(SERVICE, self._user, key)
        except keyring.errors.KeyringError as exc:
            raise SecretStoreUnavailable(detail=type(exc).__name__) from None

    def forget_api_key(self) -> None:
        try:
            self._backend()
            keyring.delete_password(SERVICE, self._user)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: forgetting is already done
        except keyring.errors.KeyringError as exc:
            raise SecretStoreUnavailable(detail=type(exc).__name__) from None


class KeySource(StrEnum):
    environment = "environment"
    keychain = "keychain"
    none = "none"


@dataclass(frozen=True, slots=True)
class ResolvedKey:
    key: str | None
    source: KeySource
    # Set when the keychain could not be read; the key may still come from the environment.
    keychain_problem: SecretStoreUnavailable | None = None

    def __repr__(self) -> str:  # never show the key itself
        return f"ResolvedKey(source={self.source}, key={'set' if self.key else 'missing'})"


def resolve_api_key(
    store: SecretStore, environ: Mapping[str, str] | None = None, env_name: str = KEY_ENV
) -> ResolvedKey:
    """The environment variable (BFL_API_KEY by default) wins over the keychain, so scripts
    and CI never touch the keychain."""
    environ = os.environ if environ is None else environ
    if key := environ.get(env_name, "").strip():
        return ResolvedKey(key, KeySource.environment)
    try:
        key = store.load_api_key()
    except SecretStoreUnavailable as problem:
        log.info("keychain unavailable: %s", problem.detail)
        return ResolvedKey(None, KeySource.none, problem)
    if key:
        return ResolvedKey(key.strip(), KeySource.keychain)
    return ResolvedKey(None, KeySource.none)
