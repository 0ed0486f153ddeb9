"""Preset data <-> Preset values, strictly: data only, every problem explained per file.

A preset file is JSON. Nothing in it is ever evaluated or executed; strings stay strings.
Unknown keys are tolerated with a warning (a newer FluxDesk may add some). A wrong type, an
unknown model or a parameter the model refuses makes that preset an error: it is skipped with
a message that names the file and the field, and every other preset still loads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from fluxdesk.core.api.catalog import get_model, model_ids
from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.api.validation import check_field, validate_request
from fluxdesk.core.errors import InputError, problems_text
from fluxdesk.core.messages import Message
from fluxdesk.core.presets.model import FORMAT_VERSION, Placeholder, Preset
from fluxdesk.core.presets.template import (
    is_placeholder_name,
    placeholder_names,
    template_problems,
)
from fluxdesk.core.prompt_state import MAX_VARIATIONS

PRESET_FORMAT = "fluxdesk-preset"
BUNDLE_FORMAT = "fluxdesk-presets"
KNOWN_KEYS = frozenset(
    {
        "format",
        "version",
        "id",
        "name",
        "description",
        "model",
        "params",
        "prompt",
        "placeholders",
        "variations",
        "tags",
    }
)
MAX_NAME = 80
MAX_DESCRIPTION = 600
MAX_PROMPT = 4000
MAX_PLACEHOLDERS = 12
MAX_VALUE = 400
MAX_TAGS = 12
MAX_TAG = 32
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


class Severity(StrEnum):
    error = "error"  # the preset is skipped
    warning = "warning"  # the preset loads; something was ignored


@dataclass(frozen=True, slots=True)
class PresetProblem:
    source: str  # the file name (and the preset's name inside a bundle)
    message: str  # a Message: the window translates it (core_text)
    severity: Severity = Severity.error

    @property
    def text(self) -> Message:
        return Message("{source}: {message}", source=self.source, message=self.message)

    def __str__(self) -> str:
        return str(self.text)


class _Invalid(Exception):
    """One reason the preset can't be used (internal: becomes a PresetProblem)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


def is_valid_id(preset_id: str) -> bool:
    return bool(_ID.match(preset_id))


def _text(data: dict[str, Any], key: str, limit: int, *, required: bool = False) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise _Invalid(Message("'{key}' must be text, not {kind}", key=key, kind=_type_name(value)))
    value = value.strip()
    if required and not value:
        raise _Invalid(Message("'{key}' is missing or empty", key=key))
    if len(value) > limit:
        raise _Invalid(Message("'{key}' is longer than {limit} characters", key=key, limit=limit))
    return value


_TYPE_NAMES = {
    bool: Message("true/false"),
    int: Message("a number"),
    float: Message("a number"),
    str: Message("text"),
    list: Message("a list"),
    dict: Message("an object"),
    type(None): "null",
}


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _model(data: dict[str, Any]) -> str:
    model = _text(data, "model", 64, required=True)
    if model not in model_ids():
        raise _Invalid(
            Message(
                "model '{model}' is not one FluxDesk knows ({known})",
                model=model,
                known=", ".join(model_ids()),
            )
        )
    return model


def _params(data: dict[str, Any], model: str) -> dict[str, Any]:
    params = data.get("params", {})
    if not isinstance(params, dict):
        raise _Invalid(Message("'params' must be an object, not {kind}", kind=_type_name(params)))
    spec = get_model(model)
    reasons: list[tuple[str, str]] = []  # (field, reason) as ValidationProblem words them
    for name, value in params.items():
        field = spec.field(str(name))
        if field is None:
            reasons.append(
                ("", Message("'{name}' is not a setting of {model}", name=name, model=spec.label))
            )
        elif value is not None and (reason := check_field(field, value)):
            # The label lowercased has no translation of its own: it stays as in English.
            wrong = Message(
                "{label} {reason} (it is {value})",
                label=field.label.lower(),
                reason=reason,
                value=repr(value),
            )
            reasons.append(("", wrong))
    if not reasons:  # rules between fields, e.g. FLUX.2 needs both sizes or neither
        request = GenerationRequest(model, "preset", params)
        image_slots = {*spec.image_slots, "mask", "prompt"}
        reasons = [
            (name, reason)
            for name, reason in validate_request(spec, request)
            if name not in image_slots
        ]
    if reasons:
        raise _Invalid(Message("parameters: {problems}", problems=problems_text(reasons)))
    return dict(params)


