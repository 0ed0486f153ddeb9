from __future__ import annotations

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from fluxdesk.core.api.hosts import is_acceptable_download_url, may_receive_key, normalize_api_url
from fluxdesk.core.errors import ConfigError, SecretStoreUnavailable
from fluxdesk.core.secrets import KeyringSecretStore, KeySource, resolve_api_key


def test_key_round_trips_through_the_keychain(memory_keyring) -> None:
    store = KeyringSecretStore()
    assert store.load_api_key() is None
    store.save_api_key("bfl_secret")
    assert memory_keyring.passwords == {("FluxDesk", "bfl-api-key"): "bfl_secret"}
    assert resolve_api_key(store, {}).source is KeySource.keychain
    store.forget_api_key()
    store.forget_api_key()  # forgetting twice is fine
    assert store.load_api_key() is None


def test_environment_wins_and_repr_hides_the_key(memory_keyring) -> None:
    KeyringSecretStore().save_api_key("from-keychain")
    resolved = resolve_api_key(KeyringSecretStore(), {"BFL_API_KEY": "from-env"})
    assert (resolved.key, resolved.source) == ("from-env", KeySource.environment)
    assert "from-env" not in repr(resolved)


def test_no_keychain_is_explained_never_plain_text() -> None:
    keyring.set_keyring(FailKeyring())
    store = KeyringSecretStore()
    with pytest.raises(SecretStoreUnavailable, match="BFL_API_KEY"):
        store.save_api_key("bfl_secret")
    resolved = resolve_api_key(store, {})
    assert resolved.key is None and resolved.keychain_problem is not None


@pytest.mark.parametrize(
    "url",
    ["https://api.bfl.ai", "http://127.0.0.1:8765", "http://localhost:1/", "http://[::1]:9"],
)
def test_acceptable_api_urls(url: str) -> None:
    assert normalize_api_url(url) == url.rstrip("/")


@pytest.mark.parametrize("url", ["http://api.bfl.ai", "ftp://x", "api.bfl.ai", "https://h/?a=1"])
def test_refused_api_urls(url: str) -> None:
    with pytest.raises(ConfigError):
        normalize_api_url(url)


def test_who_may_see_the_key() -> None:
    base = "https://api.bfl.ai"
    assert may_receive_key("https://api.bfl.ai/v1/get_result?id=1", base)
    assert may_receive_key("https://api.eu2.bfl.ai/v1/get_result?id=1", base)
    assert not may_receive_key("https://delivery-eu1.bfl.ai/results/x/sample.png", base)
    assert not may_receive_key("http://api.eu2.bfl.ai/v1/get_result?id=1", base)
    assert not may_receive_key("https://evil.example/bfl.ai", base)
    assert not may_receive_key("https://notbfl.ai/x", base)
    local = "http://127.0.0.1:8765"
    assert may_receive_key("http://127.0.0.1:8765/v1/get_result?id=1", local)
    assert not may_receive_key("http://127.0.0.1:8766/results/x", local)


def test_download_urls() -> None:
    assert is_acceptable_download_url("https://delivery-eu1.bfl.ai/r/sample.png?sig=1")
    assert is_acceptable_download_url("http://127.0.0.1:9/r/sample.png")
    assert not is_acceptable_download_url("http://delivery-eu1.bfl.ai/r/sample.png")
    assert not is_acceptable_download_url("file:///etc/passwd")
