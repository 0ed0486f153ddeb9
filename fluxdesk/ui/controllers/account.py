"""Which API FluxDesk talks to (the real one with the artist's key, or the built-in demo),
the key in the keychain, and the balance. Keychain and network calls run off the GUI thread."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from fluxdesk.core.api.client import FluxApi
from fluxdesk.core.api.hosts import Region
from fluxdesk.core.config import Preferences
from fluxdesk.core.errors import ConfigError, FluxError, SecretStoreUnavailable
from fluxdesk.core.logs import register_secret
from fluxdesk.core.secrets import KeySource, ResolvedKey, SecretStore, resolve_api_key
from fluxdesk.ui.i18n import core_text, translate
from fluxdesk.ui.workers import TaskResult, TaskRunner

if TYPE_CHECKING:  # the emulator is loaded for demo mode only
    from fluxdesk.emulator import EmulatorServer

log = logging.getLogger(__name__)

DEMO_KEY = "demo"
DEMO_LATENCY = 4.0  # seconds per demo job: long enough to see progress, short enough to enjoy


class KeyState(StrEnum):
    checking = "checking"
    valid = "valid"  # a real key, accepted by the API
    missing = "missing"
    rejected = "rejected"
    unverified = "unverified"  # a key we could not check (offline): kept, used as is


@dataclass(frozen=True, slots=True)
class Connection:
    api: FluxApi
    demo: bool

    @property
    def label(self) -> str:
        if self.demo:
            return translate("AccountController", "Demo (built-in emulator)")
        return self.api.base_url


class AccountController(QObject):
    connection_changed = Signal(object)  # Connection
    key_state_changed = Signal(str)  # KeyState
    balance_changed = Signal(object)  # float | None
    key_checked = Signal(bool, str)  # accepted?, message for the settings dialog
    message = Signal(str)  # something to tell the artist in the status bar

    def __init__(
        self,
        secret_store: SecretStore,
        preferences: Preferences,
        *,
        api_url: str | None = None,
        force_demo: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._secrets = secret_store
        self._preferences = preferences
        self._api_url = api_url
        self._force_demo = force_demo
        self._tasks = TaskRunner(max_threads=2, parent=self)
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        self._emulator: EmulatorServer | None = None
        self._connection: Connection | None = None
        self._key_state = KeyState.checking
        self._pending_key: str | None = None
        self._keychain_problem: SecretStoreUnavailable | None = None
        self._address_problem: str | None = None  # why the API address was refused
        self._balance_timer = QTimer(self)
        self._balance_timer.setSingleShot(True)
        self._balance_timer.setInterval(1500)  # one refresh after a burst of finished jobs
        self._balance_timer.timeout.connect(self.refresh_balance)

    # --- state ------------------------------------------------------------------------------

    def connection(self) -> Connection | None:
        return self._connection

    def key_state(self) -> KeyState:
        return self._key_state

    def keychain_problem(self) -> SecretStoreUnavailable | None:
        """Set when the system keychain could not be read at start-up."""
        return self._keychain_problem

    def real_api_url(self) -> str:
        return self._api_url or Region(self._preferences.region).base_url

    def address_problem(self) -> str | None:
        """Why FluxDesk will not talk to the configured API address (plain http to another
        machine would carry the key unencrypted), or None."""
        return self._address_problem

    def _real_api(self, key: str) -> FluxApi | None:
        """The API at the configured address; None, with the reason told, if it is refused."""
        try:
            api = FluxApi(self.real_api_url(), key)
        except ConfigError as error:
            self._address_problem = core_text(error.user_message)
            self.message.emit(self._address_problem)
            return None
        self._address_problem = None
        return api

    def _set_key_state(self, state: KeyState) -> None:
        self._key_state = state
        self.key_state_changed.emit(state.value)

    def _connect(self, connection: Connection) -> None:
        self._connection = connection
        self.connection_changed.emit(connection)
        self.refresh_balance()

    # --- start-up ---------------------------------------------------------------------------

    def start(self) -> None:
        """Finds the key (keychain reads can block) and connects, or starts the demo."""
        self._set_key_state(KeyState.checking)
        if self._force_demo:
            self.start_demo()
            return
        self._tasks.run("resolve", self._resolve)

    def _resolve(self) -> ResolvedKey:
        return resolve_api_key(self._secrets)

    def start_demo(self) -> None:
        if self._emulator is None:
            # Binding two loopback sockets takes a millisecond: fine on the GUI thread.
            from fluxdesk.emulator import start_emulator  # demo mode only: not at every start

            self._emulator = start_emulator(latency=DEMO_LATENCY, min_polls=1)
        api = FluxApi(self._emulator.base_url, DEMO_KEY)
        self._set_key_state(KeyState.missing)
        self._connect(Connection(api, demo=True))

    @property
    def demo_emulator(self) -> EmulatorServer | None:
        return self._emulator

    # --- the key ----------------------------------------------------------------------------

    def save_key(self, key: str) -> None:
        """Checks the key with the API, then keeps it in the keychain."""
        key = key.strip()
        if not key:
            self.key_checked.emit(False, self.tr("Paste your BFL API key first."))
            return
        register_secret(key)
        api = self._real_api(key)
        if api is None:
            self.key_checked.emit(False, self._address_problem or "")
            return
        self._pending_key = key
        self._set_key_state(KeyState.checking)
        self._tasks.run("check", lambda: self._check_and_store(api, key))

    def _check_and_store(self, api: FluxApi, key: str) -> tuple[float, str | None]:
        balance = api.credits()  # raises AuthError for a rejected key
        try:
            self._secrets.save_api_key(key)
        except SecretStoreUnavailable as problem:
            return balance, core_text(problem.user_message)
        return balance, None

    def forget_key(self) -> None:
        self._tasks.run("forget", self._secrets.forget_api_key)

    @Slot(str)
    def set_region_name(self, region: str) -> None:
        self.set_region(Region(region))

    def set_region(self, region: Region) -> None:
        self._preferences = dataclasses.replace(self._preferences, region=region.value)
        if self._connection is not None and not self._connection.demo:
            key = self._connection_key()
            if key and (api := self._real_api(key)) is not None:
                self._connect(Connection(api, demo=False))

    def _connection_key(self) -> str | None:
        return self._pending_key

    # --- balance ----------------------------------------------------------------------------

    @Slot()
    def refresh_balance(self) -> None:
        if self._connection is not None:
            api = self._connection.api
            self._tasks.run("balance", api.credits)

    def schedule_balance_refresh(self) -> None:
        self._balance_timer.start()

    def shutdown(self) -> None:
        self._balance_timer.stop()
        self._tasks.shutdown(3000)
        if self._emulator is not None:
            self._emulator.stop()
            self._emulator = None

    # --- results from the worker ------------------------------------------------------------

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        handler = {
            "resolve": self._resolved,
            "check": self._checked,
            "forget": self._forgotten,
            "balance": self._balance,
        }[result.kind]
        handler(result)

    def _resolved(self, result: TaskResult) -> None:
        resolved: ResolvedKey | None = result.value
        if resolved is None or resolved.key is None:
            # No keychain is only worth mentioning when the artist wants to save a key:
            # Settings shows it then; at start-up it would be noise over the demo.
            self._keychain_problem = resolved.keychain_problem if resolved else None
            if self._preferences.demo_when_no_key:
                self.start_demo()
            else:
                self._set_key_state(KeyState.missing)
            return
        register_secret(resolved.key)
        self._pending_key = resolved.key
        source = "environment" if resolved.source is KeySource.environment else "keychain"
        log.info("using the API key from the %s", source)
        self._set_key_state(KeyState.unverified)
        if (api := self._real_api(resolved.key)) is not None:
            self._connect(Connection(api, demo=False))

    def _checked(self, result: TaskResult) -> None:
        key = self._pending_key
        if not result.ok or key is None:
            error = result.error or FluxError(self.tr("The key could not be checked."))
            self._set_key_state(KeyState.rejected if error.kind == "auth" else self._key_state)
            self.key_checked.emit(False, core_text(error.user_message))
            return
        balance, keychain_problem = result.value
        self._set_key_state(KeyState.valid)
        self._connect(Connection(FluxApi(self.real_api_url(), key), demo=False))  # checked
        self.balance_changed.emit(balance)
        if keychain_problem:
            self.key_checked.emit(
                True, self.tr("Key accepted for this session only. ") + keychain_problem
            )
        else:
            self.key_checked.emit(True, self.tr("Key accepted and saved in the system keychain."))

    def _forgotten(self, result: TaskResult) -> None:
        if not result.ok and result.error is not None:
            self.message.emit(core_text(result.error.user_message))
            return
        self._pending_key = None
        self.message.emit(self.tr("The API key was removed from the keychain."))
        self.start_demo()

    def _balance(self, result: TaskResult) -> None:
        if result.ok:
            # The key just worked: a rejection seen earlier (a 401 that passed) is over too.
            settled = (KeyState.unverified, KeyState.checking, KeyState.rejected)
            if self._key_state in settled and not (self._connection and self._connection.demo):
                self._set_key_state(KeyState.valid)
            self.balance_changed.emit(result.value)
            return
        error: Any = result.error
        if error is not None and error.kind == "auth":
            self._set_key_state(KeyState.rejected)
        self.balance_changed.emit(None)
        if error is not None:
            self.message.emit(core_text(error.user_message))
