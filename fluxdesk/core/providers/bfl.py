"""BFL behind the provider protocol: a thin layer over ``FluxApi`` and the BFL catalog."""

from __future__ import annotations

import threading
from collections.abc import Callable

from fluxdesk.core.api.body import build_body
from fluxdesk.core.api.catalog import MODELS, ModelSpec, get_model
from fluxdesk.core.api.client import FluxApi
from fluxdesk.core.api.models import (
    DownloadedImage,
    GenerationRequest,
    PollStatus,
    TaskHandle,
    TaskStatus,
)
from fluxdesk.core.api.pricing import estimate_credits
from fluxdesk.core.api.validation import validate_request
from fluxdesk.core.errors import FluxError, GenerationFailed, Moderated, ProtocolError
from fluxdesk.core.messages import Message
from fluxdesk.core.providers.base import Billing, Problem, ProviderId, ReadImage


def _moderation_reasons(status: PollStatus) -> list[str]:
    reasons: list[str] = []
    for value in (status.details or {}).values():
        if isinstance(value, list):
            reasons.extend(str(item) for item in value)
        elif isinstance(value, str):
            reasons.append(value)
    return reasons


_MODERATION_MESSAGES: dict[TaskStatus, Callable[[str], Message]] = {
    TaskStatus.request_moderated: lambda why: Message(
        "BFL's moderation refused the prompt or input image{why}. Nothing was charged; "
        "rephrase the prompt or change the image.",
        why=why,
    ),
    TaskStatus.content_moderated: lambda why: Message(
        "BFL's moderation withheld the generated image{why}. Nothing was charged; try "
        "another seed or a different prompt.",
        why=why,
    ),
}


def terminal_error(status: PollStatus) -> FluxError | None:
    """The error a BFL status means, if it ended the task without a result."""
    if message := _MODERATION_MESSAGES.get(status.status):
        reasons = _moderation_reasons(status)
        why = f" ({', '.join(reasons)})" if reasons else ""
        return Moderated(message(why), reasons=reasons)
    if status.status is TaskStatus.error:
        return GenerationFailed(
            "The generation failed on BFL's side. Nothing should have been charged; try again."
        )
    return None


class BflProvider:
    id = ProviderId.bfl.value
    label = "BFL"
    billing = Billing.credits

    def __init__(self, api: FluxApi) -> None:
        self.api = api

    def __repr__(self) -> str:
        return f"BflProvider({self.api!r})"

    @property
    def base_url(self) -> str:
        return self.api.base_url

    def models(self) -> tuple[ModelSpec, ...]:
        return MODELS

    def model(self, model_id: str) -> ModelSpec:
        return get_model(model_id)

    def validate(self, request: GenerationRequest) -> list[Problem]:
        return validate_request(self.model(request.model), request)

    def price(self, request: GenerationRequest) -> float | None:
        return estimate_credits(self.model(request.model), request)

    def concurrency(self, model_id: str) -> int:
        return self.model(model_id).concurrency

    def submit(
        self, request: GenerationRequest, read_image: ReadImage, cancel: threading.Event
    ) -> TaskHandle:
        spec = self.model(request.model)
        return self.api.submit(spec.endpoint, build_body(spec, request, read_image), cancel)

    def poll(self, handle: TaskHandle, cancel: threading.Event) -> PollStatus:
        status = self.api.poll(handle, cancel)
        if error := terminal_error(status):
            raise error
        return status

    def fetch_result(self, status: PollStatus, cancel: threading.Event | None) -> DownloadedImage:
        if status.sample_url is None:
            raise ProtocolError("The API said the image is ready but sent no link to it.")
        return self.api.download(status.sample_url, cancel)

    def cancel(self, handle: TaskHandle) -> None:
        """BFL has no cancel endpoint: a sent job runs (and is kept) anyway."""

    def release(self, handle: TaskHandle) -> None:
        """Nothing is kept per job."""

    def balance(self, cancel: threading.Event | None = None) -> float | None:
        return self.api.credits(cancel)
