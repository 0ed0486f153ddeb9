"""A task preset: model, parameters and a prompt template with named placeholders."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from fluxdesk.core.presets.template import RenderedPrompt, render
from fluxdesk.core.prompt_state import PromptState

FORMAT_VERSION = 1  # the preset file format this FluxDesk writes and reads


@dataclass(frozen=True, slots=True)
class Placeholder:
    name: str  # as written in the template: {character}
    default: str = ""
    hint: str = ""  # what to type, shown as the field's placeholder text


@dataclass(frozen=True, slots=True)
class Preset:
    id: str  # the file name without .json; stable, stored with every job made from it
    name: str
    model: str
    prompt: str  # template: may contain {placeholders}
    description: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    placeholders: tuple[Placeholder, ...] = ()
    variations: int = 1
    tags: tuple[str, ...] = ()
    version: int = FORMAT_VERSION
    builtin: bool = False  # shipped with FluxDesk: read-only (duplicate it to change it)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))
        object.__setattr__(self, "placeholders", tuple(self.placeholders))
        object.__setattr__(self, "tags", tuple(self.tags))

    def placeholder(self, name: str) -> Placeholder | None:
        return next((p for p in self.placeholders if p.name == name), None)

    def defaults(self) -> dict[str, str]:
        return {p.name: p.default for p in self.placeholders}

    def render(self, values: Mapping[str, str] | None = None) -> RenderedPrompt:
        """The prompt with `values` filled in, placeholder defaults for the rest."""
        merged = self.defaults()
        merged.update({k: v for k, v in (values or {}).items() if v and v.strip()})
        return render(self.prompt, merged)

    def prompt_state(
        self, values: Mapping[str, str] | None = None, *, seed: int | None = None
    ) -> PromptState:
        """What the prompt panel shows after applying this preset."""
        return PromptState(
            self.model,
            self.render(values).text,
            self.params,
            seed,
            self.variations,
            (),
            self.id,
        )

    def with_changes(self, **changes: Any) -> Preset:
        return replace(self, **changes)
