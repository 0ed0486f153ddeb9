"""What the history views show, loaded only when it is about to be seen.

`JobRow` is the UI's immutable snapshot of one entry. `RowCache` keeps the rows recently
shown (and every row a job is running for) and asks for missing ones in coalesced batches;
`ThumbnailCache` keeps small pixmaps for the entries on screen and asks for missing ones
newest-request-first, forgetting requests for rows that scrolled past. The controller does
the actual reading off the GUI thread. GUI thread only.
"""

from __future__ import annotations

import dataclasses
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap

from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.history.records import JobRecord, PanelTag
from fluxdesk.core.jobs import JobId, JobState, JobUpdate
from fluxdesk.core.panels.runs import EDIT_KIND as COMPOSED_KIND
from fluxdesk.core.providers.base import PROVIDER_LABELS
from fluxdesk.core.providers.registry import model_label
from fluxdesk.ui.i18n import core_text, translate

ROW_CACHE_SIZE = 3000
THUMBNAIL_CACHE_SIZE = 400  # ~40 MB of 160 px pixmaps at most
PENDING_THUMBNAILS = 64  # requests beyond this were for rows long scrolled past
FETCH_BATCH = 300


@dataclass(frozen=True, slots=True)
class JobRow:
    id: JobId
    created_at: float
    request: GenerationRequest
    state: JobState
    progress: float | None = None
    error_message: str | None = None
    result_path: Path | None = None
    result_sha: str | None = None
    result_size: tuple[int, int] | None = None
    seed: int | None = None
    cost: float | None = None
    price_estimate: float | None = None
    parent_id: JobId | None = None
    settings_from: JobId | None = None
    error_kind: str | None = None
    starred: bool = False
    rejected: bool = False
    in_trash: bool = False
    page_id: int | None = None
    # Unfinished but not being run by this window: interrupted, waiting to be resumed.
    paused: bool = False
    seconds: float | None = None  # from sending to the result
    edit_kind: str | None = None  # a page edit: the result is the page with the edit in place
    page_path: Path | None = None  # the page it was placed on (the pencils to compare with)
    panel: PanelTag | None = None  # made for one panel of a page ("panel 3 of 7")

    @property
    def model_label(self) -> str:
        return model_label(self.request.provider, self.request.model)

    @property
    def provider_label(self) -> str:
        provider = self.request.provider
        return PROVIDER_LABELS.get(provider, provider)

    @property
    def title(self) -> str:
        """'fal.ai · FLUX.1 Kontext [pro]': who ran it, and which model; for a panel's job,
        which panel first; for a page composed from panels, that it was composed here."""
        if self.edit_kind == COMPOSED_KIND:
            return translate("JobRow", "Panels composed") + f" · {self.model_label}"
        title = f"{self.provider_label} · {self.model_label}"
        if self.panel is not None:
            place = translate("JobRow", "Panel {n} of {count}").format(
                n=self.panel.position, count=self.panel.count
            )
            return f"{place} · {title}"
        return title

    @property
    def expired(self) -> bool:
        return self.state is JobState.failed and self.error_kind == "expired"

    @classmethod
    def from_record(cls, record: JobRecord) -> JobRow:
        result = record.result
        return cls(
            id=record.id,
            created_at=record.created_at,
            request=record.request,
            state=record.state,
            progress=record.progress,
            # Stored in English; a known message shows in the UI language.
            error_message=core_text(record.error_message) if record.error_message else None,
            result_path=result.path if result else None,
            result_sha=result.sha256 if result else None,
            result_size=(result.width, result.height) if result else None,
            seed=record.effective_seed,
            cost=record.cost,
            price_estimate=record.price_estimate,
            parent_id=record.parent_id,
            settings_from=record.settings_from,
            error_kind=record.error_kind,
            starred=record.starred,
            rejected=record.rejected,
            in_trash=record.deleted_at is not None,
            page_id=record.page_id,
            paused=not record.state.is_terminal,
            seconds=record.generation_seconds,
            edit_kind=record.edit_kind,
            page_path=record.page_path,
            panel=record.panel,
        )

    @classmethod
    def pending(
        cls,
        job_id: JobId,
        request: GenerationRequest,
        price_estimate: float | None,
        parent_id: JobId | None,
        settings_from: JobId | None = None,
        page_id: int | None = None,
    ) -> JobRow:
        return cls(
            job_id,
            time.time(),
            request,
            JobState.queued,
            seed=request.seed,
            price_estimate=price_estimate,
            parent_id=parent_id,
            settings_from=settings_from,
            page_id=page_id,
        )

    def placed_on(self, edit_kind: str, page_path: Path | None) -> JobRow:
        return dataclasses.replace(self, edit_kind=edit_kind, page_path=page_path)

    def updated(self, update: JobUpdate) -> JobRow:
        changes: dict[str, object] = {"state": update.state, "paused": update.paused}
        if update.progress is not None:
            changes["progress"] = update.progress
        if update.error is not None:
            changes["error_message"] = core_text(update.error.user_message)
            changes["error_kind"] = update.error.kind
        elif not update.state.is_terminal:
            changes["error_message"] = None  # running again: the note about the pause is old
        if update.cost is not None:
            changes["cost"] = update.cost
        if update.seed is not None:
            changes["seed"] = update.seed
        if update.result is not None:
            changes["result_path"] = update.result.path
            changes["result_sha"] = update.result.sha256
            changes["result_size"] = (update.result.width, update.result.height)
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def accepted_by(self, query: object) -> bool:
        return query.accepts(  # type: ignore[attr-defined,no-any-return]
            prompt=self.request.prompt,
            model=self.request.model,
            state=self.state,
            error_kind=self.error_kind,
            starred=self.starred,
            rejected=self.rejected,
            page_id=self.page_id,
            created_at=self.created_at,
            in_trash=self.in_trash,
        )


