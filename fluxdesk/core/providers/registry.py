"""Making providers and listing their models: one place for the CLI and the GUI to share.

Model ids belong to their provider. Where several providers run the same model (Kontext [pro] on
BFL and on fal.ai) the id is the same; a ComfyUI workflow names the BFL models it can stand in
for (``stands_for``), so one preset runs on every provider: ``ProviderModels.resolve``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from fluxdesk.core.api.catalog import MODELS
from fluxdesk.core.api.client import FluxApi
from fluxdesk.core.api.transfer import RetryPolicy, Timeouts
from fluxdesk.core.providers.base import (
    PROVIDER_LABELS,
    Billing,
    Provider,
    ProviderId,
    ProviderModels,
)
from fluxdesk.core.providers.bfl import BflProvider
from fluxdesk.core.providers.comfy.client import DEFAULT_COMFY_URL, ComfyProvider
from fluxdesk.core.providers.comfy.workflow import Workflow, load_workflows
from fluxdesk.core.providers.fal.catalog import FAL_MODELS
from fluxdesk.core.providers.fal.client import DEFAULT_FAL_URL, FalProvider
from fluxdesk.resources import resource_path

DEFAULT_URLS = {
    ProviderId.bfl: "https://api.bfl.ai",
    ProviderId.fal: DEFAULT_FAL_URL,
    ProviderId.comfyui: DEFAULT_COMFY_URL,
}


def workflows_folder(config_dir: Path) -> Path:
    """Where imported ComfyUI workflows are kept (beside the preferences)."""
    return config_dir / "workflows"


def comfy_workflows(config_dir: Path | None = None) -> list[Workflow]:
    """The shipped templates, then the artist's imported workflows."""
    found = load_workflows(resource_path("workflows"), builtin=True)
    if config_dir is not None:
        found += load_workflows(workflows_folder(config_dir))
    return found


def make_provider(
    provider_id: str,
    url: str | None,
    secret: str | None,
    *,
    workflows: Sequence[Workflow] = (),
    loras: tuple[str, ...] | None = None,
    timeouts: Timeouts | None = None,
    retry: RetryPolicy | None = None,
) -> Provider:
    """A provider at `url` (its default when None) with its key or token."""
    kind = ProviderId(provider_id)
    address = url or DEFAULT_URLS[kind]
    if kind is ProviderId.bfl:
        return BflProvider(FluxApi(address, secret, timeouts=timeouts, retry=retry))
    if kind is ProviderId.fal:
        return FalProvider(address, secret, timeouts=timeouts, retry=retry)
    return ComfyProvider(
        address, secret, workflows=workflows, loras=loras, timeouts=timeouts, retry=retry
    )


def bfl_models() -> ProviderModels:
    """BFL's models, which need no connection to be listed."""
    return ProviderModels(ProviderId.bfl, PROVIDER_LABELS[ProviderId.bfl], Billing.credits, MODELS)


def provider_models(provider: Provider) -> ProviderModels:
    aliases: dict[str, str] = {}
    for workflow in getattr(provider, "workflows", ()):
        for model_id in workflow.stands_for:
            aliases.setdefault(model_id, workflow.id)
    return ProviderModels(
        provider.id,
        PROVIDER_LABELS.get(provider.id, provider.label),
        provider.billing,
        provider.models(),
        aliases,
    )


@functools.cache
def _builtin_labels() -> dict[tuple[str, str], str]:
    labels = {(ProviderId.bfl.value, spec.id): spec.label for spec in MODELS}
    labels |= {(ProviderId.fal.value, model.spec.id): model.spec.label for model in FAL_MODELS}
    labels |= {(ProviderId.comfyui.value, w.id): w.label for w in comfy_workflows()}
    return labels


def model_label(provider_id: str, model_id: str) -> str:
    """A model's name for the history ('FLUX.1 Kontext [pro]'); its id if it is not built in
    (an imported workflow, a model a later version dropped)."""
    return _builtin_labels().get((provider_id, model_id), model_id)
