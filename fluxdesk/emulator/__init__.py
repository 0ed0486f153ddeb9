"""FluxDesk's own emulator of the Black Forest Labs FLUX API, for tests and demo mode.

Qt-free, stdlib + Pillow only, loopback HTTP. It speaks the protocol of ``shared/bfl-api.md``:
``x-key`` auth (any non-empty key gets an account with ``initial_credits``), submit to
``/v1/<model>``, poll ``polling_url`` until ``Ready``, download the signed ``result.sample`` URL
from a separate delivery listener within 10 minutes (of emulator clock). Request bodies are
validated against BFL's OpenAPI schema, vendored as ``bfl-openapi.json`` beside this file, with
FastAPI/pydantic-style 422 bodies. Results are real JPEG/PNG/WebP pictures, deterministic per
(seed, inputs, prompt).

Prompt triggers, for the demo and for tests that need an outcome without scripting a fault:

- ``[moderate-request]`` in the prompt: the task is ``Request Moderated`` from its first poll
  (``details: {"Moderation Reasons": ["Derivative Works Filter"]}``, ``result: null``);
- ``[moderate-content]``: ``Content Moderated`` when it would have become ready;
- ``[error]``: ``Error`` when it would have become ready.

All three are refunded. Misbehaviour (HTTP errors, dropped or hung connections, malformed or
lying answers, truncated, corrupt or slow downloads) is scripted per test with ``Fault``; see
``fluxdesk.emulator.faults``. Example::

    server = start_emulator(port=0, latency=0.0, min_polls=2)
    server.script(Fault(stage="poll", action="status", status=503, times=1))
    ...
    server.stop()
"""

from __future__ import annotations

from fluxdesk.emulator.faults import Fault, FaultAction, FaultStage
from fluxdesk.emulator.listeners import RecordedRequest
from fluxdesk.emulator.server import EmulatorServer, serve, start_emulator
from fluxdesk.emulator.tasks import Clock, TaskList, TaskStatus, TaskView

__all__ = [
    "Clock",
    "EmulatorServer",
    "Fault",
    "FaultAction",
    "FaultStage",
    "RecordedRequest",
    "TaskList",
    "TaskStatus",
    "TaskView",
    "serve",
    "start_emulator",
]
