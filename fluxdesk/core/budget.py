"""The spending guard: a monthly budget and a confirmation above a per-run threshold."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from fluxdesk.core.api.pricing import format_credits
from fluxdesk.core.messages import Message

MAX_CREDITS = 10_000_000  # $100k: anything larger is a typo


@dataclass(frozen=True, slots=True)
class Budget:
    monthly_cap: float = 0.0  # credits per calendar month; 0: no cap
    confirm_above: float = 0.0  # ask before a run estimated above this; 0: never ask

    def __post_init__(self) -> None:
        for name in ("monthly_cap", "confirm_above"):
            value = getattr(self, name)
            if not _is_credits(value):
                raise ValueError(f"{name} must be a number of credits from 0 to {MAX_CREDITS}")
            object.__setattr__(self, name, float(value))

    @classmethod
    def from_data(cls, data: Any) -> Budget:
        """From saved preferences. Raises ValueError when invalid."""
        if not isinstance(data, dict):
            raise ValueError("the budget must be an object")
        return cls(data.get("monthly_cap", 0.0), data.get("confirm_above", 0.0))


def _is_credits(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 <= value <= MAX_CREDITS
    )


@dataclass(frozen=True, slots=True)
class BudgetCheck:
    reasons: tuple[str, ...] = ()  # why to ask; empty: send without asking

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.reasons)


def check_run(budget: Budget, estimate: float, spent_this_month: float) -> BudgetCheck:
    """Whether to ask before sending a run estimated at `estimate` credits."""
    reasons = []
    if budget.confirm_above and estimate > budget.confirm_above:
        reasons.append(
            Message(
                "This run is estimated at {estimate}, above your confirmation threshold of "
                "{threshold}.",
                estimate=format_credits(estimate),
                threshold=format_credits(budget.confirm_above),
            )
        )
    if budget.monthly_cap and spent_this_month + estimate > budget.monthly_cap:
        left = max(0.0, budget.monthly_cap - spent_this_month)
        reasons.append(
            Message(
                "It would take this month's spending to {total}, over your monthly budget of "
                "{cap} ({left} left).",
                total=format_credits(round(spent_this_month + estimate, 3)),
                cap=format_credits(budget.monthly_cap),
                left=format_credits(round(left, 3)),
            )
        )
    return BudgetCheck(tuple(reasons))
