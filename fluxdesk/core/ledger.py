"""The cost ledger: what the history says was spent, per day, model and (when the history has
them) project, chapter and page; estimated against actual; totals and this month's spend.

What counts as spent follows BFL's billing: a job is charged when the API accepts it (it has a
task id), at the `cost` the API returned (the estimate when it returned none), and moderated
or failed-at-BFL jobs are refunded. Read-only queries over the history database; blocking, so
the GUI runs them on a worker.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from fluxdesk.core.messages import Message

# Error kinds (core/errors.py) whose jobs BFL does not charge: moderation, its own failures.
REFUNDED_KINDS = ("moderated", "generation_failed")

_SENT = "task_id IS NOT NULL"
_REFUNDED = f"(state = 'failed' AND error_kind IN {REFUNDED_KINDS!r})"
_CHARGED = f"CASE WHEN {_REFUNDED} THEN 0 ELSE COALESCE(cost, price_estimate, 0) END"
# Estimates of refunded jobs are left out too, so estimated and charged compare like for like.
_ESTIMATED = f"CASE WHEN {_REFUNDED} THEN 0 ELSE COALESCE(price_estimate, 0) END"


@dataclass(frozen=True, slots=True)
class Grouping:
    name: str
    label: str
    expression: str  # SQL over the jobs table; ours, never user input
    columns: tuple[str, ...] = ()  # the history columns it needs


DAY = Grouping("day", Message("Day"), "date(created_at, 'unixepoch', 'localtime')")
MODEL = Grouping("model", Message("Model"), "model")
# Project, chapter and page come with the history's projects; each appears in the ledger as
# soon as the jobs table has one of its columns (the name, or the name with "_id").
_OPTIONAL = {"project": Message("Project"), "chapter": Message("Chapter"), "page": Message("Page")}


@dataclass(frozen=True, slots=True)
class SpendRow:
    key: str  # a day (YYYY-MM-DD), a model id, a project...
    jobs: int  # sent to the API
    charged: float  # credits, refunds taken off
    estimated: float  # what FluxDesk estimated before sending (refunded jobs left out)
    refunded: int  # jobs moderated or failed at BFL (not charged)


@dataclass(frozen=True, slots=True)
class Ledger:
    total: SpendRow
    month_charged: float  # this calendar month (local time)
    by: Mapping[str, tuple[SpendRow, ...]] = field(default_factory=dict)  # grouping name ->
    groupings: tuple[Grouping, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "by", MappingProxyType(dict(self.by)))

    def rows(self, grouping: str) -> tuple[SpendRow, ...]:
        return self.by.get(grouping, ())


@contextlib.contextmanager
def _connect(db_path: Path) -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(db_path, timeout=10.0)
    try:
        yield db
    finally:
        db.close()


def available_groupings(db: sqlite3.Connection) -> tuple[Grouping, ...]:
    columns = {row[1] for row in db.execute("PRAGMA table_info(jobs)")}
    found = [DAY, MODEL]
    for name, label in _OPTIONAL.items():
        column = next((c for c in (name, f"{name}_id") if c in columns), None)
        if column:
            found.append(Grouping(name, label, column, (column,)))
    return tuple(found)


def month_start(now: dt.datetime | None = None) -> float:
    """The first moment of this calendar month, local time, as a Unix time."""
    now = now or dt.datetime.now().astimezone()
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0).timestamp()


def _summary(db: sqlite3.Connection, where: str, args: tuple[object, ...] = ()) -> SpendRow:
    row = db.execute(
        f"SELECT COUNT(*), TOTAL({_CHARGED}), TOTAL({_ESTIMATED}), "
        f"TOTAL({_REFUNDED}) FROM jobs WHERE {_SENT} AND {where}",
        args,
    ).fetchone()
    return SpendRow("total", int(row[0]), round(row[1], 4), round(row[2], 4), int(row[3]))


def _grouped(db: sqlite3.Connection, grouping: Grouping, since: float) -> tuple[SpendRow, ...]:
    rows = db.execute(
        f"SELECT {grouping.expression} AS key, COUNT(*), TOTAL({_CHARGED}), "
        f"TOTAL({_ESTIMATED}), TOTAL({_REFUNDED}) FROM jobs "
        f"WHERE {_SENT} AND created_at >= ? GROUP BY key ORDER BY key DESC",
        (since,),
    ).fetchall()
    return tuple(
        SpendRow("" if key is None else str(key), int(n), round(c, 4), round(e, 4), int(r))
        for key, n, c, e, r in rows
    )


def read_ledger(db_path: Path, *, since: float = 0.0, now: dt.datetime | None = None) -> Ledger:
    """Spend since `since` (Unix time; 0 for everything), grouped every way the history
    allows. Newest day first; models and projects by key."""
    with _connect(db_path) as db:
        groupings = available_groupings(db)
        by = {g.name: _grouped(db, g, since) for g in groupings}
        for name, rows in by.items():
            if name != DAY.name:
                by[name] = tuple(sorted(rows, key=lambda r: (-r.charged, r.key)))
        total = _summary(db, "created_at >= ?", (since,))
        month = _summary(db, "created_at >= ?", (month_start(now),)).charged
    return Ledger(total, month, by, groupings)


def month_charged(db_path: Path, now: dt.datetime | None = None) -> float:
    """Credits spent this calendar month: what a monthly budget is measured against."""
    with _connect(db_path) as db:
        return _summary(db, "created_at >= ?", (month_start(now),)).charged