class RowCache(QObject):
    """Rows by id: recently used ones, plus every row that is pinned (a job running here)."""

    fetch_wanted = Signal(tuple)  # tuple[JobId, ...]: read these from the store
    rows_arrived = Signal(tuple)  # tuple[JobId, ...]: now available

    def __init__(self, capacity: int = ROW_CACHE_SIZE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._capacity = capacity
        self._rows: OrderedDict[JobId, JobRow] = OrderedDict()
        self._pinned: set[JobId] = set()
        self._stale: set[JobId] = set()  # shown as they are, read again when next shown
        self._wanted: OrderedDict[JobId, None] = OrderedDict()
        self._in_flight = False
        # Rows changed here while a read was under way: that read's copy is older.
        self._superseded: set[JobId] = set()
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)  # coalesce every request of one paint into one read
        self._flush.timeout.connect(self._on_flush_timeout)

    def get(self, job_id: JobId) -> JobRow | None:
        row = self._rows.get(job_id)
        if row is not None:
            self._rows.move_to_end(job_id)
            if job_id in self._stale:
                self._stale.discard(job_id)
                self._wanted[job_id] = None
                self.want([])
        return row

    def peek(self, job_id: JobId) -> JobRow | None:
        return self._rows.get(job_id)

    def mark_stale(self) -> None:
        """Everything may have changed (another window wrote): keep showing the rows, and
        read each again the next time it is shown, so nothing flickers."""
        self._stale = set(self._rows) - self._pinned

    def want(self, ids: list[JobId]) -> None:
        for job_id in ids:
            if job_id not in self._rows:
                self._wanted[job_id] = None
                self._wanted.move_to_end(job_id)
        if self._wanted and not self._in_flight:
            self._flush.start()

    def _on_flush_timeout(self) -> None:
        if self._in_flight or not self._wanted:
            return
        # The latest requests are the rows on screen now; older ones scrolled past.
        batch = tuple(list(self._wanted)[-FETCH_BATCH:])
        self._wanted.clear()
        self._in_flight = True
        self.fetch_wanted.emit(batch)

    def fetched(self, rows: list[JobRow]) -> None:
        """The answer to a `fetch_wanted` (also after a failed read: pass no rows)."""
        self._in_flight = False
        superseded, self._superseded = self._superseded, set()
        self.put([row for row in rows if row.id not in superseded])
        if self._wanted:
            self._flush.start()

    def put(self, rows: list[JobRow]) -> None:
        for row in rows:
            self._stale.discard(row.id)
            self._rows[row.id] = row
            self._rows.move_to_end(row.id)
        self._evict()
        if rows:
            self.rows_arrived.emit(tuple(row.id for row in rows))

    def replace(self, row: JobRow) -> None:
        """A changed row (live update, star...): stored without announcing an arrival."""
        if self._in_flight:
            self._superseded.add(row.id)
        self._rows[row.id] = row
        self._rows.move_to_end(row.id)

    def pin(self, job_id: JobId, pinned: bool = True) -> None:
        if pinned:
            self._pinned.add(job_id)
        else:
            self._pinned.discard(job_id)

    def forget(self, ids: list[JobId]) -> None:
        """Drops rows so they are read again when shown."""
        for job_id in ids:
            if job_id not in self._pinned:
                self._rows.pop(job_id, None)

    def _evict(self) -> None:
        excess = len(self._rows) - self._capacity
        if excess <= 0:
            return
        for job_id in list(self._rows)[: excess + len(self._pinned)]:
            if excess <= 0:
                break
            if job_id not in self._pinned:
                del self._rows[job_id]
                excess -= 1


