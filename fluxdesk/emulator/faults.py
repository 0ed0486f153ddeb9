"""Scripted misbehaviour: one ``Fault`` says which requests to spoil, and how.

Every emulator (BFL, fal.ai, ComfyUI) scripts faults the same way; each has its ``Fault`` class
(``Fault``, ``FalFault``, ``ComfyFault``) that differs only in which actions apply at which
stage (its ``RULES``), and shares ``FaultBook`` and ``Waiter``.

A fault applies at one stage (``submit``, ``poll``, ``download`` or ``credits``) to the requests
that match its filters (``key``, ``prompt_contains``, ``model``; on poll and download these are
the task's), after letting ``skip`` matching requests through, for ``times`` requests (None: all
of them). Faults are tried in the order they were scripted; the first that applies wins. ``skip``
counts every matching request, caught by another fault or not, so ``skip=2, times=1`` spoils
exactly the third matching request.

Actions (what each does to the request it catches):

- ``status``: answer ``status`` (default 500) with ``body``/``headers`` or BFL's usual body for
  that code (402 insufficient credits, 403 not authenticated, 429 with ``Retry-After: 1``). The
  request is not processed: no task, no charge, no poll counted.
- ``task_status`` (poll): report ``task_status`` with ``details``. ``Request Moderated``,
  ``Content Moderated`` and ``Error`` make the task end that way (refunded); ``Ready`` makes it
  ready now; anything else (``Task not found``, ``Generating``...) is reported once, not kept.
- ``malformed``: a non-JSON HTML error page, HTTP 200 unless ``status`` says otherwise; nothing
  is processed.
- ``wrong_shape``: processed normally, then the answer loses its key field (``polling_url`` on
  submit, ``status`` on poll, ``credits`` on credits), or ``body`` is sent instead.
- ``drop``: processed normally (a submit creates and charges the task), then the connection is
  closed without an answer: the ambiguous case a client must not blindly retry.
- ``hang``: nothing is processed and nothing answered until ``seconds`` pass (default: until
  ``release_hangs()`` or ``stop()``); then the connection is closed.
- ``delay``: wait ``seconds`` (real time), then process and answer normally.
- ``truncate`` / ``corrupt`` / ``slow`` / ``expire`` (download): half the bytes under the full
  Content-Length then close; garbage bytes labelled as the image; the bytes trickled over
  ``seconds``; the 403 an expired link gets.
- ``ready_without_sample`` (poll): says ``Ready`` with a result that has no ``sample``.
- ``interrupt`` (fal poll/result, ComfyUI poll): the job ends part-way, as when its worker is
  lost (fal) or someone presses Cancel on the server (ComfyUI).
- ``missing_output`` (fal result, ComfyUI poll): the job ends "successfully" with no image.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from typing import Any, ClassVar


class FaultStage(StrEnum):
    submit = "submit"
    poll = "poll"
    download = "download"
    credits = "credits"
    result = "result"  # fal: GET of the response URL
    upload = "upload"  # ComfyUI: POST /upload/image
    cancel = "cancel"  # fal: PUT cancel; ComfyUI: POST /interrupt


class FaultAction(StrEnum):
    status = "status"
    task_status = "task_status"
    malformed = "malformed"
    wrong_shape = "wrong_shape"
    drop = "drop"
    hang = "hang"
    delay = "delay"
    truncate = "truncate"
    corrupt = "corrupt"
    slow = "slow"
    expire = "expire"
    ready_without_sample = "ready_without_sample"
    interrupt = "interrupt"
    missing_output = "missing_output"


_EVERYWHERE = {FaultAction.status, FaultAction.malformed, FaultAction.drop, FaultAction.hang}
_EVERYWHERE |= {FaultAction.delay}
ALLOWED_ACTIONS: dict[FaultStage, frozenset[FaultAction]] = {
    FaultStage.submit: frozenset(_EVERYWHERE | {FaultAction.wrong_shape}),
    FaultStage.credits: frozenset(_EVERYWHERE | {FaultAction.wrong_shape}),
    FaultStage.poll: frozenset(
        _EVERYWHERE
        | {FaultAction.wrong_shape, FaultAction.task_status, FaultAction.ready_without_sample}
    ),
    FaultStage.download: frozenset(
        _EVERYWHERE
        | {FaultAction.truncate, FaultAction.corrupt, FaultAction.slow, FaultAction.expire}
    ),
}
_DOWNLOAD = ALLOWED_ACTIONS[FaultStage.download]
_ENDINGS = {FaultAction.interrupt, FaultAction.missing_output}
FAL_ACTIONS: dict[FaultStage, frozenset[FaultAction]] = {
    FaultStage.submit: frozenset(_EVERYWHERE | {FaultAction.wrong_shape}),
    FaultStage.poll: frozenset(_EVERYWHERE | {FaultAction.wrong_shape, FaultAction.interrupt}),
    FaultStage.result: frozenset(_EVERYWHERE | _ENDINGS),
    FaultStage.download: _DOWNLOAD,
    FaultStage.cancel: frozenset(_EVERYWHERE),
}
COMFY_ACTIONS: dict[FaultStage, frozenset[FaultAction]] = {
    FaultStage.submit: frozenset(_EVERYWHERE | {FaultAction.wrong_shape}),
    FaultStage.upload: frozenset(_EVERYWHERE),
    FaultStage.poll: frozenset(_EVERYWHERE | _ENDINGS),
    FaultStage.download: _DOWNLOAD,
    FaultStage.cancel: frozenset(_EVERYWHERE),
}


@dataclass(frozen=True, slots=True)
class Fault:
    """A fault for the BFL emulator; its subclasses script the other emulators."""

    RULES: ClassVar[dict[FaultStage, frozenset[FaultAction]]] = ALLOWED_ACTIONS

    stage: FaultStage | str
    action: FaultAction | str
    status: int | None = None
    body: dict[str, Any] | None = None
    headers: dict[str, str] | None = None
    task_status: str | None = None
    details: dict[str, Any] | None = None
    seconds: float | None = None
    times: int | None = None
    skip: int = 0
    key: str | None = None
    prompt_contains: str | None = None
    model: str | None = None

    def __post_init__(self) -> None:
        try:
            stage, action = FaultStage(self.stage), FaultAction(self.action)
        except ValueError as err:
            raise ValueError(f"unknown fault stage or action: {err}") from None
        if action not in self.RULES.get(stage, ()):
            raise ValueError(f"action {action!r} does not apply at stage {stage!r}")
        object.__setattr__(self, "stage", stage)
        object.__setattr__(self, "action", action)
        if action is FaultAction.task_status and not self.task_status:
            raise ValueError("a task_status fault needs task_status")
        if action in (FaultAction.delay, FaultAction.slow) and self.seconds is None:
            raise ValueError(f"a {action} fault needs seconds")
        if self.seconds is not None and self.seconds < 0:
            raise ValueError("seconds must not be negative")
        if self.times is not None and self.times < 1:
            raise ValueError("times must be at least 1 (None means every matching request)")
        if self.skip < 0:
            raise ValueError("skip must not be negative")
        if self.status is not None and not 100 <= self.status <= 599:
            raise ValueError("status must be an HTTP status code")

    @classmethod
    def from_json(cls, data: Any) -> Fault:
        """A fault from its JSON form, as posted to ``/_emulator/faults``; ValueError if bad."""
        if not isinstance(data, dict):
            raise ValueError("a fault is a JSON object")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown fault fields: {', '.join(unknown)}")
        try:
            return cls(**data)
        except TypeError as err:
            raise ValueError(str(err)) from None

    @classmethod
    def of(cls, fault: Fault) -> Fault:
        """`fault` as this emulator's kind of fault (ValueError if it does not apply here)."""
        return fault if type(fault) is cls else cls.from_json(fault.to_json())

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def matches(self, key: str | None, prompt: str | None, model: str | None) -> bool:
        if self.key is not None and self.key != key:
            return False
        if self.model is not None and self.model != model:
            return False
        return self.prompt_contains is None or (
            prompt is not None and self.prompt_contains in prompt
        )