def _placeholders(data: dict[str, Any], prompt: str) -> tuple[Placeholder, ...]:
    raw = data.get("placeholders", {})
    if not isinstance(raw, dict):
        raise _Invalid(
            Message("'placeholders' must be an object, not {kind}", kind=_type_name(raw))
        )
    if len(raw) > MAX_PLACEHOLDERS:
        raise _Invalid(Message("a preset has at most {count} placeholders", count=MAX_PLACEHOLDERS))
    declared: dict[str, Placeholder] = {}
    for name, value in raw.items():
        if not is_placeholder_name(str(name)):
            raise _Invalid(
                Message(
                    "placeholder name '{name}' must be a plain word such as character", name=name
                )
            )
        if isinstance(value, str):  # shorthand: "style": "clean technical pen"
            value = {"default": value}
        if not isinstance(value, dict):
            raise _Invalid(Message("placeholder '{name}' must be text or an object", name=name))
        default = _text(value, "default", MAX_VALUE)
        hint = _text(value, "hint", MAX_VALUE)
        declared[name] = Placeholder(name, default, hint)
    # Every placeholder the template uses has a field, declared or not (then without default).
    used = placeholder_names(prompt)
    ordered = [declared.get(name, Placeholder(name)) for name in used]
    ordered += [p for name, p in declared.items() if name not in used]
    return tuple(ordered)


def _variations(data: dict[str, Any]) -> int:
    value = data.get("variations", 1)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_VARIATIONS:
        raise _Invalid(
            Message("'variations' must be a whole number from 1 to {most}", most=MAX_VARIATIONS)
        )
    return value


def _tags(data: dict[str, Any]) -> tuple[str, ...]:
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise _Invalid(Message("'tags' must be a list of words"))
    if len(tags) > MAX_TAGS or any(len(t) > MAX_TAG for t in tags):
        raise _Invalid(
            Message(
                "at most {count} tags of up to {length} characters", count=MAX_TAGS, length=MAX_TAG
            )
        )
    return tuple(t.strip() for t in tags if t.strip())


def _version(data: dict[str, Any]) -> int:
    version = data.get("version", FORMAT_VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _Invalid(Message("'version' must be a whole number"))
    if version > FORMAT_VERSION:
        raise _Invalid(
            Message(
                "it was made by a newer FluxDesk (preset format {version}); this version reads "
                "format {readable}. Update FluxDesk to use it",
                version=version,
                readable=FORMAT_VERSION,
            )
        )
    return version


def parse_preset(
    data: Any, *, preset_id: str, source: str, builtin: bool = False
) -> tuple[Preset | None, list[PresetProblem]]:
    """One preset from decoded JSON. Returns (None, problems) when it can't be used."""
    if not isinstance(data, dict):
        message = Message("a preset must be a JSON object, not {kind}", kind=_type_name(data))
        return None, [PresetProblem(source, message)]
    warnings = [
        PresetProblem(source, Message("ignored unknown setting '{key}'", key=key), Severity.warning)
        for key in data
        if key not in KNOWN_KEYS
    ]
    kind = data.get("format", PRESET_FORMAT)
    try:
        if kind != PRESET_FORMAT:
            raise _Invalid(
                Message(
                    "'format' is {kind}, expected '{expected}'",
                    kind=repr(kind),
                    expected=PRESET_FORMAT,
                )
            )
        version = _version(data)
        name = _text(data, "name", MAX_NAME, required=True)
        model = _model(data)
        prompt = _text(data, "prompt", MAX_PROMPT, required=get_model(model).prompt_required)
        if problems := template_problems(prompt):
            raise _Invalid(Message("prompt: {problem}", problem=problems[0]))
        preset = Preset(
            id=preset_id,
            name=name,
            model=model,
            prompt=prompt,
            description=_text(data, "description", MAX_DESCRIPTION),
            params=_params(data, model),
            placeholders=_placeholders(data, prompt),
            variations=_variations(data),
            tags=_tags(data),
            version=version,
            builtin=builtin,
        )
    except _Invalid as problem:
        return None, [PresetProblem(source, problem.message), *warnings]
    return preset, warnings


def preset_to_data(preset: Preset) -> dict[str, Any]:
    """What a preset file holds (the id is the file name; bundles carry it inside)."""
    data: dict[str, Any] = {
        "format": PRESET_FORMAT,
        "version": FORMAT_VERSION,
        "id": preset.id,
        "name": preset.name,
        "description": preset.description,
        "model": preset.model,
        "params": dict(preset.params),
        "prompt": preset.prompt,
        "placeholders": {
            p.name: {"default": p.default, "hint": p.hint} for p in preset.placeholders
        },
        "variations": preset.variations,
        "tags": list(preset.tags),
    }
    return data


def check_preset(preset: Preset) -> list[str]:
    """What is wrong with an edited preset (empty when it can be saved), in the editor's words."""
    data = preset_to_data(preset)
    _, problems = parse_preset(data, preset_id=preset.id, source=preset.name or "preset")
    messages = [p.message for p in problems if p.severity is Severity.error]
    if not is_valid_id(preset.id):
        messages.append(Message("the id must be lowercase letters, digits and dashes"))
    return messages


def require_valid(preset: Preset) -> None:
    if problems := check_preset(preset):
        raise InputError(
            Message(
                "The preset '{name}' can't be saved: {problem}.",
                name=preset.name,
                problem=problems[0],
            )
        )