class ThumbnailCache(QObject):
    """Small pixmaps by image hash, made from QImages read off the GUI thread."""

    wanted = Signal(str, object)  # sha256, source Path: make this thumbnail
    arrived = Signal(str)  # sha256

    def __init__(self, capacity: int = THUMBNAIL_CACHE_SIZE, parent: QObject | None = None):
        super().__init__(parent)
        self._capacity = capacity
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._pending: OrderedDict[str, Path] = OrderedDict()
        self._asked: set[str] = set()  # pending or being made
        self._failed: set[str] = set()

    def get(self, sha256: str, source: Path) -> QPixmap | None:
        pixmap = self._pixmaps.get(sha256)
        if pixmap is not None:
            self._pixmaps.move_to_end(sha256)
            return pixmap
        if sha256 not in self._failed:
            if sha256 in self._pending:
                self._pending.move_to_end(sha256)
            elif sha256 not in self._asked:
                self._asked.add(sha256)
                self._pending[sha256] = source
                while len(self._pending) > PENDING_THUMBNAILS:
                    stale, _ = self._pending.popitem(last=False)  # scrolled past: forget it
                    self._asked.discard(stale)
                self.wanted.emit(sha256, source)
        return None

    def retry_failed(self) -> None:
        """Files may be back (a restore): ask again for thumbnails that could not be made."""
        self._failed.clear()

    def next_request(self) -> tuple[str, Path] | None:
        """The most recent request still wanted (last in, first out)."""
        if not self._pending:
            return None
        return self._pending.popitem(last=True)

    def has_pending(self) -> bool:
        return bool(self._pending)

    def put(self, sha256: str, image: QImage | None) -> None:
        """Called on the GUI thread (QPixmaps may only be made there)."""
        self._asked.discard(sha256)
        if image is None or image.isNull():
            self._failed.add(sha256)  # an unreadable file: don't ask again and again
            return
        self._pixmaps[sha256] = QPixmap.fromImage(image)
        while len(self._pixmaps) > self._capacity:
            self._pixmaps.popitem(last=False)
        self.arrived.emit(sha256)


class RowThumbnails:
    """A model's view of the thumbnail cache: a row's thumbnail if it is made, and which rows
    asked for one that is still being made (`arrived` names them, to repaint)."""

    def __init__(self, cache: ThumbnailCache) -> None:
        self.cache = cache
        self._waiting: dict[str, set[JobId]] = {}

    def get(self, row: JobRow) -> QPixmap | None:
        if row.result_sha is None or row.result_path is None:
            return None
        pixmap = self.cache.get(row.result_sha, row.result_path)
        if pixmap is None:
            self._waiting.setdefault(row.result_sha, set()).add(row.id)
        return pixmap

    def arrived(self, sha256: str) -> set[JobId]:
        return self._waiting.pop(sha256, set())

    def forget(self) -> None:
        """The model's rows changed: nothing waits any more."""
        self._waiting.clear()
