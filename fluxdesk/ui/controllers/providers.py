"""fal.ai and ComfyUI beside BFL: their keys and addresses, what models they offer, and the
provider object a job runs on. Keychain, disk and network calls run off the GUI thread.

BFL's connection stays with ``AccountController``; this controller asks it for BFL's API and
adds fal.ai (listed once it has a key) and ComfyUI (listed once its server answers). In demo
mode, a provider that is not set up gets a built-in emulator, so all three can be tried free.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from fluxdesk.core.api.catalog import ModelSpec
from fluxdesk.core.api.transfer import RetryPolicy, Timeouts
from fluxdesk.core.errors import FluxError, InputError, SecretStoreUnavailable
from fluxdesk.core.logs import register_secret
from fluxdesk.core.providers.base import Provider, ProviderId, ProviderModels
from fluxdesk.core.providers.bfl import BflProvider
from fluxdesk.core.providers.comfy.client import ComfyProvider
from fluxdesk.core.providers.comfy.importing import (
    guess_mapping,
    make_workflow,
    read_graph,
    save_workflow,
)
from fluxdesk.core.providers.comfy.server import ServerLists, normalize_server_url
from fluxdesk.core.providers.comfy.workflow import Graph, NodeInput, Workflow
from fluxdesk.core.providers.fal.client import FalProvider
from fluxdesk.core.providers.registry import (
    DEFAULT_URLS,
    bfl_models,
    comfy_workflows,
    make_provider,
    provider_models,
    workflows_folder,
)
from fluxdesk.core.secrets import (
    COMFY_TOKEN_ENV,
    COMFY_USER,
    FAL_KEY_ENV,
    FAL_USER,
    KeyringSecretStore,
    SecretStore,
    resolve_api_key,
)
from fluxdesk.ui.controllers.account import DEMO_KEY, DEMO_LATENCY, AccountController
from fluxdesk.ui.i18n import core_text, translate
from fluxdesk.ui.workers import TaskResult, TaskRunner

if TYPE_CHECKING:  # the emulators are loaded for demo mode only
    from fluxdesk.emulator.comfy import ComfyEmulator
    from fluxdesk.emulator.fal import FalEmulator

log = logging.getLogger(__name__)

URL_ENV = {ProviderId.fal: "FLUXDESK_FAL_URL", ProviderId.comfyui: "FLUXDESK_COMFY_URL"}
# A local ComfyUI that isn't running should not hold up the start for long.
_PROBE = {"timeouts": Timeouts(connect=1.5, read=5.0), "retry": RetryPolicy(poll_attempts=1)}


@dataclass(frozen=True, slots=True)
class ComfyState:
    url: str
    connected: bool = False
    description: str = ""
    lists: ServerLists | None = None

    def summary(self) -> str:
        if not self.connected:
            return ""
        parts = [self.description]
        if self.lists is not None:
            models = len(self.lists.checkpoints) + len(self.lists.diffusion_models)
            text = translate("ProviderSettings", "{models} models, {loras} LoRAs")
            parts.append(text.format(models=models, loras=len(self.lists.loras)))
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class WorkflowDraft:
    """An imported workflow waiting for the artist to check its mapping."""

    name: str
    graph: Graph
    guess: dict[str, NodeInput]


class ProvidersController(QObject):
    catalogs_changed = Signal(object)  # tuple[ProviderModels, ...]
    fal_key_checked = Signal(bool, str)
    fal_key_state_changed = Signal(bool)  # a fal key is set
    comfy_checked = Signal(bool, str)  # connected?, what to say
    comfy_url_changed = Signal(str)  # a server that answered: remember its address
    workflow_read = Signal(object)  # WorkflowDraft
    workflow_saved = Signal(bool, str)
    message = Signal(str)

    def __init__(
        self,
        account: AccountController,
        config_dir: Path,
        *,
        comfy_url: str = "",
        urls: Mapping[str, str] | None = None,
        secret_stores: Callable[[str], SecretStore] = KeyringSecretStore,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._account = account
        self._config_dir = config_dir
        self._secret_stores = secret_stores
        env = os.environ
        overrides = dict(urls or {})
        self._fal_url = (
            overrides.get(ProviderId.fal)
            or env.get(URL_ENV[ProviderId.fal])
            or DEFAULT_URLS[ProviderId.fal]
        )
        self._comfy_configured = bool(
            overrides.get(ProviderId.comfyui) or env.get(URL_ENV[ProviderId.comfyui]) or comfy_url
        )
        url = (
            overrides.get(ProviderId.comfyui)
            or env.get(URL_ENV[ProviderId.comfyui])
            or comfy_url
            or DEFAULT_URLS[ProviderId.comfyui]
        )
        self._fal_key: str | None = None
        self._fal_demo = False  # the fal "key" is the built-in emulator's
        self._comfy_token: str | None = None
        self._comfy = ComfyState(url)
        self._workflows: list[Workflow] = []
        self._demo_fal: FalEmulator | None = None
        self._demo_comfy: ComfyEmulator | None = None
        self._tasks = TaskRunner(max_threads=2, parent=self)
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        account.connection_changed.connect(self._on_account_connection_changed)

    # --- what the rest of the app asks --------------------------------------------------------

    def provider(self, provider_id: str) -> Provider | None:
        """The provider a job of `provider_id` runs on, or None if it is not set up."""
        if provider_id == ProviderId.bfl:
            connection = self._account.connection()
            return BflProvider(connection.api) if connection is not None else None
        if provider_id == ProviderId.fal:
            return FalProvider(self._fal_url, self._fal_key) if self._fal_key else None
        if provider_id == ProviderId.comfyui and self._comfy.connected:
            return self._comfy_provider(self._comfy.url, self._comfy_token)
        return None

    def is_demo(self, provider_id: str) -> bool:
        """Whether jobs of `provider_id` run on a built-in emulator (free, re-sent after a
        restart rather than resumed)."""
        if provider_id == ProviderId.bfl:
            connection = self._account.connection()
            return connection is not None and connection.demo
        if provider_id == ProviderId.fal:
            return self._fal_demo
        return self._demo_comfy is not None and self._comfy.url == self._demo_comfy.base_url

    def _comfy_provider(self, url: str, token: str | None, **kwargs: Any) -> ComfyProvider:
        loras = self._comfy.lists.loras if self._comfy.lists else None
        provider = make_provider(
            ProviderId.comfyui, url, token, workflows=self._workflows, loras=loras, **kwargs
        )
        assert isinstance(provider, ComfyProvider)
        return provider

    def catalogs(self) -> tuple[ProviderModels, ...]:
        """BFL's models always; fal's and ComfyUI's once they are set up."""
        found = [bfl_models()]
        for provider_id in (ProviderId.fal, ProviderId.comfyui):
            provider = self.provider(provider_id)
            if provider is not None:
                found.append(provider_models(provider))
        return tuple(found)

    def spec(self, provider_id: str, model_id: str) -> ModelSpec:
        provider = self.provider(provider_id)
        if provider is None:
            raise InputError(self.not_ready_text(provider_id))
        return provider.model(model_id)

    def not_ready_text(self, provider_id: str) -> str:
        if provider_id == ProviderId.fal:
            return self.tr("Add your fal.ai key in Settings first.")
        if provider_id == ProviderId.comfyui:
            return self.tr("Connect to your ComfyUI server in Settings first.")
        return self._account.address_problem() or self.tr(
            "Still connecting to the API; try again in a moment."
        )

    def fal_url(self) -> str:
        return self._fal_url

    def has_fal_key(self) -> bool:
        """A real fal.ai key is set (not the demo's)."""
        return self._fal_key is not None and not self._fal_demo

    def fal_demo(self) -> bool:
        return self._fal_demo

    def comfy_state(self) -> ComfyState:
        return self._comfy

    def has_comfy_token(self) -> bool:
        return self._comfy_token is not None

    def workflows(self) -> list[Workflow]:
        return list(self._workflows)

    def _publish(self) -> None:
        self.catalogs_changed.emit(self.catalogs())

    # --- start-up -----------------------------------------------------------------------------

    def start(self) -> None:
        """Looks up the fal key and ComfyUI token, loads workflows, and checks the server."""
        url, configured = self._comfy.url, self._comfy_configured
        self._tasks.run("discover", lambda: self._discover(url, configured))

    def _discover(self, url: str, configured: bool) -> tuple[Any, ...]:
        fal = self._read_secret(FAL_USER, FAL_KEY_ENV)
        token = self._read_secret(COMFY_USER, COMFY_TOKEN_ENV)
        workflows = comfy_workflows(self._config_dir)
        try:
            probe = self._probe(url, token, workflows)
        except FluxError as error:
            probe = error if configured else None  # no local server: nothing to say
        return fal, token, workflows, probe

    def _read_secret(self, user: str, env_name: str) -> str | None:
        resolved = resolve_api_key(self._secret_stores(user), env_name=env_name)
        if resolved.key:
            register_secret(resolved.key)
        return resolved.key

    def _probe(
        self, url: str, token: str | None, workflows: list[Workflow]
    ) -> tuple[str, ServerLists]:
        provider = make_provider(ProviderId.comfyui, url, token, workflows=workflows, **_PROBE)
        assert isinstance(provider, ComfyProvider)
        return provider.check(), provider.server_lists()

    def _on_discovered(self, result: TaskResult) -> None:
        if not result.ok:
            self.message.emit(core_text(result.error.user_message) if result.error else "")
            return
        fal, token, workflows, probe = result.value
        self._fal_key, self._comfy_token, self._workflows = fal, token, workflows
        self.fal_key_state_changed.emit(fal is not None)
        if isinstance(probe, tuple):
            self._comfy = ComfyState(self._comfy.url, True, probe[0], probe[1])
        elif isinstance(probe, FluxError):
            self.message.emit(core_text(probe.user_message))
        connection = self._account.connection()
        if connection is not None and connection.demo:
            self._start_demos()
        self._publish()

    # --- demo ---------------------------------------------------------------------------------

    @Slot(object)
    def _on_account_connection_changed(self, connection: Any) -> None:
        if connection.demo and self._tasks.pending() == 0:
            self._start_demos()
        self._publish()

    def _start_demos(self) -> None:
        """Built-in emulators for the providers that are not set up (binding is quick)."""
        if self._fal_key is None:
            if self._demo_fal is None:
                from fluxdesk.emulator.fal import start_fal_emulator  # demo mode only

                self._demo_fal = start_fal_emulator(latency=DEMO_LATENCY, min_polls=1)
            self._fal_url, self._fal_key = self._demo_fal.base_url, DEMO_KEY
            self._fal_demo = True
        if not self._comfy.connected and not self._comfy_configured:
            if self._demo_comfy is None:
                from fluxdesk.emulator.comfy import start_comfy_emulator  # demo mode only

                self._demo_comfy = start_comfy_emulator(latency=DEMO_LATENCY, min_polls=1)
            url = self._demo_comfy.base_url
            lists = ServerLists(loras=("ink-lines-v2.safetensors", "manga-screentone.safetensors"))
            label = self.tr("Demo ComfyUI (built-in emulator)")
            self._comfy = ComfyState(url, True, label, lists)

    # --- fal.ai key ---------------------------------------------------------------------------

    def save_fal_key(self, key: str) -> None:
        key = key.strip()
        if not key:
            self.fal_key_checked.emit(False, self.tr("Paste your fal.ai key first."))
            return
        register_secret(key)
        url = self._fal_url if self._demo_fal is None else DEFAULT_URLS[ProviderId.fal]
        self._tasks.run("fal-check", lambda: self._check_fal(url, key))

    def _check_fal(self, url: str, key: str) -> tuple[str, str, str | None]:
        FalProvider(url, key).check_key()
        try:
            self._secret_stores(FAL_USER).save_api_key(key)
        except SecretStoreUnavailable as problem:
            return url, key, core_text(problem.user_message)
        return url, key, None

    def forget_fal_key(self) -> None:
        self._tasks.run("fal-forget", self._secret_stores(FAL_USER).forget_api_key)

    # --- ComfyUI server -----------------------------------------------------------------------

    def connect_comfy(self, url: str, token: str) -> None:
        """Checks the server (and token), then keeps the token in the keychain."""
        token = token.strip()
        try:
            url = normalize_server_url(url, bool(token))
        except InputError as error:
            self.comfy_checked.emit(False, core_text(error.user_message))
            return
        if token:
            register_secret(token)
        workflows = list(self._workflows)
        self._tasks.run("comfy-check", lambda: self._check_comfy(url, token or None, workflows))

    def _check_comfy(
        self, url: str, token: str | None, workflows: list[Workflow]
    ) -> tuple[str, str | None, str, ServerLists, str | None]:
        description, lists = self._probe(url, token, workflows)
        problem = None
        store = self._secret_stores(COMFY_USER)
        try:
            if token:
                store.save_api_key(token)
            else:
                store.forget_api_key()
        except SecretStoreUnavailable as unavailable:
            problem = core_text(unavailable.user_message)
        return url, token, description, lists, problem

    # --- workflows ----------------------------------------------------------------------------

    def read_workflow(self, path: Path) -> None:
        self._tasks.run(
            "workflow-read",
            lambda: WorkflowDraft(path.stem, graph := read_graph(path), guess_mapping(graph)),
        )

    def save_workflow(self, name: str, graph: Graph, mapping: dict[str, NodeInput]) -> None:
        existing = {w.id for w in self._workflows}
        folder = workflows_folder(self._config_dir)

        def save() -> Workflow:
            if "prompt" not in mapping:
                raise InputError(self.tr("Choose which input is the prompt."))
            return save_workflow(folder, make_workflow(name, graph, mapping, existing))

        self._tasks.run("workflow-save", save)

    # --- results ------------------------------------------------------------------------------

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        handlers = {
            "discover": self._on_discovered,
            "fal-check": self._on_fal_checked,
            "fal-forget": self._on_fal_forgotten,
            "comfy-check": self._on_comfy_checked,
            "workflow-read": self._on_workflow_read,
            "workflow-save": self._on_workflow_saved,
        }
        handlers[result.kind](result)

    def _on_fal_checked(self, result: TaskResult) -> None:
        if not result.ok:
            error = result.error or FluxError(self.tr("The key could not be checked."))
            self.fal_key_checked.emit(False, core_text(error.user_message))
            return
        self._fal_url, self._fal_key, problem = result.value
        self._fal_demo = False
        self.fal_key_state_changed.emit(True)
        text = self.tr("fal.ai key accepted and saved in the system keychain.")
        if problem:
            text = self.tr("fal.ai key accepted for this session only. ") + problem
        self.fal_key_checked.emit(True, text)
        self._publish()

    def _on_fal_forgotten(self, result: TaskResult) -> None:
        if not result.ok and result.error is not None:
            self.message.emit(core_text(result.error.user_message))
            return
        self._fal_key, self._fal_demo = None, False
        self.fal_key_state_changed.emit(False)
        self.message.emit(self.tr("The fal.ai key was removed from the keychain."))
        self._publish()

    def _on_comfy_checked(self, result: TaskResult) -> None:
        if not result.ok:
            error = result.error or FluxError(self.tr("The server could not be checked."))
            self.comfy_checked.emit(False, core_text(error.user_message))
            return
        url, token, description, lists, problem = result.value
        self._comfy_token = token
        self._comfy = ComfyState(url, True, description, lists)
        self._comfy_configured = True
        self.comfy_url_changed.emit(url)
        self.comfy_checked.emit(True, self._comfy.summary() + (f" ({problem})" if problem else ""))
        self._publish()

    def _on_workflow_read(self, result: TaskResult) -> None:
        if result.ok:
            self.workflow_read.emit(result.value)
        else:
            self.workflow_saved.emit(
                False, core_text(result.error.user_message) if result.error else ""
            )

    def _on_workflow_saved(self, result: TaskResult) -> None:
        if not result.ok:
            self.workflow_saved.emit(
                False, core_text(result.error.user_message) if result.error else ""
            )
            return
        workflow: Workflow = result.value
        self._workflows = [w for w in self._workflows if w.id != workflow.id] + [workflow]
        self.workflow_saved.emit(
            True, self.tr("Added “{name}” to the ComfyUI models.").format(name=workflow.label)
        )
        self._publish()

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        done = self._tasks.shutdown(timeout_ms)
        for server in (self._demo_fal, self._demo_comfy):
            if server is not None:
                server.stop()
        self._demo_fal = self._demo_comfy = None
        return done
