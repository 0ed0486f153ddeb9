"""The provider protocol: what the jobs, the CLI and the GUI need from whoever runs a job.

A provider describes its models with the catalog's ``ModelSpec``/``FieldSpec`` (so the prompt
panel builds its form the same way for each), checks and prices requests, and runs one job as
submit -> poll ... -> fetch_result. Terminal failures (moderation, an interrupted job, a job that
ended without an image) are raised from ``poll`` as typed ``FluxError``s with the provider's own
wording. Prices are in US cents, which is what one BFL credit is worth, so the history and the
ledger add them up the same way for every provider.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from fluxdesk.core.api.catalog import ModelSpec
from fluxdesk.core.api.models import DownloadedImage, GenerationRequest, PollStatus, TaskHandle
from fluxdesk.core.api.pricing import format_credits
from fluxdesk.core.errors import InputError
from fluxdesk.core.messages import Message

Problem = tuple[str, str]
ReadImage = Callable[[str], bytes]  # sha256 of a stored input -> its bytes


class ProviderId(StrEnum):
    bfl = "bfl"
    fal = "fal"
    comfyui = "comfyui"


PROVIDER_LABELS: dict[str, str] = {
    ProviderId.bfl: "BFL",
    ProviderId.fal: "fal.ai",
    ProviderId.comfyui: "ComfyUI",
}


class Billing(StrEnum):
    credits = "credits"  # BFL: prepaid credits, 1 credit = US$0.01
    usd = "usd"  # fal: billed in dollars per image or megapixel
    none = "none"  # your own ComfyUI server: no price per image


def format_price(billing: Billing | str, cents: float | None) -> str:
    """'4 credits ($0.04)', '$0.04', or a plain word when there is no price per image."""
    if billing == Billing.none:
        return Message("no charge per image")
    if cents is None:
        return Message("price unknown")
    if billing == Billing.credits:
        return format_credits(cents)
    dollars = f"{cents / 100:.3f}"
    return "$" + (dollars[:-1] if dollars.endswith("0") else dollars)


@dataclass(frozen=True, slots=True)
class ProviderModels:
    """What the GUI lists for one provider: its name, how it bills, and its models."""

    id: str
    label: str
    billing: Billing
    models: tuple[ModelSpec, ...]
    # Another provider's model id -> the model that stands in for it here.
    aliases: Mapping[str, str] = field(default_factory=dict)

    def find(self, model_id: str) -> ModelSpec | None:
        return next((spec for spec in self.models if spec.id == model_id), None)

    def resolve(self, model_id: str) -> ModelSpec | None:
        """The model itself, or the one that stands in for it on this provider."""
        return self.find(model_id) or self.find(self.aliases.get(model_id, ""))


def find_model(models: tuple[ModelSpec, ...], model_id: str, label: str) -> ModelSpec:
    spec = next((spec for spec in models if spec.id == model_id), None)
    if spec is None:
        known = ", ".join(spec.id for spec in models)
        raise InputError(
            Message(
                "{label} has no model '{model_id}'. Known models: {known}.",
                label=label,
                model_id=model_id,
                known=known,
            )
        )
    return spec


class Provider(Protocol):
    """One configured account or server. Blocking methods: call from a worker thread."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def base_url(self) -> str: ...
    @property
    def billing(self) -> Billing: ...

    def models(self) -> tuple[ModelSpec, ...]:
        """Every model this provider runs, described for validation and the GUI form."""
        ...

    def model(self, model_id: str) -> ModelSpec:
        """The model's description; InputError if the provider has no such model."""
        ...

    def validate(self, request: GenerationRequest) -> list[Problem]: ...

    def price(self, request: GenerationRequest) -> float | None:
        """US cents for one image of `request`; None when unknown."""
        ...

    def concurrency(self, model_id: str) -> int:
        """How many jobs of this model may be in flight at once."""
        ...

    def submit(
        self, request: GenerationRequest, read_image: ReadImage, cancel: threading.Event
    ) -> TaskHandle:
        """Sends the job once; never re-sends once the server may have taken it."""
        ...

    def poll(self, handle: TaskHandle, cancel: threading.Event) -> PollStatus:
        """One status check (transient failures retried inside). Raises the typed error of a
        job that ended without a result."""
        ...

    def fetch_result(
        self, status: PollStatus, cancel: threading.Event | None
    ) -> DownloadedImage: ...

    def cancel(self, handle: TaskHandle) -> None:
        """Asks the server to stop the job, where it can; best effort, never raises."""
        ...

    def release(self, handle: TaskHandle) -> None:
        """Drops what the provider keeps for a job (e.g. a progress socket); never raises."""
        ...

    def balance(self, cancel: threading.Event | None = None) -> float | None:
        """The account balance in US cents, or None where the provider has none."""
        ...
