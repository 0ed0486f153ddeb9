"""Small wording helpers for UI text that Qt's translator does not cover on its own."""

from __future__ import annotations


def count_text(count: int, one: str, many: str) -> str:
    """'1 job' / '3 jobs'. Both forms come already translated (`self.tr("1 job")`,
    `self.tr("{n} jobs")`): languages without plural forms, such as Japanese, simply translate
    both alike, with the number written out in `one`. Only {n} is filled in; any other
    {placeholder} is left for the caller's `.format`."""
    return one if count == 1 else many.replace("{n}", str(count))
