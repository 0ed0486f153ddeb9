"""The ComfyUI emulator's queue: prompts, uploaded inputs, saved outputs and history.

A prompt waits in ``queue_pending`` until it is first looked at, runs (sending ``progress``
over its client's socket) until ``latency`` seconds of emulator clock have passed and it was
looked at ``min_polls`` times, then lands in the history with its saved image. Like the BFL
emulator, nothing runs in the background: states move on whenever a prompt is looked at.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from fluxdesk.emulator.comfy.nodes import Plan, kontext_size
from fluxdesk.emulator.images import render_picture, source_size
from fluxdesk.emulator.tasks import Clock


@dataclass(eq=False)
class Prompt:
    id: str
    number: int
    graph: dict[str, Any]
    plan: Plan
    client_id: str | None
    created_at: float
    looks: int = 0
    state: str = "pending"  # pending, running, success, error
    ending: str = "success"  # success, interrupted, missing_output
    messages: list[list[Any]] = field(default_factory=list)
    outputs: dict[str, Any] = field(default_factory=dict)


class ComfyQueue:
    """Thread-safe. `send(client_id, message)` pushes a websocket message to a client."""

    def __init__(self, clock: Clock, latency: float, min_polls: int, send: Any) -> None:
        self.clock, self.latency, self.min_polls = clock, latency, min_polls
        self._send = send
        self._lock = threading.Lock()
        self._prompts: dict[str, Prompt] = {}
        self._numbers = itertools.count()
        self.inputs: dict[str, bytes] = {}
        self.outputs: dict[tuple[str, str], bytes] = {}  # (subfolder, filename) -> bytes
        self._saved = itertools.count(1)

    def upload(self, name: str, data: bytes, overwrite: bool) -> str:
        with self._lock:
            stem, dot, ext = name.rpartition(".")
            final, n = name, 1
            while not overwrite and final in self.inputs and self.inputs[final] != data:
                final, n = f"{stem} ({n}){dot}{ext}", n + 1
            self.inputs[final] = data
            return final

    def queue(self, graph: dict[str, Any], plan: Plan, client_id: str | None) -> Prompt:
        prompt = Prompt(
            str(uuid.uuid4()), next(self._numbers), graph, plan, client_id, self.clock.now()
        )
        with self._lock:
            self._prompts[prompt.id] = prompt
        return prompt

    def find(self, prompt_id: str) -> Prompt | None:
        with self._lock:
            return self._prompts.get(prompt_id)

    def look(self, prompt: Prompt) -> None:
        """One look (a history or queue check) at a live prompt: it may move on."""
        with self._lock:
            if prompt.state in ("success", "error"):
                return
            prompt.looks += 1
            elapsed = self.clock.now() - prompt.created_at
            by_time = elapsed / self.latency if self.latency > 0 else 1.0
            by_looks = prompt.looks / self.min_polls if self.min_polls > 0 else 1.0
            done = min(by_time, by_looks)
            if prompt.state == "pending":
                prompt.state = "running"
                self._event(prompt, "execution_start", {})
            if done >= 1.0:
                self._finish(prompt)
            else:
                value = max(1, int(done * prompt.plan.steps))
                self._send(
                    prompt.client_id,
                    {
                        "type": "progress",
                        "data": {
                            "value": value,
                            "max": prompt.plan.steps,
                            "prompt_id": prompt.id,
                            "node": prompt.plan.sampler_node,
                        },
                    },
                )

    def end(self, prompt: Prompt, ending: str) -> None:
        """Ends a live prompt now: ``interrupted`` or ``missing_output`` (a fault, /interrupt)."""
        with self._lock:
            if prompt.state in ("success", "error"):
                return
            prompt.ending = ending
            self._finish(prompt)

    def delete(self, prompt_id: str) -> None:
        with self._lock:
            prompt = self._prompts.get(prompt_id)
            if prompt is not None and prompt.state == "pending":
                del self._prompts[prompt_id]

    def interrupt_running(self, prompt_id: str | None) -> None:
        with self._lock:
            running = [p for p in self._prompts.values() if p.state == "running"]
            for prompt in running:
                if prompt_id in (None, prompt.id):
                    prompt.ending = "interrupted"
                    self._finish(prompt)

    def _event(self, prompt: Prompt, kind: str, extra: dict[str, Any]) -> None:
        data = {"prompt_id": prompt.id, "timestamp": int(time.time() * 1000), **extra}
        prompt.messages.append([kind, data])
        self._send(prompt.client_id, {"type": kind, "data": data})

    def _finish(self, prompt: Prompt) -> None:
        plan = prompt.plan
        if prompt.ending == "interrupted":
            prompt.state = "error"
            self._event(
                prompt,
                "execution_interrupted",
                {"node_id": plan.sampler_node, "node_type": "KSampler", "executed": []},
            )
        else:
            prompt.state = "success"
            if prompt.ending == "success":
                prompt.outputs = {plan.save_node: {"images": [self._save(prompt)]}}
            self._event(prompt, "execution_success", {})
        self._send(
            prompt.client_id,
            {"type": "executing", "data": {"node": None, "prompt_id": prompt.id}},
        )

    def _save(self, prompt: Prompt) -> dict[str, str]:
        plan = prompt.plan
        source = self.inputs.get(plan.image) if plan.image else None
        size = plan.size or (kontext_size(*source_size(source)) if source else (1024, 1024))
        data = render_picture(plan.prompt, plan.seed, source, size, "png")
        folder, _, stem = plan.filename_prefix.rpartition("/")
        filename = f"{stem or 'ComfyUI'}_{next(self._saved):05d}_.png"
        self.outputs[(folder, filename)] = data
        return {"filename": filename, "subfolder": folder, "type": "output"}

    def history(self, prompt: Prompt) -> dict[str, Any]:
        with self._lock:
            if prompt.state not in ("success", "error"):
                return {}
            return {
                prompt.id: {
                    "prompt": [prompt.number, prompt.id, prompt.graph, {}, [prompt.plan.save_node]],
                    "outputs": json.loads(json.dumps(prompt.outputs)),
                    "status": {
                        "status_str": prompt.state,
                        "completed": prompt.state == "success",
                        "messages": list(prompt.messages),
                    },
                    "meta": {},
                }
            }

    def queue_lists(self) -> dict[str, list[list[Any]]]:
        with self._lock:

            def row(p: Prompt) -> list[Any]:
                return [p.number, p.id, p.graph, {"client_id": p.client_id}, [p.plan.save_node]]

            live = sorted(self._prompts.values(), key=lambda p: p.number)
            return {
                "queue_running": [row(p) for p in live if p.state == "running"],
                "queue_pending": [row(p) for p in live if p.state == "pending"],
            }

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return [
                {"id": p.id, "state": p.state, "prompt": p.plan.prompt, "looks": p.looks}
                for p in self._prompts.values()
            ]
