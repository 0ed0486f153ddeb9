"""What changed between two entries: the prompt word by word, then model, seed, every
parameter, inputs, cost and time. Pure; safe on any thread."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from fluxdesk.core.api.pricing import format_credits
from fluxdesk.core.history.records import JobRecord
from fluxdesk.core.messages import Message

# Words, runs of punctuation and runs of spaces: "bold lines," vs "bold lines, darker" is
# one added ", darker", not a changed "lines,".
_TOKENS = re.compile(r"\w+|[^\w\s]+|\s+")


class Change(StrEnum):
    same = "same"
    added = "added"
    removed = "removed"


@dataclass(frozen=True, slots=True)
class WordOp:
    change: Change
    text: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    name: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True, slots=True)
class EntryDiff:
    before: JobRecord
    after: JobRecord
    prompt: tuple[WordOp, ...]
    fields: tuple[FieldChange, ...]

    @property
    def changed_fields(self) -> tuple[FieldChange, ...]:
        return tuple(item for item in self.fields if item.changed)


def prompt_diff(before: str, after: str) -> list[WordOp]:
    """Word-level edits that turn `before` into `after` (whitespace kept as typed)."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    ops: list[WordOp] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp(Change.same, "".join(old[i1:i2])))
            continue
        if i2 > i1:
            ops.append(WordOp(Change.removed, "".join(old[i1:i2])))
        if j2 > j1:
            ops.append(WordOp(Change.added, "".join(new[j1:j2])))
    return ops


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _credits(record: JobRecord) -> str:
    if record.cost is not None:
        return format_credits(record.cost)
    if record.price_estimate is not None:
        return Message("≈ {credits}", credits=format_credits(record.price_estimate))
    return "—"


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} s"


def _inputs(record: JobRecord) -> str:
    parts = [
        f"{image.slot} {image.sha256[:8]} ({image.width}×{image.height})"
        for image in record.request.inputs
    ]
    return ", ".join(parts) or "none"


def entry_diff(before: JobRecord, after: JobRecord) -> EntryDiff:
    fields = [
        FieldChange("model", before.model, after.model),
        FieldChange("seed", _value(before.effective_seed), _value(after.effective_seed)),
    ]
    names = sorted(set(before.request.params) | set(after.request.params))
    fields.extend(
        FieldChange(
            name, _value(before.request.params.get(name)), _value(after.request.params.get(name))
        )
        for name in names
    )
    fields += [
        FieldChange("inputs", _inputs(before), _inputs(after)),
        FieldChange("state", before.state.value, after.state.value),
        FieldChange("cost", _credits(before), _credits(after)),
        FieldChange(
            "time", _seconds(before.generation_seconds), _seconds(after.generation_seconds)
        ),
    ]
    return EntryDiff(before, after, tuple(prompt_diff(before.prompt, after.prompt)), tuple(fields))
