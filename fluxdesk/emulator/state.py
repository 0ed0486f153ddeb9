"""Accounts, tasks and the clock: everything the emulator remembers, behind one lock.

A task is Ready once ``latency`` seconds of emulator clock have passed since it was submitted AND
it has been polled ``min_polls`` times: tests run with ``latency=0`` and stay deterministic without
sleeping, the demo runs with real latency. Status changes happen lazily, whenever a task is looked
at, so nothing runs in the background.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import secrets
import threading
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from fluxdesk.emulator import pricing
from fluxdesk.emulator.catalog import ACTIVE_TASK_LIMIT, Family
from fluxdesk.emulator.images import render_result
from fluxdesk.emulator.replies import ApiError, Reply, blob_error, status_reply
from fluxdesk.emulator.tasks import DEFAULT_DETAILS, Clock, Task, TaskList, TaskStatus
from fluxdesk.emulator.validation import ValidatedRequest

RESULT_LIFETIME = 600.0  # "delivery URLs expire after 10 minutes"
SAS_VERSION = "2024-11-04"
MODERATE_REQUEST = "[moderate-request]"
MODERATE_CONTENT = "[moderate-content]"
FAIL = "[error]"


@dataclass(slots=True)
class _Account:
    credits: float
    revoked: bool = False


class EmulatorState:
    """Thread-safe; every public method may be called from any handler thread."""

    def __init__(
        self,
        *,
        clock: Clock,
        latency: float,
        min_polls: int,
        initial_credits: float,
        extra_statuses: bool,
    ) -> None:
        self.clock = clock
        self.latency, self.min_polls = latency, min_polls
        self.initial_credits = initial_credits
        self.extra_statuses = extra_statuses
        # Set by the server once its listeners have ports.
        self.delivery_base = ""
        self._lock = threading.Lock()
        self._accounts: dict[str, _Account] = {}
        self._tasks: dict[str, Task] = {}
        self._by_sample: dict[str, Task] = {}
        self._secret = secrets.token_bytes(32)
        self._seeds = random.SystemRandom()

    # --- Accounts ------------------------------------------------------------------------------

    def authenticate(self, key: str | None) -> str:
        """The key if it may use the API (new keys get an account); else a 403."""
        with self._lock:
            account = self._accounts.get(key) if key else None
            if not key or (account is not None and account.revoked):
                raise ApiError(status_reply(403))
            if account is None:
                self._accounts[key] = _Account(self.initial_credits)
            return key

    def add_key(self, key: str, credits: float | None = None) -> None:
        with self._lock:
            self._accounts[key] = _Account(self.initial_credits if credits is None else credits)

    def revoke_key(self, key: str) -> None:
        with self._lock:
            self._accounts.setdefault(key, _Account(0.0)).revoked = True

    def credits_of(self, key: str) -> float:
        """The key's balance; a key never seen yet has the ``initial_credits`` it would get."""
        with self._lock:
            account = self._accounts.get(key)
            return self.initial_credits if account is None else account.credits

    def set_credits(self, key: str, value: float) -> None:
        with self._lock:
            self._accounts.setdefault(key, _Account(value)).credits = value

    # --- Tasks ---------------------------------------------------------------------------------

    def submit(self, key: str, request: ValidatedRequest) -> Task:
        """Charges and creates a task; 402 or 429 (nothing charged) when it may not."""
        seed = request.seed if request.seed is not None else self._seeds.randrange(1, 2**32)
        input_px = [image.pixels for image in request.images]
        cost = pricing.cost(request.spec, request.width * request.height, input_px)
        with self._lock:
            now = self.clock.now()
            account = self._accounts[key]
            if account.credits < cost:
                raise ApiError(status_reply(402))
            limit = request.spec.concurrency
            active = [t for t in self._tasks.values() if t.key == key and not self._refresh(t, now)]
            same_model = sum(1 for t in active if t.model == request.spec.slug)
            if len(active) >= ACTIVE_TASK_LIMIT or (limit is not None and same_model >= limit):
                raise ApiError(status_reply(429))
            account.credits = round(account.credits - cost, 4)
            task = Task(str(uuid.uuid4()), request, key, seed, cost, now, self.clock.wall())
            prompt = request.prompt
            if MODERATE_REQUEST in prompt:
                self._end(task, TaskStatus.request_moderated, None)
            elif MODERATE_CONTENT in prompt:
                task.ending = TaskStatus.content_moderated
            elif FAIL in prompt:
                task.ending = TaskStatus.error
            self._tasks[task.id] = task
            self._by_sample[task.sample_id] = task
            return task

    def find(self, task_id: str) -> Task | None:
        with self._lock:
            return self._tasks.get(task_id)

    def find_sample(self, sample_id: str) -> Task | None:
        with self._lock:
            return self._by_sample.get(sample_id)

    def poll(self, task_id: str) -> dict[str, Any]:
        """The ``get_result`` body; counts the poll."""
        with self._lock:
            task = self._tasks.get(task_id)
            if task is None:
                return not_found_body(task_id)
            task.polls += 1
            now = self.clock.now()
            self._refresh(task, now)
            return self._body(task, now)

    def force(self, task_id: str, status: str, details: dict[str, Any] | None) -> dict[str, Any]:
        """A poll that reports ``status``; terminal failures stick, ``Ready`` readies the task."""
        with self._lock:
            task = self._tasks.get(task_id)
            if task is None:
                return _body(task_id, status, details=details)
            task.polls += 1
            now = self.clock.now()
            live = not self._refresh(task, now)
            try:
                forced: TaskStatus | None = TaskStatus(status)
            except ValueError:
                forced = None  # e.g. "Reasoning": reported as is
            if live and forced is TaskStatus.ready:
                self._ready(task, now)
            elif live and forced is not None and forced.is_terminal:
                self._end(task, forced, details)
            else:
                show = live and forced is not TaskStatus.not_found
                progress = self._progress(task, now) if show else None
                return _body(task.id, status, progress=progress, details=details)
            return self._body(task, now)

    def result_without_sample(self, task: Task) -> dict[str, Any]:
        with self._lock:
            result = {"prompt": task.prompt, "seed": task.seed, "start_time": task.start_wall}
            return _body(task.id, TaskStatus.ready, result=result)

    def views(self) -> TaskList:
        with self._lock:
            now = self.clock.now()
            for task in self._tasks.values():
                self._refresh(task, now)
            return TaskList([t.view() for t in self._tasks.values()])

    def snapshot(self) -> dict[str, Any]:
        tasks = [asdict(view) for view in self.views()]
        with self._lock:
            credits = {k: a.credits for k, a in self._accounts.items() if not a.revoked}
            revoked = sorted(k for k, a in self._accounts.items() if a.revoked)
        return {"tasks": tasks, "credits": credits, "revoked": revoked, "clock": self.clock.offset}

    # --- Delivery ------------------------------------------------------------------------------

    def open_result(self, sample_id: str, filename: str, query: dict[str, str]) -> Task:
        """The task whose result this signed URL names; 404 or 403 as the blob store answers."""
        with self._lock:
            task = self._by_sample.get(sample_id)
            if task is None or task.status is not TaskStatus.ready or filename != task.filename:
                raise ApiError(
                    blob_error(404, "BlobNotFound", "The specified blob does not exist.")
                )
            expected = self._signature(task.sample_id, task.filename, query.get("se", ""))
            if not hmac.compare_digest(expected, query.get("sig", "")):
                message = "Server failed to authenticate the request. Signature did not match."
                raise ApiError(blob_error(403, "AuthenticationFailed", message))
            if task.expires_at is None or self.clock.now() >= task.expires_at:
                raise ApiError(expired_reply())
            return task

    def result_bytes(self, task: Task) -> bytes:
        """The encoded result, rendered on first use; the state lock is not held meanwhile."""
        with task.render_lock:
            if task.image is None:
                task.image = render_result(task.request, task.seed)
            return task.image

    # --- Inside the lock -----------------------------------------------------------------------

    def _refresh(self, task: Task, now: float) -> bool:
        """Moves a live task on if its time has come; True once it is terminal."""
        if task.status.is_terminal:
            return True
        if now - task.created_at >= self.latency and task.polls >= self.min_polls:
            if task.ending is TaskStatus.ready:
                self._ready(task, now)
            else:
                self._end(task, task.ending, None)
            return True
        if (
            self.extra_statuses
            and task.request.spec.family is Family.flux2
            and self._progress(task, now) >= 0.5
        ):
            task.status = TaskStatus.generating
        return False

    def _progress(self, task: Task, now: float) -> float:
        by_time = (now - task.created_at) / self.latency if self.latency > 0 else 1.0
        by_polls = task.polls / self.min_polls if self.min_polls > 0 else 1.0
        return round(min(by_time, by_polls, 0.99), 2)

    def _ready(self, task: Task, now: float) -> None:
        task.status = TaskStatus.ready
        task.end_wall = self.clock.wall()
        task.expires_at = now + RESULT_LIFETIME
        expiry = datetime.fromtimestamp(task.end_wall + RESULT_LIFETIME, tz=UTC)
        task.expiry = expiry.strftime("%Y-%m-%dT%H:%M:%SZ")

    def _end(self, task: Task, status: TaskStatus, details: dict[str, Any] | None) -> None:
        task.status = status
        task.details = details if details is not None else DEFAULT_DETAILS.get(status)
        task.end_wall = self.clock.wall()
        if not task.refunded:  # moderated and failed tasks are not charged
            task.refunded = True
            account = self._accounts[task.key]
            account.credits = round(account.credits + task.cost, 4)

    def _body(self, task: Task, now: float) -> dict[str, Any]:
        if task.status is TaskStatus.ready:
            assert task.end_wall is not None
            result = {
                "sample": self._sample_url(task),
                "prompt": task.prompt,
                "seed": task.seed,
                "start_time": task.start_wall,
                "end_time": task.end_wall,
                "duration": round(task.end_wall - task.start_wall, 3),
            }
            return _body(task.id, task.status, result=result)
        if task.status.is_terminal:
            return _body(task.id, task.status, details=task.details)
        return _body(task.id, task.status, progress=self._progress(task, now))

    def _sample_url(self, task: Task) -> str:
        sig = self._signature(task.sample_id, task.filename, task.expiry)
        query = f"se={quote(task.expiry, safe='')}&sp=r&sv={SAS_VERSION}&sr=b&sig={sig}"
        return f"{self.delivery_base}/results/{task.sample_id}/{task.filename}?{query}"

    def _signature(self, sample_id: str, filename: str, expiry: str) -> str:
        message = f"{sample_id}/{filename}\n{expiry}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()


def expired_reply() -> Reply:
    message = "Server failed to authenticate the request. Signed expiry time has passed."
    return blob_error(403, "AuthenticationFailed", message)


def not_found_body(task_id: str) -> dict[str, Any]:
    return _body(task_id, TaskStatus.not_found)


def _body(
    task_id: str,
    status: str,
    *,
    result: dict[str, Any] | None = None,
    progress: float | None = None,
    details: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "id": task_id,
        "status": str(status),
        "result": result,
        "progress": progress,
        "details": details,
        "preview": None,
    }
