"""Small wording helpers for UI text that Qt's translator does not cover on its own."""

from __future__ import annotations


def count_text(count: int, one: str, many: str) -> str:
    """'1 job' / '3 jobs': `many` contains {n}."""
    return one if count == 1 else many.format(n=count)