@dataclass(frozen=True, slots=True)
class FalFault(Fault):
    """A fault for the fal.ai emulator (stages submit, poll, result, download, cancel)."""

    RULES: ClassVar[dict[FaultStage, frozenset[FaultAction]]] = FAL_ACTIONS


@dataclass(frozen=True, slots=True)
class ComfyFault(Fault):
    """A fault for the ComfyUI emulator (stages submit, upload, poll, download, cancel)."""

    RULES: ClassVar[dict[FaultStage, frozenset[FaultAction]]] = COMFY_ACTIONS


@dataclass(slots=True)
class _Entry:
    fault: Fault
    passed: int = 0
    fired: int = 0


class FaultBook:
    """The scripted faults of one emulator; safe to use from every handler thread."""

    def __init__(self) -> None:
        self._entries: list[_Entry] = []
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._entries.append(_Entry(fault))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def pending(self) -> list[Fault]:
        with self._lock:
            return [e.fault for e in self._entries]

    def take(
        self, stage: FaultStage, *, key: str | None, prompt: str | None, model: str | None
    ) -> Fault | None:
        """The fault that applies to this request, counting it as used; None if none does.

        Every matching fault still in its ``skip`` phase counts the request as let through,
        even when an earlier fault catches it: ``skip`` is a position in the request sequence.
        """
        chosen: _Entry | None = None
        with self._lock:
            for entry in self._entries:
                fault = entry.fault
                if fault.stage is not stage or not fault.matches(key, prompt, model):
                    continue
                if entry.passed < fault.skip:
                    entry.passed += 1
                elif chosen is None:
                    chosen = entry
            if chosen is None:
                return None
            chosen.fired += 1
            if chosen.fault.times is not None and chosen.fired >= chosen.fault.times:
                self._entries.remove(chosen)
            return chosen.fault


class Waiter:
    """The only waiting the emulator does, for ``hang``, ``delay`` and ``slow`` faults.

    Waits are ``threading.Event`` waits: they end early on ``release_hangs()`` (hangs) or
    ``stop()`` (everything), so no handler thread outlives the server.
    """

    def __init__(self) -> None:
        self._stopping = threading.Event()
        self._release = threading.Event()
        self._changed = threading.Condition()
        self._hanging = 0

    def hang(self, seconds: float | None) -> None:
        with self._changed:
            if self._stopping.is_set():
                return
            release = self._release
            self._hanging += 1
            self._changed.notify_all()
        try:
            release.wait(seconds)
        finally:
            with self._changed:
                self._hanging -= 1
                self._changed.notify_all()

    def wait_for_hangs(self, count: int, timeout: float) -> bool:
        """Blocks until ``count`` requests are held by hang faults; False on timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: self._hanging >= count, timeout)

    def pause(self, seconds: float) -> bool:
        """Waits ``seconds``; False if the emulator is stopping (the caller should give up)."""
        return not self._stopping.wait(seconds)

    def release_hangs(self) -> None:
        with self._changed:
            released, self._release = self._release, threading.Event()
        released.set()

    def stop(self) -> None:
        self._stopping.set()
        self.release_hangs()
