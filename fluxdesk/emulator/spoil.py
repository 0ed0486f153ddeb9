"""How a scripted fault changes an answer, the same way on every emulator's routes.

``before`` gives the answer that replaces normal handling (``status``, ``malformed``, ``expire``,
``hang``, ``delay``); ``after`` changes the normal answer (``drop``, ``wrong_shape``);
``delivered`` spoils an image download (``corrupt``, ``truncate``, ``slow``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from fluxdesk.emulator.faults import Fault, FaultAction, Waiter
from fluxdesk.emulator.replies import (
    Reply,
    Transport,
    dropped,
    html_page,
    json_reply,
    status_reply,
)


def before(fault: Fault | None, waiter: Waiter, expired: Callable[[], Reply]) -> Reply | None:
    """The answer that replaces normal handling, if the fault calls for one."""
    if fault is None:
        return None
    action = fault.action
    if action is FaultAction.status:
        return status_reply(fault.status or 500, fault.body, fault.headers)
    if action is FaultAction.malformed:
        return html_page(fault.status or 200)
    if action is FaultAction.expire:
        return expired()
    if action is FaultAction.hang:
        waiter.hang(fault.seconds)
        return dropped()
    if action is FaultAction.delay and not waiter.pause(fault.seconds or 0):
        return dropped()  # stopping: nobody is waiting for this answer any more
    return None


def after(fault: Fault | None, reply: Reply, key_field: str) -> Reply:
    if fault is None:
        return reply
    if fault.action is FaultAction.drop:
        return dropped()
    if fault.action is FaultAction.wrong_shape:
        if fault.body is not None:
            return json_reply(200, fault.body, fault.headers)
        if reply.status == 200 and reply.content_type == "application/json":
            data = reply.json
            data.pop(key_field, None)
            return json_reply(200, data)
    return reply


def delivered(fault: Fault | None, reply: Reply) -> Reply:
    """A successful image answer as the download fault wants it."""
    if fault is None:
        return reply
    if fault.action is FaultAction.corrupt:
        # Same length and type, but no decoder will make sense of it.
        size = len(reply.body)
        return dataclasses.replace(reply, body=(b"\xde\xad\xbe\xef" * size)[:size])
    if fault.action is FaultAction.truncate:
        return dataclasses.replace(reply, transport=Transport.truncate)
    if fault.action is FaultAction.slow:
        return dataclasses.replace(reply, transport=Transport.slow, seconds=fault.seconds or 0)
    return after(fault, reply, "")
