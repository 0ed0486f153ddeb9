"""Artist-facing text from the Qt-free core, in English, that the GUI can still translate.

The core cannot call Qt's ``tr``. A ``Message`` is the English text itself (a ``str``, so the
CLI, logs and history keep working unchanged) that also remembers its template and arguments.
The GUI looks the template up in its translations (context ``fluxdesk.core``) and fills in the
same arguments; ``tools/update_translations.py`` extracts every ``Message("…")`` template, so
a template must be a string literal, never an f-string.
"""

from __future__ import annotations

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
