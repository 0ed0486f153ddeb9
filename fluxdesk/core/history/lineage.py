"""Lineage: what came from what. Each entry may have a parent (the result it used as input)
and a settings source (the entry whose settings it reused); together they make a forest.

Pure functions over small link tuples, plus two reads; blocking, worker thread in the GUI.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from fluxdesk.core.history.records import JobRecord
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId


@dataclass(frozen=True, slots=True)
class Link:
    id: JobId
    parent_id: JobId | None
    settings_from: JobId | None


@dataclass(frozen=True, slots=True)
class Forest:
    roots: tuple[JobId, ...] = ()
    children: dict[JobId, tuple[JobId, ...]] = field(default_factory=dict)
    parent: dict[JobId, JobId] = field(default_factory=dict)
    # Attached by reused settings rather than by using the parent's result as input.
    via_settings: frozenset[JobId] = frozenset()

    def children_of(self, job_id: JobId) -> tuple[JobId, ...]:
        return self.children.get(job_id, ())

    def __len__(self) -> int:
        return len(self.roots) + len(self.parent)


def links_of(store: HistoryStore, ids: Sequence[JobId]) -> list[Link]:
    """The links of `ids` (a query's results, possibly thousands), in the same order."""
    wanted = set(ids)
    with store.read() as db:
        rows = db.execute("SELECT id, parent_id, settings_from FROM jobs").fetchall()
    found = {row[0]: Link(JobId(row[0]), row[1], row[2]) for row in rows if row[0] in wanted}
    return [found[job_id] for job_id in ids if job_id in found]


def build_forest(links: Iterable[Link]) -> Forest:
    """Roots keep the order given (newest first); children come oldest first, the order in
    which the artist iterated. An entry whose parent is not among the links is a root."""
    ordered = list(links)
    present = {link.id for link in ordered}
    parent: dict[JobId, JobId] = {}
    via_settings: set[JobId] = set()
    for link in ordered:
        if link.parent_id in present and link.parent_id != link.id:
            parent[link.id] = link.parent_id  # type: ignore[assignment]
        elif link.settings_from in present and link.settings_from != link.id:
            parent[link.id] = link.settings_from  # type: ignore[assignment]
            via_settings.add(link.id)
    for job_id in list(parent):  # a damaged database must not hang the view: break cycles
        seen = {job_id}
        current = parent.get(job_id)
        while current is not None:
            if current in seen:
                parent.pop(job_id, None)
                via_settings.discard(job_id)
                break
            seen.add(current)
            current = parent.get(current)
    children: dict[JobId, list[JobId]] = {}
    for link in reversed(ordered):
        if link.id in parent:
            children.setdefault(parent[link.id], []).append(link.id)
    roots = tuple(link.id for link in ordered if link.id not in parent)
    return Forest(
        roots,
        {key: tuple(value) for key, value in children.items()},
        parent,
        frozenset(via_settings),
    )


def ancestry(store: HistoryStore, job_id: JobId, limit: int = 200) -> list[JobRecord]:
    """The entry and its ancestors by input or reused settings, oldest first."""
    chain: list[JobRecord] = []
    seen: set[str] = set()
    current: str | None = job_id
    while current and current not in seen and len(chain) < limit:
        seen.add(current)
        record = store.get_job(current)
        if record is None:
            break
        chain.append(record)
        current = record.parent_id or record.settings_from
    return list(reversed(chain))


def descendants(store: HistoryStore, job_id: JobId) -> list[Link]:
    """Entries made from this one (directly), oldest first."""
    with store.read() as db:
        rows = db.execute(
            "SELECT id, parent_id, settings_from FROM jobs WHERE parent_id = ? OR "
            "(settings_from = ? AND parent_id IS NULL) ORDER BY created_at, rowid",
            (job_id, job_id),
        ).fetchall()
    return [Link(JobId(row[0]), row[1], row[2]) for row in rows]
