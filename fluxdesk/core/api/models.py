"""Request and response values shared by the client, the job runner and the history."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True, slots=True)
class InputImage:
    """An image sent with a request, by content hash (the bytes live in the history store)."""

    slot: str  # body field: input_image, input_image_2..., image, image_prompt, mask
    sha256: str
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class GenerationRequest:
    """The single source of truth for one generation: what is sent, stored and iterated on."""

    model: str
    prompt: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    seed: int | None = None
    inputs: tuple[InputImage, ...] = ()
    preset_id: str | None = None
    # Who runs it: "bfl", "fal" or "comfyui". Model ids are the provider's own.
    provider: str = "bfl"
    # How the main input was cleaned up before it was stored and sent (CleanupSettings data),
    # so the entry can be reproduced from the original scan. Never sent to the API.
    cleanup: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        # Freeze the parameters so a request can be shared across threads safely.
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))
        object.__setattr__(self, "inputs", tuple(self.inputs))
        if self.cleanup is not None:
            object.__setattr__(self, "cleanup", MappingProxyType(dict(self.cleanup)))

    def input(self, slot: str) -> InputImage | None:
        return next((image for image in self.inputs if image.slot == slot), None)

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "model": self.model,
            "prompt": self.prompt,
            "params": dict(self.params),
            "seed": self.seed,
            "inputs": [
                {"slot": i.slot, "sha256": i.sha256, "width": i.width, "height": i.height}
                for i in self.inputs
            ],
            "preset_id": self.preset_id,
        }
        # Optional keys only when set: BFL requests keep the exact JSON they always had.
        if self.provider != "bfl":
            data["provider"] = self.provider
        if self.cleanup is not None:
            data["cleanup"] = dict(self.cleanup)
        return json.dumps(data, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> GenerationRequest:
        data = json.loads(text)
        return cls(
            model=data["model"],
            prompt=data.get("prompt", ""),
            params=data.get("params") or {},
            seed=data.get("seed"),
            inputs=tuple(InputImage(**item) for item in data.get("inputs") or ()),
            preset_id=data.get("preset_id"),
            provider=data.get("provider") or "bfl",
            cleanup=data.get("cleanup") if isinstance(data.get("cleanup"), dict) else None,
        )


@dataclass(frozen=True, slots=True)
class TaskHandle:
    task_id: str
    polling_url: str
    cost: float | None = None
    input_mp: float | None = None
    output_mp: float | None = None


class TaskStatus(StrEnum):
    """The API's status strings, exactly as sent (spaces and capitals matter)."""

    task_not_found = "Task not found"
    pending = "Pending"
    request_moderated = "Request Moderated"
    content_moderated = "Content Moderated"
    ready = "Ready"
    error = "Error"
    # Anything else (e.g. "Reasoning", "Generating") is a non-terminal state we do not know yet.
    other = "other"

    @classmethod
    def parse(cls, value: str) -> TaskStatus:
        try:
            return cls(value)
        except ValueError:
            return cls.other


@dataclass(frozen=True, slots=True)
class PollStatus:
    status: TaskStatus
    raw_status: str
    progress: float | None = None
    sample_url: str | None = None
    seed: int | None = None
    details: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class DownloadedImage:
    data: bytes
    format: str  # "png", "jpeg" or "webp": what the bytes really are
    width: int
    height: int
