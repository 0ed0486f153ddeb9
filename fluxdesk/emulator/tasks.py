"""Tasks and time as the emulator sees them: the clock, task statuses, tasks and their views."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, overload

from fluxdesk.emulator.validation import ValidatedRequest


class Clock:
    """Monotonic time plus an offset that ``advance`` moves forward (never backward)."""

    def __init__(
        self,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self._monotonic, self._wall = monotonic, wall
        self._offset = 0.0
        self._lock = threading.Lock()

    @property
    def offset(self) -> float:
        return self._offset

    def now(self) -> float:
        return self._monotonic() + self._offset

    def wall(self) -> float:
        """Seconds since the Unix epoch, as the emulator's (possibly advanced) clock sees it."""
        return self._wall() + self._offset

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        with self._lock:
            self._offset += seconds


class TaskStatus(StrEnum):
    not_found = "Task not found"
    pending = "Pending"
    generating = "Generating"  # FLUX.2's extra, non-enum status (extra_statuses=True)
    request_moderated = "Request Moderated"
    content_moderated = "Content Moderated"
    ready = "Ready"
    error = "Error"

    @property
    def is_terminal(self) -> bool:
        return self not in (TaskStatus.pending, TaskStatus.generating, TaskStatus.not_found)


DEFAULT_DETAILS: dict[TaskStatus, dict[str, Any]] = {
    TaskStatus.request_moderated: {"Moderation Reasons": ["Derivative Works Filter"]},
    TaskStatus.content_moderated: {"Moderation Reasons": ["Content Moderation"]},
    TaskStatus.error: {"Error": "Generation failed"},
}


@dataclass(frozen=True, slots=True)
class TaskView:
    id: str
    model: str
    key: str
    status: str
    seed: int
    prompt: str
    cost: float
    polls: int


class TaskList(Sequence[TaskView]):
    """Tasks in submission order; index by position or by task id."""

    def __init__(self, views: list[TaskView]) -> None:
        self._views = views
        self._by_id = {v.id: v for v in views}

    @overload
    def __getitem__(self, index: int | str) -> TaskView: ...
    @overload
    def __getitem__(self, index: slice) -> list[TaskView]: ...
    def __getitem__(self, index: int | str | slice) -> TaskView | list[TaskView]:
        if isinstance(index, str):
            return self._by_id[index]
        return self._views[index]

    def __len__(self) -> int:
        return len(self._views)

    def __iter__(self) -> Iterator[TaskView]:
        return iter(self._views)

    def get(self, task_id: str) -> TaskView | None:
        return self._by_id.get(task_id)

    def __repr__(self) -> str:
        return f"TaskList({self._views!r})"


@dataclass(eq=False)
class Task:
    """One submitted task. Mutable: changed only under ``EmulatorState``'s lock, except the
    rendered ``image``, which ``render_lock`` guards so rendering never holds up other requests."""

    id: str
    request: ValidatedRequest
    key: str
    seed: int
    cost: float
    created_at: float
    start_wall: float
    status: TaskStatus = TaskStatus.pending
    ending: TaskStatus = TaskStatus.ready  # how it ends when its time comes
    polls: int = 0
    details: dict[str, Any] | None = None
    sample_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    end_wall: float | None = None
    expires_at: float | None = None
    expiry: str = ""
    refunded: bool = False
    image: bytes | None = None
    render_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def model(self) -> str:
        return self.request.spec.slug

    @property
    def prompt(self) -> str:
        return self.request.prompt

    @property
    def filename(self) -> str:
        return f"sample.{self.request.output_format}"

    def view(self) -> TaskView:
        status = self.status.value
        return TaskView(
            self.id, self.model, self.key, status, self.seed, self.prompt, self.cost, self.polls
        )
