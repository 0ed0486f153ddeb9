"""Shared fixtures. No test reads or writes the developer's real folders, keychain or network."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import gc
import socket
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from fluxdesk.core.api.client import FluxApi, RetryPolicy, Timeouts
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.paths import AppPaths
from fluxdesk.emulator import EmulatorServer, start_emulator
from fluxdesk.emulator.comfy import ComfyEmulator, start_comfy_emulator
from fluxdesk.emulator.fal import FalEmulator, start_fal_emulator

# Fixtures of the reliability checks (issue 10), shared by tests in several folders.
pytest_plugins = ["reliability_kit.fixtures"]


class MemoryKeyring(KeyringBackend):
    """A keychain that lives in a dict for the length of one test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: object) -> object:
    host = address[0] if isinstance(address, tuple) else address
    remote = (
        isinstance(host, str) and host not in ("::1", "localhost") and not (host.startswith("127."))
    )
    if remote and self.family in (socket.AF_INET, socket.AF_INET6):
        raise ConnectionRefusedError(f"tests may not touch the network ({host})")
    return _real_connect(self, address)  # type: ignore[arg-type]


RELIABILITY_ENV = "FLUXDESK_RELIABILITY"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Checks marked `reliability` take minutes (real processes, 60 MP scans, memory): they
    run from `reliability/run` (which sets FLUXDESK_RELIABILITY=1), not in the everyday suite."""
    if os.environ.get(RELIABILITY_ENV):
        return
    slow = [item for item in items if item.get_closest_marker("reliability")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("reliability")]


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    """As in the app (ui/gc_guard.py): no automatic collection, which could run in a worker
    thread and destroy a Qt object there; collect here, on the main thread, after each test."""
    gc.disable()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture(autouse=True)
def _isolated_user_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MemoryKeyring]:
    """Temp folders, a memory keychain, no BFL key or API address from the developer's shell,
    and no connection to anything but loopback."""
    memory = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    monkeypatch.setenv("FLUXDESK_HOME", str(tmp_path / "home"))
    for name in ("BFL_API_KEY", "FLUXDESK_API_URL", "FAL_KEY", "FLUXDESK_COMFY_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("FLUXDESK_COMFY_TOKEN", raising=False)
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring(_isolated_user_state: MemoryKeyring) -> MemoryKeyring:
    return _isolated_user_state


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under(tmp_path / "app").ensure()


@pytest.fixture
def store(paths: AppPaths) -> HistoryStore:
    return HistoryStore.open(paths.history_db, paths.images)


TEST_KEY = "bfl_test_key_0123456789"


@pytest.fixture
def test_key() -> str:
    return TEST_KEY


@pytest.fixture
def emulator() -> Iterator[EmulatorServer]:
    """The project's BFL emulator on an OS-chosen loopback port; faults scriptable per test."""
    server = start_emulator(host="127.0.0.1", port=0, latency=0.0, min_polls=2)
    yield server
    server.stop()


@pytest.fixture
def api(emulator: EmulatorServer) -> FluxApi:
    """A client that never waits between retries and gives up on a silent server quickly."""
    return FluxApi(
        emulator.base_url,
        TEST_KEY,
        timeouts=Timeouts(connect=2.0, read=2.0),
        retry=RetryPolicy.immediate(),
    )


@pytest.fixture
def fal_emulator() -> Iterator[FalEmulator]:
    """The fal.ai queue emulator; faults scriptable with FalFault."""
    server = start_fal_emulator(latency=0.0, min_polls=2)
    yield server
    server.stop()


@pytest.fixture
def comfy_emulator() -> Iterator[ComfyEmulator]:
    """A ComfyUI server emulator (no token); faults scriptable with ComfyFault."""
    server = start_comfy_emulator(latency=0.0, min_polls=2)
    yield server
    server.stop()
