"""Which provider a command talks to: its address, its key or token, and (ComfyUI) workflows.

- BFL: ``--api-url``, else FLUXDESK_API_URL, else https://api.bfl.ai; key BFL_API_KEY or the
  keychain.
- fal.ai: ``--api-url``, else FLUXDESK_FAL_URL, else https://queue.fal.run; key FAL_KEY or the
  keychain.
- ComfyUI: ``--api-url``, else FLUXDESK_COMFY_URL, else http://127.0.0.1:8188; an optional
  token (FLUXDESK_COMFY_TOKEN or the keychain) for hosted servers; ``--workflow PATH`` adds an
  API-format workflow (its mapping from ``<name>.mapping.json`` beside it, or guessed).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from fluxdesk.cli.common import api_url, bfl_key
from fluxdesk.core.errors import InputError, MissingKey
from fluxdesk.core.logs import register_secret
from fluxdesk.core.providers.base import Provider, ProviderId
from fluxdesk.core.providers.comfy.importing import guess_mapping, make_workflow, read_graph
from fluxdesk.core.providers.comfy.workflow import Workflow, load_workflow
from fluxdesk.core.providers.registry import DEFAULT_URLS, comfy_workflows, make_provider
from fluxdesk.core.secrets import (
    COMFY_TOKEN_ENV,
    COMFY_USER,
    FAL_KEY_ENV,
    FAL_USER,
    KeyringSecretStore,
    resolve_api_key,
)

FAL_URL_ENV = "FLUXDESK_FAL_URL"
COMFY_URL_ENV = "FLUXDESK_COMFY_URL"


def workflow_from_file(path: Path, existing: set[str]) -> Workflow:
    """A workflow from the command line: with its mapping file if there is one, else guessed."""
    if path.with_name(path.stem + ".mapping.json").exists():
        return load_workflow(path)
    graph = read_graph(path)
    mapping = guess_mapping(graph)
    if "prompt" not in mapping:
        raise InputError(
            f"{path.name}: no prompt input found. Add {path.stem}.mapping.json beside it "
            "(import it in the app to make one)."
        )
    return make_workflow(path.stem, graph, mapping, existing)


@dataclass(frozen=True, slots=True)
class Chosen:
    provider: Provider
    workflow: Workflow | None  # the one given with --workflow
    # Checked last, so bad input is reported (exit 2) before a missing key (exit 3).
    missing_key: MissingKey | None = None


def provider_for(
    provider_id: str,
    url_argument: str | None,
    *,
    config_dir: Path,
    workflow: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Chosen:
    environ = os.environ if environ is None else environ
    kind = ProviderId(provider_id)
    if workflow is not None and kind is not ProviderId.comfyui:
        raise InputError("--workflow is for ComfyUI: add --provider comfyui.")
    if kind is ProviderId.bfl:
        url = api_url(url_argument, environ)
        try:
            return Chosen(make_provider(kind, url, bfl_key(environ)), None)
        except MissingKey as missing:
            return Chosen(make_provider(kind, url, None), None, missing)
    if kind is ProviderId.fal:
        url = url_argument or environ.get(FAL_URL_ENV) or DEFAULT_URLS[kind]
        resolved = resolve_api_key(KeyringSecretStore(FAL_USER), environ, FAL_KEY_ENV)
        if not resolved.key:
            missing = MissingKey(
                "No fal.ai key is set. Add it in the app's Settings (kept in the system keychain) "
                "or set the FAL_KEY environment variable."
            )
            return Chosen(make_provider(kind, url, None), None, missing)
        register_secret(resolved.key)
        return Chosen(make_provider(kind, url, resolved.key), None)
    url = url_argument or environ.get(COMFY_URL_ENV) or DEFAULT_URLS[kind]
    token = resolve_api_key(KeyringSecretStore(COMFY_USER), environ, COMFY_TOKEN_ENV).key
    if token:
        register_secret(token)
    workflows = comfy_workflows(config_dir)
    extra = None
    if workflow is not None:
        extra = workflow_from_file(workflow, {w.id for w in workflows})
        workflows = [w for w in workflows if w.id != extra.id] + [extra]
    return Chosen(make_provider(kind, url, token, workflows=workflows), extra)
