"""Prompt templates with named placeholders: ``Ink {character} in the style of {style}``.

Rendering is plain text substitution by a regular expression, never ``str.format`` (which can
reach attributes, ``{0.__class__}``) and never ``eval``: a shared preset is data only. Write
``{{`` and ``}}`` for literal braces.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from fluxdesk.core.messages import Message

NAME_PATTERN = r"[A-Za-z_][A-Za-z0-9_]{0,39}"
_NAME = re.compile(rf"^{NAME_PATTERN}$")
# One token at a time: an escaped brace, a placeholder, or any other brace (a mistake).
_TOKEN = re.compile(rf"\{{\{{|\}}\}}|\{{({NAME_PATTERN})\}}|\{{[^{{}}]*\}}?|\}}")


def is_placeholder_name(name: str) -> bool:
    return bool(_NAME.match(name))


def placeholder_names(template: str) -> tuple[str, ...]:
    """The placeholders a template uses, in order of first appearance."""
    names: list[str] = []
    for match in _TOKEN.finditer(template):
        name = match.group(1)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def template_problems(template: str) -> list[str]:
    """Braces that are neither a placeholder nor an escaped brace, explained."""
    problems = []
    for match in _TOKEN.finditer(template):
        token = match.group(0)
        if token in ("{{", "}}") or match.group(1):
            continue
        shown = token if len(token) <= 30 else token[:27] + "…"
        problems.append(
            Message(
                "'{token}' is not a placeholder: use a name in braces such as {example}, "
                "or write {open} and {close} for a literal brace",
                token=shown,
                example="{character}",
                open="{{",
                close="}}",
            )
        )
    return problems


@dataclass(frozen=True, slots=True)
class RenderedPrompt:
    text: str
    missing: tuple[str, ...]  # placeholders with neither a value nor a default

    @property
    def complete(self) -> bool:
        return not self.missing


def render(template: str, values: Mapping[str, str]) -> RenderedPrompt:
    """Fills every ``{name}`` with ``values[name]``; an empty or absent value leaves the
    placeholder in the text (so the artist sees what is missing) and lists it in ``missing``."""
    missing: list[str] = []

    def substitute(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1)
        if not name:
            return token  # not a placeholder: kept as written (the parser reports it)
        value = (values.get(name) or "").strip()
        if not value:
            if name not in missing:
                missing.append(name)
            return token
        return value

    return RenderedPrompt(_TOKEN.sub(substitute, template), tuple(missing))
