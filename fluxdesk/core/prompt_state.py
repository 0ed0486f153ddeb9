"""What the prompt panel holds, and how it becomes one request per variation."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from fluxdesk.core.api.models import GenerationRequest, InputImage

SEED_RANGE = 2**32
MAX_VARIATIONS = 8


@dataclass(frozen=True, slots=True)
class PromptState:
    model: str
    prompt: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    seed: int | None = None  # None: a new random seed per variation
    variations: int = 1
    references: tuple[Path, ...] = ()  # extra reference images, in slot order
    preset_id: str | None = None
    provider: str = "bfl"  # who runs it: bfl, fal or comfyui

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))
        object.__setattr__(self, "references", tuple(self.references))

    def seeds(self) -> list[int]:
        """Fixed seed S gives S, S+1, ...; otherwise fresh random seeds."""
        if self.seed is not None:
            return [self.seed + offset for offset in range(self.variations)]
        return [secrets.randbelow(SEED_RANGE) for _ in range(self.variations)]

    def requests(self, inputs: tuple[InputImage, ...]) -> list[GenerationRequest]:
        """One request per variation, all with the same staged inputs."""
        return [
            GenerationRequest(
                self.model, self.prompt, self.params, seed, inputs, self.preset_id, self.provider
            )
            for seed in self.seeds()
        ]

    @classmethod
    def from_request(cls, request: GenerationRequest, seed: int | None) -> PromptState:
        """'Reuse settings': everything of a past request, its seed fixed."""
        return cls(
            request.model,
            request.prompt,
            request.params,
            seed,
            1,
            (),
            request.preset_id,
            request.provider,
        )

    def with_seed(self, seed: int | None) -> PromptState:
        return replace(self, seed=seed)
