"""Preferences: one typed value saved as JSON, validated field by field on load.

A damaged or hand-edited file never stops the app: each bad field falls back to its default
with a logged warning. Window geometry lives elsewhere (``ui/window_state.py``).
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fluxdesk.core.api.hosts import Region
from fluxdesk.core.atomic import atomic_write_bytes
from fluxdesk.core.budget import Budget

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
MAX_RECENT_PROMPTS = 20


@dataclass(frozen=True, slots=True)
class Preferences:
    schema_version: int = SCHEMA_VERSION
    region: str = Region.global_.value
    last_model: str = "flux-kontext-pro"
    variations: int = 4
    recent_prompts: tuple[str, ...] = ()
    # When there is no key, start against the built-in emulator instead of an empty window.
    demo_when_no_key: bool = True
    language: str = ""  # "" follows the system
    comfy_url: str = ""  # "" is a local ComfyUI at http://127.0.0.1:8188
    budget: Budget = field(default_factory=Budget)  # monthly cap, confirm-above (0: off)

    def with_recent_prompt(self, prompt: str) -> Preferences:
        text = prompt.strip()
        if not text:
            return self
        recent = (text, *(p for p in self.recent_prompts if p != text))
        return dataclasses.replace(self, recent_prompts=recent[:MAX_RECENT_PROMPTS])


def _valid(name: str, value: Any) -> bool:
    checks = {
        "region": lambda v: v in {r.value for r in Region},
        # Any provider's model id (ComfyUI workflows are the artist's own).
        "last_model": lambda v: isinstance(v, str) and 0 < len(v) <= 100,
        "variations": lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 8,
        "recent_prompts": lambda v: isinstance(v, list) and all(isinstance(p, str) for p in v),
        "demo_when_no_key": lambda v: isinstance(v, bool),
        "language": lambda v: isinstance(v, str) and len(v) <= 16,
        "comfy_url": lambda v: isinstance(v, str) and len(v) <= 500,
    }
    check = checks.get(name)
    return check is not None and bool(check(value))


def load_preferences(path: Path) -> Preferences:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError, RecursionError) as exc:
        log.warning("preferences unreadable (%s); using defaults", exc)
        return Preferences()
    if not isinstance(data, dict):
        log.warning("preferences are not an object; using defaults")
        return Preferences()
    values: dict[str, Any] = {}
    for item in dataclasses.fields(Preferences):
        if item.name == "schema_version" or item.name not in data:
            continue
        value = data[item.name]
        if item.name == "budget":
            try:
                values["budget"] = Budget.from_data(value)
            except ValueError as exc:
                log.warning("preference budget=%r is invalid (%s); using the default", value, exc)
        elif _valid(item.name, value):
            values[item.name] = tuple(value) if isinstance(value, list) else value
        else:
            log.warning("preference %s=%r is invalid; using the default", item.name, value)
    return Preferences(**values)


def save_preferences(path: Path, preferences: Preferences) -> None:
    """Atomic: a crash mid-save leaves the previous file intact."""
    data = dataclasses.asdict(preferences)
    data["recent_prompts"] = list(preferences.recent_prompts)
    text = json.dumps(data, indent=2, ensure_ascii=False)
    atomic_write_bytes(path, text.encode("utf-8"), durable=False)
