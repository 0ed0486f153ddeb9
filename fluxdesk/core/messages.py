"""Artist-facing text from the Qt-free core, in English, that the GUI can still translate.

The core cannot call Qt's ``tr``. A ``Message`` is the English text itself (a ``str``, so the
CLI, logs and history keep working unchanged) that also remembers its template and arguments.
The GUI looks the template up in its translations (context ``fluxdesk.core``) and fills in the
same arguments; ``tools/update_translations.py`` extracts every ``Message("…")`` template, so
a template must be a string literal, never an f-string.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any


class Message(str):
    """``Message("Balance: {credits} credits", credits=12)`` == "Balance: 12 credits"."""

    template: str
    args: Mapping[str, Any]

    def __new__(cls, template: str, /, **args: Any) -> Message:
        self = super().__new__(cls, template.format(**args) if args else template)
        self.template = template
        self.args = MappingProxyType(args)
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # copies and pickles keep the template
        return (_rebuild, (self.template, dict(self.args)))


def _rebuild(template: str, args: dict[str, Any]) -> Message:
    return Message.__new__(Message, template, **args)


# --- kept on disk (the history stores why a job failed) ----------------------------------------

_JSON_SCALARS = (int, float, bool, type(None))


def _arg_data(value: Any) -> Any:
    if isinstance(value, Message):
        return {
            "template": value.template,
            "args": {k: _arg_data(v) for k, v in value.args.items()},
        }
    if isinstance(value, (str, *_JSON_SCALARS)):
        return value
    return str(value)  # a path, an exception: the text it was shown as


def message_json(text: str | None) -> str | None:
    """`text`'s template and arguments as JSON, nested messages included; None for plain text
    (a known plain message is still found by its English text)."""
    if not isinstance(text, Message):
        return None
    return json.dumps(_arg_data(text), ensure_ascii=False, sort_keys=True)


def _from_data(data: object) -> Message:
    if not isinstance(data, dict) or not isinstance(data.get("template"), str):
        raise ValueError("not a stored message")
    args = data.get("args", {})
    if not isinstance(args, dict):
        raise ValueError("not a stored message")
    return _rebuild(
        data["template"],
        {str(name): _from_data(v) if isinstance(v, dict) else v for name, v in args.items()},
    )


def stored_message(text: str | None, stored: str | None) -> str | None:
    """`text` (the English the history keeps) as a Message again when `stored` (its
    `message_json`) still rebuilds exactly that text; otherwise the English text as it is."""
    if text is None or not stored:
        return text
    try:
        message = _from_data(json.loads(stored))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return text
    return message if message == text else text
