"""Finding entries: full-text search on prompts (SQLite FTS5) and filters, as one query value.

A query returns the matching entry ids, newest first; the UI pages the rows themselves in as
they scroll into view. Words match as prefixes ("ink" finds "inking"); Japanese, Chinese and
Korean text, which has no spaces for the tokenizer to split on, matches as a substring.
Blocking; call from a worker thread in the GUI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from fluxdesk.core.errors import InputError
from fluxdesk.core.history.records import JobRecord
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId, JobState
from fluxdesk.core.messages import Message


class StatusFilter(StrEnum):
    any = "any"
    done = "done"
    unfinished = "unfinished"  # running now, or waiting to be resumed
    failed = "failed"  # failed for a reason other than BFL's retention
    expired = "expired"  # the result was deleted by BFL before it could be fetched
    cancelled = "cancelled"


_STATUS_SQL: dict[StatusFilter, tuple[str, tuple[object, ...]]] = {
    StatusFilter.done: ("jobs.state = ?", (JobState.succeeded,)),
    StatusFilter.unfinished: (
        "jobs.state NOT IN (?, ?, ?)",
        (JobState.succeeded, JobState.failed, JobState.cancelled),
    ),
    StatusFilter.failed: (
        "jobs.state = ? AND COALESCE(jobs.error_kind, '') != 'expired'",
        (JobState.failed,),
    ),
    StatusFilter.expired: ("jobs.state = ? AND jobs.error_kind = 'expired'", (JobState.failed,)),
    StatusFilter.cancelled: ("jobs.state = ?", (JobState.cancelled,)),
}

# Scripts written without spaces between words: the unicode61 tokenizer keeps a whole run as
# one token, so such terms are matched with LIKE instead of FTS.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class SearchTerms:
    fts: str | None  # an FTS5 MATCH expression, or None
    substrings: tuple[str, ...]  # matched with LIKE


def parse_terms(text: str) -> SearchTerms:
    """The artist's text as safe search terms: every term must match (AND). Punctuation and
    FTS5 operators in the text are never interpreted, so any input is a valid query."""
    phrases: list[str] = []
    substrings: list[str] = []
    for term in text.split():
        if _UNSPACED.search(term):
            substrings.append(term)
            continue
        words = _WORD.findall(term)
        if words:
            # "pure-black" -> the phrase "pure black", the last word as a prefix.
            phrases.append('"' + " ".join(words) + '"*')
    return SearchTerms(" AND ".join(phrases) or None, tuple(substrings))


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True, slots=True)
class HistoryQuery:
    text: str = ""
    model: str | None = None
    status: StatusFilter = StatusFilter.any
    starred: bool = False
    hide_rejected: bool = False
    since: float | None = None  # created at or after (seconds since the epoch)
    until: float | None = None  # created before
    page_id: int | None = None
    trash: bool = False  # the trash instead of the history

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", StatusFilter(self.status))  # also from plain text

    @property
    def is_default(self) -> bool:
        return self == HistoryQuery()

    def sql(self) -> tuple[str, list[object]]:
        """`SELECT jobs.id ...` for this query, newest first (the trash: latest deleted first)."""
        where = ["jobs.deleted_at IS NOT NULL" if self.trash else "jobs.deleted_at IS NULL"]
        params: list[object] = []
        terms = parse_terms(self.text)
        if terms.fts:
            where.append("jobs.rowid IN (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?)")
            params.append(terms.fts)
        for term in terms.substrings:
            where.append("jobs.prompt LIKE ? ESCAPE '\\'")
            params.append(_like(term))
        if self.model:
            where.append("jobs.model = ?")
            params.append(self.model)
        if self.status is not StatusFilter.any:
            clause, values = _STATUS_SQL[self.status]
            where.append(clause)
            params.extend(values)
        if self.starred:
            where.append("jobs.starred = 1")
        if self.hide_rejected:
            where.append("jobs.rejected = 0")
        if self.since is not None:
            where.append("jobs.created_at >= ?")
            params.append(self.since)
        if self.until is not None:
            where.append("jobs.created_at < ?")
            params.append(self.until)
        if self.page_id is not None:
            where.append("jobs.page_id = ?")
            params.append(self.page_id)
        order = "jobs.deleted_at DESC, " if self.trash else ""
        sql = (
            f"SELECT jobs.id FROM jobs WHERE {' AND '.join(where)} "
            f"ORDER BY {order}jobs.created_at DESC, jobs.rowid DESC"
        )
        return sql, params

    def accepts(
        self,
        *,
        prompt: str,
        model: str,
        state: JobState,
        error_kind: str | None,
        starred: bool,
        rejected: bool,
        page_id: int | None,
        created_at: float,
        in_trash: bool,
    ) -> bool:
        """Whether a new or changed entry belongs in this query's results, without asking the
        database (close to `sql()`: words match as prefixes anywhere in the prompt)."""
        if in_trash != self.trash or (self.model and model != self.model):
            return False
        if (self.starred and not starred) or (self.hide_rejected and rejected):
            return False
        if self.page_id is not None and page_id != self.page_id:
            return False
        if (self.since is not None and created_at < self.since) or (
            self.until is not None and created_at >= self.until
        ):
            return False
        if not _status_accepts(self.status, state, error_kind):
            return False
        folded = prompt.casefold()
        words = set(_WORD.findall(folded))
        for term in self.text.casefold().split():
            if _UNSPACED.search(term):
                if term not in folded:
                    return False
            elif not all(any(w.startswith(part) for w in words) for part in _WORD.findall(term)):
                return False
        return True


def _status_accepts(status: StatusFilter, state: JobState, error_kind: str | None) -> bool:
    expired = state is JobState.failed and error_kind == "expired"
    return {
        StatusFilter.any: True,
        StatusFilter.done: state is JobState.succeeded,
        StatusFilter.unfinished: not state.is_terminal,
        StatusFilter.failed: state is JobState.failed and not expired,
        StatusFilter.expired: expired,
        StatusFilter.cancelled: state is JobState.cancelled,
    }[status]


def search_ids(store: HistoryStore, query: HistoryQuery) -> list[JobId]:
    """The ids of every matching entry, in display order."""
    sql, params = query.sql()
    with store.read() as db:
        return [JobId(row[0]) for row in db.execute(sql, params)]


def models_in_history(store: HistoryStore) -> list[str]:
    """The models the history has entries for (for the model filter)."""
    with store.read() as db:
        rows = db.execute("SELECT DISTINCT model FROM jobs ORDER BY model").fetchall()
    return [row[0] for row in rows]


def find_entry(store: HistoryStore, text: str) -> JobRecord:
    """The entry whose id is `text` or starts with it (at least 4 characters)."""
    key = text.strip().lower()
    if record := store.get_job(key):
        return record
    if len(key) < 4 or not re.fullmatch(r"[0-9a-z_-]+", key):
        raise InputError(
            Message(
                "No history entry '{entry}'. Use an id from 'fluxdesk history list'.", entry=text
            )
        )
    with store.read() as db:
        rows = db.execute(
            "SELECT id FROM jobs WHERE substr(id, 1, ?) = ? LIMIT 2", (len(key), key)
        ).fetchall()
    if len(rows) != 1:
        raise InputError(
            Message("No history entry '{entry}'.", entry=text)
            if not rows
            else Message("'{entry}' matches several entries; give more of the id.", entry=text)
        )
    record = store.get_job(rows[0][0])
    assert record is not None
    return record
