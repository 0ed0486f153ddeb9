"""Compare a result with its pencils: registration, onion skin and a "what moved" map."""

from fluxdesk.core.compare.change import ChangeMap, Hotspot, change_map
from fluxdesk.core.compare.register import Registration, align, onion_skin, register

__all__ = [
    "ChangeMap",
    "Hotspot",
    "Registration",
    "align",
    "change_map",
    "onion_skin",
    "register",
]
