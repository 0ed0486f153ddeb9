"""The fal.ai emulator's memory: requests in the queue, their status over the emulator's clock,
and their results. Thread-safe; statuses move on lazily whenever a request is looked at.

A request is IN_QUEUE until it is first polled, IN_PROGRESS (with "step k/28" logs) until
``latency`` seconds of emulator clock have passed and it was polled ``min_polls`` times, then
COMPLETED. ``[nsfw]`` in the prompt flags the result (``has_nsfw_concepts``).
"""

from __future__ import annotations

import base64
import binascii
import math
import random
import re
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any

from fluxdesk.emulator.images import render_picture, source_size
from fluxdesk.emulator.tasks import Clock

STEPS = 28
NSFW = "[nsfw]"
ASPECT_RATIOS = ("21:9", "16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16", "9:21")
_DATA_URI = re.compile(r"^data:image/[a-z+.-]+;base64,(.*)$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class App:
    id: str  # e.g. "fal-ai/flux-pro/kontext/max"
    images: str  # "one" (image_url), "many" (image_urls) or "none"

    @property
    def queue_prefix(self) -> str:
        """Status, result and cancel URLs use only the owner and the app."""
        owner, app = self.id.split("/")[:2]
        return f"/{owner}/{app}"


def _apps() -> dict[str, App]:
    found: dict[str, App] = {}
    for base in ("fal-ai/flux-pro/kontext", "fal-ai/flux-pro/kontext/max"):
        found[base] = App(base, "one")
        found[f"{base}/text-to-image"] = App(f"{base}/text-to-image", "none")
        found[f"{base}/multi"] = App(f"{base}/multi", "many")
    found["fal-ai/flux-kontext/dev"] = App("fal-ai/flux-kontext/dev", "one")
    for text_only in ("fal-ai/flux-pro/v1.1", "fal-ai/flux/dev"):
        found[text_only] = App(text_only, "none")
    return found


APPS = _apps()


class Rejected(Exception):
    """A 422: (field, message) pairs as fal's FastAPI answers them."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(problems)
        self.problems = problems

    def to_json(self) -> dict[str, Any]:
        return {
            "detail": [
                {"loc": ["body", name], "msg": msg, "type": "value_error"}
                for name, msg in self.problems
            ]
        }


def _decode(uri: Any, name: str) -> bytes:
    match = _DATA_URI.match(uri) if isinstance(uri, str) else None
    if match is None:
        raise Rejected([(name, "the emulator takes images as data URIs only")])
    try:
        data = base64.b64decode(match.group(1), validate=True)
        source_size(data)
    except (binascii.Error, ValueError) as err:
        raise Rejected([(name, f"not a readable image ({err})")]) from None
    return data


def _number(body: dict[str, Any], name: str, low: float, high: float, whole: bool) -> list:
    value = body.get(name)
    if value is None:
        return []
    ok = isinstance(value, int if whole else int | float) and not isinstance(value, bool)
    if not ok or not low <= value <= high:
        return [(name, f"must be a {'whole ' if whole else ''}number from {low:g} to {high:g}")]
    return []


def validate(app: App, body: Any) -> tuple[str, list[bytes]]:
    """(prompt, input images) of a valid body; Rejected otherwise."""
    if not isinstance(body, dict):
        raise Rejected([("", "the body must be a JSON object")])
    problems: list[tuple[str, str]] = []
    prompt = body.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        problems.append(("prompt", "Field required"))
    problems += _number(body, "guidance_scale", 1, 20, False)
    problems += _number(body, "num_inference_steps", 1, 50, True)
    problems += _number(body, "num_images", 1, 4, True)
    if "seed" in body and (not isinstance(body["seed"], int) or isinstance(body["seed"], bool)):
        problems.append(("seed", "must be a whole number"))
    if body.get("safety_tolerance") not in (None, "1", "2", "3", "4", "5", "6"):
        problems.append(("safety_tolerance", "must be one of '1' … '6' (a string)"))
    if body.get("output_format") not in (None, "jpeg", "png"):
        problems.append(("output_format", "must be 'jpeg' or 'png'"))
    if body.get("aspect_ratio") not in (None, *ASPECT_RATIOS):
        problems.append(("aspect_ratio", "must be one of " + ", ".join(ASPECT_RATIOS)))
    size = body.get("image_size")
    if size is not None and not (
        isinstance(size, dict)
        and all(
            isinstance(size.get(k), int) and 64 <= size[k] <= 14142 for k in ("width", "height")
        )
    ):
        problems.append(("image_size", "must be {width, height} in pixels"))
    images: list[bytes] = []
    try:
        if app.images == "one":
            images = [_decode(body.get("image_url"), "image_url")]
        elif app.images == "many":
            urls = body.get("image_urls")
            if not isinstance(urls, list) or not urls:
                raise Rejected([("image_urls", "Field required")])
            images = [_decode(url, "image_urls") for url in urls]
    except Rejected as err:
        problems += err.problems
    if problems:
        raise Rejected(problems)
    return str(prompt), images


def _fit(aspect: float) -> tuple[int, int]:
    width = math.sqrt(1024 * 1024 * aspect)
    return max(32, round(width / 32) * 32), max(32, round(width / aspect / 32) * 32)


@dataclass(eq=False)
class FalRequest:
    id: str
    app: App
    key: str
    prompt: str
    body: dict[str, Any]
    images: list[bytes]
    seed: int
    created_at: float
    polls: int = 0
    cancelled: bool = False
    interrupted: bool = False
    image: bytes | None = None
    render_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def output_format(self) -> str:
        return str(self.body.get("output_format") or "jpeg")

    @property
    def size(self) -> tuple[int, int]:
        size = self.body.get("image_size")
        if isinstance(size, dict):
            return int(size["width"]), int(size["height"])
        ratio = self.body.get("aspect_ratio")
        if isinstance(ratio, str):
            w, h = ratio.split(":")
            return _fit(int(w) / int(h))
        if self.images:
            w, h = source_size(self.images[0])
            return _fit(w / h)
        return (1024, 1024) if "kontext" in self.app.id else (1024, 768)


class FalJobs:
    def __init__(self, clock: Clock, latency: float, min_polls: int) -> None:
        self.clock, self.latency, self.min_polls = clock, latency, min_polls
        self._lock = threading.Lock()
        self._requests: dict[str, FalRequest] = {}
        self._revoked: set[str] = set()
        self._seeds = random.SystemRandom()

    def authenticate(self, header: str | None) -> str | None:
        """The key of an ``Authorization: Key <key>`` header, or None if refused."""
        scheme, _, key = (header or "").partition(" ")
        key = key.strip()
        with self._lock:
            return key if scheme == "Key" and key and key not in self._revoked else None

    def revoke_key(self, key: str) -> None:
        with self._lock:
            self._revoked.add(key)

    def submit(
        self, app: App, key: str, prompt: str, body: dict, images: list[bytes]
    ) -> FalRequest:
        seed = body.get("seed")
        seed = seed if isinstance(seed, int) else self._seeds.randrange(1, 2**32)
        request = FalRequest(
            str(uuid.uuid4()), app, key, prompt, body, images, seed, self.clock.now()
        )
        with self._lock:
            self._requests[request.id] = request
        return request

    def find(self, request_id: str) -> FalRequest | None:
        with self._lock:
            return self._requests.get(request_id)

    def status(self, request: FalRequest, *, count: bool = True) -> tuple[str, float]:
        """(IN_QUEUE | IN_PROGRESS | COMPLETED, progress); counts a poll when asked to."""
        with self._lock:
            if count:
                request.polls += 1
            if request.cancelled or request.interrupted:
                return "COMPLETED", 1.0
            elapsed = self.clock.now() - request.created_at
            by_time = elapsed / self.latency if self.latency > 0 else 1.0
            by_polls = request.polls / self.min_polls if self.min_polls > 0 else 1.0
            progress = min(by_time, by_polls)
            if progress >= 1.0:
                return "COMPLETED", 1.0
            return ("IN_QUEUE" if request.polls <= 1 else "IN_PROGRESS"), progress

    def mark(self, request: FalRequest, *, cancelled: bool = False, interrupted: bool = False):
        with self._lock:
            request.cancelled = request.cancelled or cancelled
            request.interrupted = request.interrupted or interrupted

    def result_bytes(self, request: FalRequest) -> bytes:
        with request.render_lock:
            if request.image is None:
                source = request.images[0] if request.images else None
                request.image = render_picture(
                    request.prompt, request.seed, source, request.size, request.output_format
                )
            return request.image

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return [
                {"id": r.id, "app": r.app.id, "prompt": r.prompt, "polls": r.polls}
                for r in self._requests.values()
            ]
